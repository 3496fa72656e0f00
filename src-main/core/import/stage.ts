/**
 * Stage: every input row of every file becomes one row of the temp view
 *   __tb_stage(__file INTEGER, __line BIGINT, __text VARCHAR, __ok BOOLEAN)
 * where __text is the row as a JSON object (for __ok rows) or the raw text that could not be
 * parsed (for malformed rows), and __line the 1-based line (CSV/NDJSON: the record's line; JSON
 * arrays: the element's position; Parquet: the row number). DuckDB's readers do all parsing;
 * blank lines are not rows. Nothing here touches the workspace's tables.
 *
 * The view is the rows copied into __tb_stage_rows plus one part per NDJSON file read cleanly
 * (not in a batch of small files): that file's lines exactly as read (line = rowid + 1), never
 * copied — at 10M events a copy of the text cost 12.7 s and doubled the memory held.
 */
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { UserError } from '../../../src-shared/errors';
import type { Db } from '../db';
import { quoteLiteral } from '../identifiers';
import { peek, type SourceFile } from './sources';

export const STAGE = '__tb_stage';
const STAGE_ROWS = '__tb_stage_rows';
const PART = '__tb_part_';
const READ = '__tb_read';
const REJ = '__tb_rej';
const REJ_SCAN = '__tb_rej_scan';
const MAX_LINE = 64 * 1024 * 1024;

/** At most this many files are staged as parts (later ones are copied): the view stays small. */
const MAX_PARTS = 64;

export async function createStage(db: Db): Promise<void> {
  await dropStageTables(db);
  await db.run(`CREATE TEMP TABLE ${STAGE_ROWS} (__file INTEGER, __line BIGINT, __text VARCHAR, __ok BOOLEAN)`);
  await defineStage(db, []);
}

async function partTables(db: Db): Promise<number[]> {
  const rows = await db.rows(`SELECT table_name FROM duckdb_tables() WHERE database_name = 'temp' AND starts_with(table_name, '${PART}')`);
  return rows.map((r) => Number(String(r.table_name).slice(PART.length))).sort((a, b) => a - b);
}

async function defineStage(db: Db, parts: readonly number[]): Promise<void> {
  const selects = [
    `SELECT * FROM ${STAGE_ROWS}`,
    ...parts.map((i) => `SELECT ${Math.floor(i)} AS __file, t.rowid + 1 AS __line, t.__text, t.__ok FROM ${PART}${Math.floor(i)} t WHERE t.__keep`),
  ];
  await db.run(`CREATE OR REPLACE TEMP VIEW ${STAGE} AS ${selects.join(' UNION ALL ')}`);
}

export async function dropStageTables(db: Db): Promise<void> {
  await db.run(`DROP VIEW IF EXISTS ${STAGE}`).catch(() => undefined);
  const parts = await partTables(db).catch(() => []);
  for (const t of [STAGE_ROWS, READ, REJ, REJ_SCAN, ...parts.map((i) => `${PART}${i}`)]) await db.run(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
}

type JsonLayout = 'lines' | 'array' | 'unstructured';

async function jsonLayout(file: SourceFile): Promise<JsonLayout> {
  const text = (await peek(file.path, file.gzip, 1 << 20)).toString('utf8').replace(/^\uFEFF/, '');
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) return 'array';
  if (!trimmed.startsWith('{')) return 'lines';
  const firstLine = trimmed.split('\n', 1)[0]!.trim();
  try {
    JSON.parse(firstLine);
    return 'lines';
  } catch {
    return 'unstructured';
  }
}

/** DuckDB's own message, first line, without the "Invalid Input Error:" prefix. */
function duckMessage(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return (msg.split('\n')[0] ?? msg).replace(/^[A-Za-z ]+Error: /, '');
}

async function readInto(db: Db, file: SourceFile, sql: string, params: string[], limit?: number, into = READ): Promise<void> {
  try {
    await db.run(`CREATE OR REPLACE TEMP TABLE ${into} AS ${sql}${limit ? ` LIMIT ${Math.floor(limit)}` : ''}`, params);
  } catch (e) {
    if (e instanceof Error && /interrupt/i.test(e.message)) throw new UserError('cancelled', 'import cancelled');
    throw new UserError('bad_format', `${basename(file.path)}: cannot be read as ${file.format.toUpperCase()} (${duckMessage(e)})`, `check the file, or import it with --kind table after fixing it; full path: ${file.path}`);
  }
}

/**
 * Lines of good rows shifted past the reader's rejected lines: good row k (0-based) sits on line
 * k + base + (number of rejected lines before it). With rejected lines r_1 < r_2 < …, reject i
 * would be good-row position a_i = r_i - (i - 1); so the shift is #{i : a_i <= k + base}.
 */
/** Whether the last read set lines aside (too long, or not in the file's encoding). */
async function hasRejects(db: Db): Promise<boolean> {
  const exists = Number(await db.value(`SELECT count(*) FROM duckdb_tables() WHERE table_name = '${REJ}' AND database_name = 'temp'`)) > 0;
  return exists && Number(await db.value(`SELECT count(*) FROM ${REJ}`)) > 0;
}

async function insertWithRejects(db: Db, fileIndex: number, base: number, textExpr: string, okExpr: string, keep = 'true', read = READ): Promise<void> {
  if (!(await hasRejects(db))) {
    await db.run(`INSERT INTO ${STAGE_ROWS} SELECT ?, t.rowid + ${base}, ${textExpr}, ${okExpr} FROM ${read} t WHERE ${keep}`, [fileIndex]);
    return;
  }
  await db.run(
    `INSERT INTO ${STAGE_ROWS}
     WITH rej AS (SELECT line, min(csv_line) AS raw FROM ${REJ} GROUP BY line),
          adj AS (SELECT line - row_number() OVER (ORDER BY line) + 1 AS a FROM rej),
          adjc AS (SELECT a, sum(count(*)) OVER (ORDER BY a) AS c FROM adj GROUP BY a),
          good AS (SELECT t.rowid + ${base} AS pos, ${textExpr} AS text, ${okExpr} AS ok, ${keep} AS keep FROM ${read} t)
     SELECT ?, good.pos + coalesce(adjc.c, 0), good.text, good.ok FROM good ASOF LEFT JOIN adjc ON good.pos >= adjc.a WHERE good.keep
     UNION ALL
     SELECT ?, line, raw, false FROM rej`,
    [fileIndex, fileIndex],
  );
}

/**
 * NDJSON lines: a BOM and a trailing CR stripped (only from lines that have them: trimming every
 * line cost 1 s per million), blank lines (not rows) told apart, objects checked.
 */
const LINE_TEXT = `CASE WHEN ends_with(t.line, chr(13)) OR starts_with(t.line, chr(65279)) THEN rtrim(ltrim(t.line, chr(65279)), chr(13)) ELSE t.line END`;
/** Over the line's text `x`: a JSON object (a line opening with '{' needs only a validity check). */
const lineOk = (x: string) => `CASE WHEN starts_with(${x}, '{') THEN json_valid(${x}) ELSE coalesce(json_type(TRY_CAST(${x} AS JSON)) = 'OBJECT', false) END`;
const lineNotBlank = (x: string) => `CASE WHEN ${x} IS NULL THEN false WHEN starts_with(${x}, '{') THEN true ELSE trim(${x}) <> '' END`;
/** (text, ok, keep) of every line read as `t.line`. */
const LINE_COLUMNS = `__text, ${lineOk('__text')} AS __ok, ${lineNotBlank('__text')} AS __keep`;

function linesReader(paths: string, filename: boolean): string {
  return `read_csv(${paths}, columns={'line': 'VARCHAR'}, header=false, delim='\\0', quote='', escape='',
       auto_detect=false, strict_mode=false, store_rejects=true, rejects_table='${REJ}', rejects_scan='${REJ_SCAN}',
       max_line_size=${MAX_LINE}${filename ? ', filename=true' : ''})`;
}

/** Whether a file is NDJSON (one JSON value per line), which stageLineFiles can read in batches. */
export async function isLineFile(file: SourceFile): Promise<boolean> {
  return file.format === 'json' && (await jsonLayout(file)) === 'lines';
}

/**
 * Many NDJSON files in one read (a folder of thousands of small exports): the rows of each
 * with their own line numbers, as stageFile would give them. Returns the rows staged per file
 * index, or null — nothing staged — when the read set lines aside (then stage the files one by
 * one, which places those lines exactly).
 */
export async function stageLineFiles(db: Db, files: readonly { file: SourceFile; index: number }[]): Promise<Map<number, number> | null> {
  await db.run(`DROP TABLE IF EXISTS ${REJ}`);
  await db.run(`DROP TABLE IF EXISTS ${REJ_SCAN}`);
  const paths = `[${files.map((f) => quoteLiteral(f.file.path)).join(', ')}]`;
  try {
    await db.run(`CREATE OR REPLACE TEMP TABLE ${READ} AS SELECT line, filename FROM ${linesReader(paths, true)}`);
  } catch (e) {
    if (e instanceof Error && /interrupt/i.test(e.message)) throw new UserError('cancelled', 'import cancelled');
    return null;
  }
  if (await hasRejects(db)) return null;
  const index = `(VALUES ${files.map((f) => `(${Math.floor(f.index)}, ${quoteLiteral(f.file.path)})`).join(', ')}) AS m(idx, path)`;
  await db.run(
    `INSERT INTO ${STAGE_ROWS} SELECT idx, line_no, text, ok FROM (
       SELECT m.idx, row_number() OVER (PARTITION BY t.filename ORDER BY t.rowid) AS line_no, __text AS text, __ok AS ok, __keep AS keep
       FROM (SELECT rowid, filename, ${LINE_COLUMNS} FROM (SELECT rowid, filename, ${LINE_TEXT} AS __text FROM ${READ} t)) t JOIN ${index} ON m.path = t.filename) WHERE keep`,
  );
  await db.run(`DROP TABLE IF EXISTS ${READ}`);
  const counts = await db.rows(`SELECT __file AS idx, count(*) AS n FROM ${STAGE} WHERE __file BETWEEN ? AND ? GROUP BY 1`, [
    Math.min(...files.map((f) => f.index)),
    Math.max(...files.map((f) => f.index)),
  ]);
  const staged = new Map(files.map((f) => [f.index, 0]));
  for (const c of counts) staged.set(Number(c.idx), Number(c.n));
  return staged;
}

/** The file's size and whether its last byte ends a line. */
async function fileEnd(path: string): Promise<{ size: number; newlineAtEnd: boolean }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const last = Buffer.alloc(1);
    if (size > 0) await handle.read(last, 0, 1, size - 1);
    return { size, newlineAtEnd: size > 0 && last[0] === 0x0a };
  } finally {
    await handle.close();
  }
}

/**
 * The fast read of a clean NDJSON file into `part`: DuckDB's JSON reader cuts and checks the
 * lines about three times faster than reading them as CSV and checking each. It also trims the
 * whitespace around a line and skips blank lines, which would change a row's text and shift
 * line numbers, so the read is kept only when the rows' bytes and their newlines add up to the
 * file's size exactly: no line lost a byte, every line is one row and rowid + 1 its line. Any
 * other file (a malformed line, a BOM, CRLF, a blank line) is not kept: false, nothing staged.
 */
async function readAsIs(db: Db, file: SourceFile, part: string): Promise<boolean> {
  try {
    await db.run(
      `CREATE OR REPLACE TEMP TABLE ${part} AS SELECT __text, starts_with(__text, '{') AS __ok, true AS __keep
       FROM (SELECT CAST(json AS VARCHAR) AS __text FROM read_ndjson_objects(?, format='newline_delimited', maximum_object_size=${MAX_LINE}))`,
      [file.path],
    );
    const { size, newlineAtEnd } = await fileEnd(file.path);
    const [read] = await db.rows(`SELECT count(*) AS n, coalesce(sum(strlen(__text)), 0) AS bytes FROM ${part}`);
    const rows = Number(read?.n ?? 0);
    if (rows > 0 && Number(read?.bytes ?? 0) + rows - (newlineAtEnd ? 0 : 1) === size) return true;
  } catch (e) {
    if (e instanceof Error && /interrupt/i.test(e.message)) throw new UserError('cancelled', 'import cancelled');
  }
  await db.run(`DROP TABLE IF EXISTS ${part}`);
  return false;
}

/**
 * An NDJSON file's lines, read with their text trimmed and checked in the same pass. Read
 * cleanly, the table stays as it was read (a part of the stage); a file with lines set aside
 * (their line numbers shift), a preview, or a file past MAX_PARTS is copied in.
 */
async function stageLines(db: Db, file: SourceFile, fileIndex: number, limit?: number): Promise<void> {
  const part = `${PART}${Math.floor(fileIndex)}`;
  const held = await partTables(db);
  const asPart = limit === undefined && held.length < MAX_PARTS;
  if (asPart && !file.gzip && (await readAsIs(db, file, part))) {
    await defineStage(db, [...held, fileIndex]);
    return;
  }
  await db.run(`DROP TABLE IF EXISTS ${REJ}`);
  await db.run(`DROP TABLE IF EXISTS ${REJ_SCAN}`);
  await readInto(db, file, `SELECT ${LINE_COLUMNS} FROM (SELECT ${LINE_TEXT} AS __text FROM ${linesReader('?', false)} t)`, [file.path], limit, part);
  if (asPart && !(await hasRejects(db))) {
    await defineStage(db, [...held, fileIndex]);
    return;
  }
  await insertWithRejects(db, fileIndex, 1, 't.__text', 't.__ok', 't.__keep', part);
  await db.run(`DROP TABLE IF EXISTS ${part}`);
}

async function stageJsonDocument(db: Db, file: SourceFile, fileIndex: number, layout: 'array' | 'unstructured', limit?: number): Promise<void> {
  await readInto(db, file, `SELECT json FROM read_json_objects(?, format='${layout}', maximum_object_size=${MAX_LINE})`, [file.path], limit);
  await db.run(
    `INSERT INTO ${STAGE_ROWS} SELECT ?, t.rowid + 1, t.json::VARCHAR, coalesce(json_type(t.json) = 'OBJECT', false) FROM ${READ} t`,
    [fileIndex],
  );
}

async function readCsv(db: Db, file: SourceFile, encoding: 'utf-8' | 'latin-1', limit?: number): Promise<void> {
  await db.run(`DROP TABLE IF EXISTS ${REJ}`);
  await db.run(`DROP TABLE IF EXISTS ${REJ_SCAN}`);
  await readInto(
    db,
    file,
    `SELECT * FROM read_csv(?, all_varchar=true, store_rejects=true, rejects_table='${REJ}', rejects_scan='${REJ_SCAN}',
       max_line_size=${MAX_LINE}, encoding='${encoding}')`,
    [file.path],
    limit,
  );
}

/**
 * Whether a CSV read as UTF-8 is really Latin-1 (Windows exports): some lines are not UTF-8,
 * and no line that is holds a character beyond ASCII. A UTF-8 file with a few broken lines keeps
 * its encoding, and those lines are rejected.
 */
async function isLatin1(db: Db): Promise<boolean> {
  const broken = Number(await db.value(`SELECT count(*) FROM ${REJ} WHERE error_type = 'INVALID ENCODING'`));
  if (broken === 0) return false;
  return Number(await db.value(`SELECT count(*) FROM ${READ} t WHERE strlen(to_json(t)::VARCHAR) <> length(to_json(t)::VARCHAR)`)) === 0;
}

async function stageCsv(db: Db, file: SourceFile, fileIndex: number, limit?: number): Promise<void> {
  await readCsv(db, file, 'utf-8', limit);
  if (await isLatin1(db)) await readCsv(db, file, 'latin-1', limit);
  const cols = await db.rows(`SELECT column_name FROM duckdb_columns() WHERE table_name = '${READ}' AND database_name = 'temp'`);
  const headerless = cols.every((c) => /^column\d+$/.test(String(c.column_name)));
  await insertWithRejects(db, fileIndex, headerless ? 1 : 2, 'to_json(t)::VARCHAR', 'true');
}

async function stageParquet(db: Db, file: SourceFile, fileIndex: number, limit?: number): Promise<void> {
  await readInto(db, file, `SELECT * FROM read_parquet(?)`, [file.path], limit);
  await db.run(`INSERT INTO ${STAGE_ROWS} SELECT ?, t.rowid + 1, to_json(t)::VARCHAR, true FROM ${READ} t`, [fileIndex]);
}

/** Appends one file's rows (or its first `limit` rows, for a preview) to the stage; returns how many. */
export async function stageFile(db: Db, file: SourceFile, fileIndex: number, limit?: number): Promise<number> {
  if (file.format === 'csv') await stageCsv(db, file, fileIndex, limit);
  else if (file.format === 'parquet') await stageParquet(db, file, fileIndex, limit);
  else {
    const layout = await jsonLayout(file);
    if (layout === 'lines') await stageLines(db, file, fileIndex, limit);
    else await stageJsonDocument(db, file, fileIndex, layout, limit);
  }
  await db.run(`DROP TABLE IF EXISTS ${READ}`);
  return Number(await db.value(`SELECT count(*) FROM ${STAGE} WHERE __file = ?`, [fileIndex]));
}
