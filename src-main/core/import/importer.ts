/**
 * Import: files -> stage -> canonical rows -> outcome per row -> one transaction.
 *
 * Invariants:
 * - Every input row ends in exactly one of imported / duplicate / rejected / dropped_no_consent,
 *   and rows_read is their sum (blank lines are not rows).
 * - Nothing touches the workspace's tables before the final transaction; a failure or a cancel
 *   anywhere leaves the workspace exactly as it was.
 * - Dedupe by the kind's id within the dataset, across imports: the first occurrence wins
 *   (earlier imports, then file order, then line order). Table datasets have no id; a file whose
 *   sha256 was already imported into the dataset adds nothing there.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { DatasetKind, ImportProgress, ImportRequest, ImportSummary, ImportedFile } from '../../../src-shared/datasets';
import { DATASET_KINDS, ID_COLUMN } from '../../../src-shared/datasets';
import { UserError } from '../../../src-shared/errors';
import { rebuildRollups } from '../analyses/rollups';
import { updateCubes } from '../cubes/maintain';
import { isInterrupted, type Db } from '../db';
import { checkDatasetName, quoteIdent, quoteLiteral } from '../identifiers';
import { CANONICAL, TIME_COLUMN } from '../kinds';
import type { Workspace } from '../workspace';
import { canonicalSelect, flattenMetricsSql, metricsSelect, type CanonicalSelect } from './canonical';
import { detectKind, resolveMapping, type Mapping, type SourceKey } from './detect';
import { fingerprint, type Fingerprint } from './fingerprint';
import { expandSources, peek, type SourceFile } from './sources';
import { readSchemas, schemaReasonSql, schemasFolder, type EventSchema } from './event-schemas';
import { STAGE, createStage, dropStageTables, isLineFile, stageFile, stageLineFiles } from './stage';
import { inferTypes, keyNames, keyTypes } from './source-keys';
import { redactJson, redactRawText } from './redact';

const OUTCOME = '__tb_outcome';
/** Columns a dataset may hold: beyond this, planning the typed SELECT grows to minutes. */
const MAX_COLUMNS = 2_000;
const FILES = '__tb_files';
/** From this many rows imported the workspace's DuckDB is opened afresh (at 2M rows queries ran 15-25% slower before, at 10M 50-70%). */
const REOPEN_AFTER_ROWS = 1_000_000;

export interface ImportOptions {
  readonly onProgress?: (p: ImportProgress) => void;
  readonly signal?: AbortSignal;
}

interface ExistingDataset {
  readonly kind: DatasetKind;
  readonly columns: { name: string; type: string }[];
  readonly knownHashes: Map<string, number>;
}

export async function existing(ws: Workspace, name: string): Promise<ExistingDataset | null> {
  if (!(await ws.hasDataset(name))) return null;
  const info = await ws.dataset(name);
  const rows = await ws.db.rows(
    `SELECT f.sha256, max(f.rows_read) AS rows_read FROM tallybook.import_files f JOIN tallybook.imports i ON i.id = f.import_id
     WHERE i.dataset = ? GROUP BY f.sha256`,
    [name],
  );
  return { kind: info.kind, columns: info.columns.map((c) => ({ ...c })), knownHashes: new Map(rows.map((r) => [String(r.sha256), Number(r.rows_read)])) };
}

function checkCancelled(signal?: AbortSignal): void {
  if (signal?.aborted) throw new UserError('cancelled', 'import cancelled; the workspace is unchanged');
}

/**
 * Where each phase sits on the progress bar, from where the time of a 10M-event import goes
 * (reading 10%, keys and validation 35%, writing the rows and cubes 55%).
 */
const SPAN = { reading: [0.05, 0.15], validating: [0.15, 0.5], writing: [0.5, 0.99] } as const;
const within = (phase: keyof typeof SPAN, f: number) => SPAN[phase][0] + (SPAN[phase][1] - SPAN[phase][0]) * Math.min(1, Math.max(0, f));

/**
 * A phase's share of the bar (0..1, from `start`) moved by its statements, which run one after
 * another and each report 0..1: each fills half of what is left, so the bar moves while they run
 * and never goes back.
 */
function phaseBar(report: (share: number) => void, start = 0): (f: number) => void {
  let base = start;
  let last = 0;
  return (f) => {
    if (f < last) base += (1 - base) / 2;
    last = f;
    report(base + ((1 - base) / 2) * f);
  };
}

/** Runs fn while reporting DuckDB's own progress of the running statement (0..1) every 200 ms. */
async function reporting<T>(db: Db, fn: () => Promise<T>, onFraction: (f: number) => void): Promise<T> {
  const timer = setInterval(() => {
    const f = db.progress();
    if (f >= 0) onFraction(f);
  }, 200);
  try {
    return await fn();
  } finally {
    clearInterval(timer);
  }
}

/** Runs fn reporting DuckDB's progress, and interrupting it on cancel. */
async function watched<T>(db: Db, fn: () => Promise<T>, signal: AbortSignal | undefined, onFraction: (f: number) => void): Promise<T> {
  const onAbort = () => db.interrupt();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await reporting(db, fn, onFraction);
  } catch (e) {
    if (signal?.aborted || isInterrupted(e)) throw new UserError('cancelled', 'import cancelled; the workspace is unchanged');
    throw e;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

export function pickKind(requested: DatasetKind | undefined, found: ExistingDataset | null, detected: () => DatasetKind, name: string): DatasetKind {
  if (requested && !DATASET_KINDS.includes(requested)) {
    throw new UserError('bad_request', `unknown kind "${String(requested)}"`, `use one of ${DATASET_KINDS.join(', ')}`);
  }
  if (found && requested && requested !== found.kind) {
    throw new UserError('wrong_kind', `dataset "${name}" holds ${found.kind}, not ${requested}`, `import into another dataset (-n NEW_NAME) or use --kind ${found.kind}`);
  }
  return requested ?? found?.kind ?? detected();
}

function buildSelect(kind: DatasetKind, mapping: Mapping, keys: readonly SourceKey[], types: Map<string, string>, schemas: readonly EventSchema[]): CanonicalSelect {
  if (kind === 'metrics') return metricsSelect(mapping, STAGE);
  return canonicalSelect(kind, mapping, keys, types, STAGE, (column) => schemaReasonSql(schemas, column('event_name'), column('attributes')));
}

/** The dataset's final columns: what it had, plus what this import brings. */
function datasetColumns(kind: DatasetKind, select: CanonicalSelect, found: ExistingDataset | null): { name: string; sqlType: string }[] {
  const wanted =
    kind === 'metrics'
      ? [...CANONICAL.metrics.map((c) => ({ name: c.name, sqlType: c.name === 'ts' ? 'TIMESTAMPTZ' : c.name === 'value' ? 'DOUBLE' : 'VARCHAR' })), { name: 'snapshot_id', sqlType: 'VARCHAR' }]
      : select.columns;
  if (!found) return [...wanted];
  const have = found.columns.map((c) => ({ name: c.name, sqlType: c.type }));
  const lower = new Set(have.map((c) => c.name.toLowerCase()));
  return [...have, ...wanted.filter((c) => !lower.has(c.name.toLowerCase()))];
}

export async function importFiles(ws: Workspace, req: ImportRequest, opts: ImportOptions = {}): Promise<ImportSummary> {
  const db = ws.db;
  if (db.readOnly) throw new UserError('read_only', `workspace ${ws.path} is open read-only`, 'open it without --read-only to import');
  const name = checkDatasetName(req.dataset);
  const progress = (p: Omit<ImportProgress, 'fraction'> & { fraction?: number }) =>
    opts.onProgress?.({ fraction: 0, ...p });
  const startedAt = new Date();
  const sources = await expandSources(req.paths);
  const found = await existing(ws, name);

  // 1. Fingerprints: hashed in this thread while DuckDB stages in its own, except where a table
  //    dataset must skip the files it already holds, which needs their hashes first.
  const hashing = (async () => {
    const prints: Fingerprint[] = [];
    for (const f of sources) prints.push(await fingerprint(f.path, opts.signal));
    return prints;
  })();
  hashing.catch(() => undefined);
  progress({ phase: 'hashing', filesDone: 0, filesTotal: sources.length, fraction: 0 });
  const prints = found?.kind === 'table' ? await hashing : null;

  try {
    // 2. Stage every file (most of the work).
    await createStage(db);
    await db.run(`CREATE OR REPLACE TEMP TABLE ${FILES} (idx INTEGER, path VARCHAR)`);
    const rowsRead: number[] = [];
    const skipped = new Set<number>();
    await db.run(`INSERT INTO ${FILES} SELECT * FROM (VALUES ${sources.map((f, i) => `(${i}, ${quoteLiteral(f.path)})`).join(', ')})`);
    // Small NDJSON files (a folder of exports) are read many at a time, the others one by one.
    const batched = prints ? new Map<number, number>() : await stageSmallLineFiles(db, sources, opts.signal, (done) =>
      progress({ phase: 'reading', filesDone: done, filesTotal: sources.length, fraction: within('reading', done / sources.length) }),
    );
    for (const [i, f] of sources.entries()) {
      checkCancelled(opts.signal);
      const inBatch = batched.get(i);
      if (inBatch !== undefined) {
        rowsRead.push(inBatch);
        continue;
      }
      const known = prints && found ? found.knownHashes.get(prints[i]!.sha256) : undefined;
      if (known !== undefined) {
        skipped.add(i);
        rowsRead.push(known);
        continue;
      }
      progress({ phase: 'reading', file: f.path, filesDone: i, filesTotal: sources.length, fraction: within('reading', i / sources.length) });
      // An unreadable file: the fingerprint's message says so.
      const size = await stat(f.path).then((st) => st.size, async () => (await hashing, 0));
      const n = size === 0 ? 0 : await watched(db, () => stageFile(db, f, i), opts.signal, phaseBar((x) =>
        progress({ phase: 'reading', file: f.path, filesDone: i, filesTotal: sources.length, fraction: within('reading', (i + x) / sources.length) }),
      ));
      rowsRead.push(n);
    }
    checkCancelled(opts.signal);

    // 3. Kind, mapping, canonical rows and the outcome of each row.
    const validating = (f: number) => progress({ phase: 'validating', filesDone: sources.length, filesTotal: sources.length, fraction: within('validating', f) });
    validating(0);
    // The keys' JSON types take a pass over every row: they are read for the keys no canonical
    // column takes (their SQL types are guessed from them), and for all keys only when the kind
    // must be detected and the names alone do not tell events or jobs (metrics, tables).
    const names = await keyNames(db, STAGE);
    const where = sources.length === 1 ? basename(sources[0]!.path) : `the ${sources.length} files`;
    if (names.length === 0 && !found) await refuseUnreadable(db, where, sources);
    if (names.length > MAX_COLUMNS) {
      throw new UserError(
        'bad_format',
        `${where} ${sources.length === 1 ? 'has' : 'have'} ${names.length.toLocaleString('en-US')} columns; a dataset holds at most ${MAX_COLUMNS.toLocaleString('en-US')}`,
        'keep the columns you need (e.g. cut the file with DuckDB or a spreadsheet) or split it into several datasets',
      );
    }
    let keys: SourceKey[] = names.map((n) => ({ name: n, type: 'VARCHAR' }));
    const detecting = !req.kind && !found && !['events', 'jobs'].includes(detectKind(keys));
    if (detecting) keys = await keyTypes(db, STAGE, names);
    const kind = pickKind(req.kind, found, () => detectKind(keys), name);
    const mapping = resolveMapping(kind, keys, req.mapping ?? {}, where);
    if (kind === 'table' && keys.length === 0 && !found) {
      throw new UserError('bad_format', `nothing to import: ${where} hold${sources.length === 1 ? 's' : ''} no readable rows`, 'check the files are not empty');
    }
    const consumed = new Set(Object.values(mapping).flat());
    const extra = keys.filter((k) => !consumed.has(k.name));
    const typedExtra = detecting || kind === 'metrics' ? extra : await keyTypes(db, STAGE, extra.map((k) => k.name));
    const types = kind === 'metrics' ? new Map<string, string>() : await inferTypes(db, STAGE, typedExtra);
    const folder = kind === 'events' ? schemasFolder(req.schemas, ws.path) : null;
    const select = buildSelect(kind, mapping, keys, types, folder ? readSchemas(folder) : []);
    // Finding the keys takes about a sixth of this phase, typing and checking every row the rest.
    validating(1 / 6);
    await watched(db, () => computeOutcomes(db, select.sql, kind, name, found !== null, !req.keepNoConsent), opts.signal, phaseBar(validating, 1 / 6));
    // The outcome table holds all that is written from here on: the staged text goes now, which
    // leaves DuckDB the memory for writing the rows (at 10M events the text is 3 GB).
    await dropStageTables(db);
    checkCancelled(opts.signal);

    const printed = prints ?? (await hashing);
    // 4. Counts.
    const counts = await db.rows(`SELECT __outcome AS outcome, __reason AS reason, count(*) AS n FROM ${OUTCOME} GROUP BY ALL`);
    const total = (o: string) => counts.filter((c) => c.outcome === o).reduce((s, c) => s + Number(c.n), 0);
    const byReason: Record<string, number> = {};
    for (const c of counts) if (c.outcome === 'rejected') byReason[String(c.reason)] = Number(c.n);
    const skippedRows = [...skipped].reduce((s, i) => s + rowsRead[i]!, 0);
    const files: ImportedFile[] = sources.map((f, i) => ({
      path: f.path,
      size: printed[i]!.size,
      mtime: printed[i]!.mtime,
      sha256: printed[i]!.sha256,
      format: f.gzip ? `${f.format}.gz` : f.format,
      rows_read: rowsRead[i]!,
    }));
    const summary: Omit<ImportSummary, 'import_id'> = {
      dataset: name,
      kind,
      rows_read: rowsRead.reduce((a, b) => a + b, 0),
      rows_imported: total('imported'),
      duplicates: total('duplicate') + skippedRows,
      rejected: total('rejected'),
      dropped_no_consent: total('dropped_no_consent'),
      rejected_by_reason: byReason,
      files,
      mapping: Object.fromEntries(Object.entries(mapping).map(([k, v]) => [k, v.join(' | ')])),
    };

    // 5. One transaction: the dataset, its rejects, its history, its rollups.
    checkCancelled(opts.signal);
    // Writing cannot be cancelled (the commit is near): its bar follows the rows' and cubes' statements.
    const writing = (f: number) => progress({ phase: 'writing', filesDone: sources.length, filesTotal: sources.length, fraction: within('writing', f) });
    writing(0);
    const importId = await reporting(db, () => db.transaction(() => writeImport(ws, { name, kind, select, found, mapping, summary, startedAt, req, sources })), phaseBar(writing));
    // A checkpoint that fails for a full disk stops DuckDB: that must reach the user.
    await db.run('CHECKPOINT').catch((e: unknown) => {
      if (db.invalidated) throw e;
    });
    // The DuckDB that wrote millions of rows answers slower than one opening them afresh (reopen()).
    if (summary.rows_imported >= REOPEN_AFTER_ROWS) await db.reopen();
    progress({ phase: 'done', filesDone: sources.length, filesTotal: sources.length, fraction: 1 });
    return { ...summary, import_id: importId };
  } finally {
    await dropStageTables(db);
    for (const t of [OUTCOME, FILES]) await db.run(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
  }
}

/** Files up to this size count as small: read together, BATCH_FILES at a time. */
const SMALL_FILE_BYTES = 1024 * 1024;
const BATCH_FILES = 500;

/**
 * Stages the small NDJSON files among the sources in batches; returns the rows staged per
 * source index (files of a batch whose read set lines aside are left out, for one-by-one staging).
 */
async function stageSmallLineFiles(db: Db, sources: readonly SourceFile[], signal: AbortSignal | undefined, onBatch: (done: number) => void): Promise<Map<number, number>> {
  const small: { file: SourceFile; index: number }[] = [];
  if (sources.length < 2) return new Map();
  for (const [index, file] of sources.entries()) {
    const size = await stat(file.path).then((st) => st.size, () => 0);
    if (size > 0 && size <= SMALL_FILE_BYTES && (await isLineFile(file).catch(() => false))) small.push({ file, index });
  }
  const staged = new Map<number, number>();
  for (let i = 0; i < small.length; i += BATCH_FILES) {
    checkCancelled(signal);
    const counts = await stageLineFiles(db, small.slice(i, i + BATCH_FILES));
    for (const [index, n] of counts ?? []) staged.set(index, n);
    onBatch(staged.size);
  }
  return staged;
}

/** Bytes that are not text: a NUL, or not UTF-8 (a sequence cut at the end aside). */
function looksBinary(bytes: Buffer): boolean {
  if (bytes.includes(0)) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, Math.max(0, bytes.length - 3)));
    return false;
  } catch {
    return true;
  }
}

/** A new dataset from files of which no row could be read: say so, naming the first bad line. */
async function refuseUnreadable(db: Db, where: string, sources: readonly SourceFile[]): Promise<void> {
  const [first] = await db.rows(`SELECT __file, __line, left(__text, 60) AS text, count(*) OVER () AS n FROM ${STAGE} ORDER BY __file, __line LIMIT 1`);
  if (!first) throw new UserError('bad_format', `nothing to import: ${where} hold${sources.length === 1 ? 's' : ''} no rows`, 'check the files are not empty');
  const source = sources[Number(first.__file)]!;
  const file = basename(source.path);
  const shown = looksBinary(await peek(source.path, source.gzip, 4096)) ? 'binary data' : JSON.stringify(String(first.text ?? ''));
  throw new UserError(
    'bad_format',
    `none of the ${Number(first.n).toLocaleString('en-US')} lines of ${where} could be read: ${file} line ${Number(first.__line)} holds ${shown}`,
    'check that the file is what its name says (NDJSON: one JSON object per line; JSON: an array of objects; CSV with a header), and not compressed or binary',
  );
}

/**
 * The canonical rows (one statement, never stored apart) with __outcome per row: rejected (a
 * reason), dropped_no_consent, duplicate (id seen earlier in this import or already in the
 * dataset), imported.
 */
async function computeOutcomes(db: Db, canonical: string, kind: DatasetKind, name: string, datasetExists: boolean, dropNoConsent: boolean): Promise<void> {
  const idCol = ID_COLUMN[kind];
  const seen = idCol && datasetExists ? `__id IN (SELECT ${quoteIdent(idCol)} FROM ${quoteIdent(name)})` : 'false';
  // The source text is kept only where it is read again: rejected rows (their raw text) and
  // metrics snapshots (flattened from it); at 10M events it would double the table.
  const text = kind === 'metrics' ? '*' : `* REPLACE (CASE WHEN __reason IS NOT NULL THEN __text END AS __text)`;
  await db.run(`
    CREATE OR REPLACE TEMP TABLE ${OUTCOME} AS
    SELECT ${text}, CASE
      WHEN __reason IS NOT NULL THEN 'rejected'
      WHEN ${dropNoConsent ? '__no_consent' : 'false'} THEN 'dropped_no_consent'
      WHEN ${seen} THEN 'duplicate'
      ELSE 'imported' END AS __outcome
    FROM (${canonical})`);
  if (!idCol) return;
  // An id twice in this import: the first (by file, line) is imported, the others are duplicates.
  // Only repeated ids are ranked (ranking every row by id cost 0.5 s per million).
  await db.run(`
    UPDATE ${OUTCOME} SET __outcome = 'duplicate' WHERE rowid IN (
      SELECT rowid FROM ${OUTCOME}
      WHERE __outcome = 'imported' AND __id IN (SELECT __id FROM ${OUTCOME} WHERE __outcome = 'imported' GROUP BY __id HAVING count(*) > 1)
      QUALIFY row_number() OVER (PARTITION BY __id ORDER BY __file, __line) > 1)`);
}

/**
 * Whether the imported rows, in the order they were staged, are already in time order (exports
 * usually are): then they are written as they come, which spares a sort of every row.
 */
async function inTimeOrder(db: Db, timeColumn: string): Promise<boolean> {
  const descents = await db.value(`
    SELECT count(*) FROM (SELECT ${timeColumn} < lag(${timeColumn}) OVER (ORDER BY rowid) AS down FROM ${OUTCOME} WHERE __outcome = 'imported') WHERE down`);
  return Number(descents) === 0;
}

interface WriteArgs {
  readonly name: string;
  readonly kind: DatasetKind;
  readonly select: CanonicalSelect;
  readonly found: ExistingDataset | null;
  readonly mapping: Mapping;
  readonly summary: Omit<ImportSummary, 'import_id'>;
  readonly startedAt: Date;
  readonly req: ImportRequest;
  readonly sources: readonly SourceFile[];
}

async function writeImport(ws: Workspace, a: WriteArgs): Promise<number> {
  const db = ws.db;
  const table = quoteIdent(a.name);
  const columns = datasetColumns(a.kind, a.select, a.found);
  if (!a.found) {
    await db.run(`CREATE TABLE ${table} (${columns.map((c) => `${quoteIdent(c.name)} ${c.sqlType}`).join(', ')})`);
  } else {
    const have = new Set(a.found.columns.map((c) => c.name.toLowerCase()));
    for (const c of columns) if (!have.has(c.name.toLowerCase())) await db.run(`ALTER TABLE ${table} ADD COLUMN ${quoteIdent(c.name)} ${c.sqlType}`);
  }
  const typeOf = new Map(columns.map((c) => [c.name.toLowerCase(), c.sqlType]));
  const timeColumn = a.kind === 'table' ? null : TIME_COLUMN[a.kind];
  /** The rows this import adds, for the cubes (none: an empty relation). */
  let cubeRows = `(SELECT * FROM ${table} LIMIT 0)`;
  if (a.summary.rows_imported === 0) {
    // Nothing new: the dataset's rows stay as they are.
  } else if (a.kind === 'metrics') {
    const tsKeys = a.mapping.ts ?? [];
    await db.run(`INSERT INTO ${table} (ts, metric, value, source_file, snapshot_id) ${flattenMetricsSql(OUTCOME, FILES, tsKeys)} ORDER BY ts, metric`);
  } else {
    const redact = a.req.redact === true && a.kind === 'events';
    const targets = a.select.columns.map((c) => quoteIdent(columns.find((d) => d.name.toLowerCase() === c.name.toLowerCase())!.name));
    const values = a.select.columns.map((c, i) => {
      const want = typeOf.get(c.name.toLowerCase()) ?? c.sqlType;
      const v = redact && (c.name === 'attributes' || c.name === 'context') ? redactJson(`c${i}`) : `c${i}`;
      return want === c.sqlType ? v : `TRY_CAST(${v} AS ${want})`;
    });
    const time = timeColumn ? `c${a.select.columns.findIndex((c) => c.name === timeColumn)}` : null;
    const order = time === null ? 'ORDER BY __file, __line' : (await inTimeOrder(db, time)) ? '' : `ORDER BY ${time}, __file, __line`;
    const newRows = `SELECT ${values.map((v, i) => `${v} AS ${targets[i]}`).join(', ')} FROM ${OUTCOME} WHERE __outcome = 'imported'`;
    await db.run(`INSERT INTO ${table} (${targets.join(', ')}) ${newRows} ${order}`);
    if (a.kind === 'events') cubeRows = `(${newRows})`;
  }
  const importId = Number(await db.value(`SELECT nextval('tallybook.import_ids')`));
  await db.run(
    `INSERT INTO tallybook.rejects SELECT ?, ?, f.path, o.__line, o.__reason, ${a.req.redact === true ? redactRawText('o.__text') : 'o.__text'}
     FROM ${OUTCOME} o JOIN ${FILES} f ON f.idx = o.__file WHERE o.__outcome = 'rejected'`,
    [importId, a.name],
  );
  const s = a.summary;
  await db.run(
    `INSERT INTO tallybook.imports VALUES (?, ?, ?, ?, now(), ?, ?, ?, ?, ?, ?, ?)`,
    [importId, a.name, a.kind, a.startedAt.toISOString(), JSON.stringify({ kind: a.req.kind ?? null, mapping: s.mapping, keepNoConsent: !!a.req.keepNoConsent, redact: !!a.req.redact }),
      s.rows_read, s.rows_imported, s.duplicates, s.rejected, s.dropped_no_consent, JSON.stringify(s.rejected_by_reason)],
  );
  for (let i = 0; i < s.files.length; i += BATCH_FILES) {
    const files = s.files.slice(i, i + BATCH_FILES);
    await db.run(
      `INSERT INTO tallybook.import_files VALUES ${files.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      files.flatMap((f) => [importId, f.path, f.size, f.mtime, f.sha256, f.format, f.rows_read]),
    );
  }
  if (a.found) {
    await db.run(`UPDATE tallybook.datasets SET version = version + 1 WHERE name = ?`, [a.name]);
  } else {
    await db.run(`INSERT INTO tallybook.datasets (name, kind, time_column, mapping, created_at) VALUES (?, ?, ?, ?, now())`, [a.name, a.kind, timeColumn, JSON.stringify(s.mapping)]);
  }
  if (a.kind === 'events') {
    const version = Number(await db.value(`SELECT version FROM tallybook.datasets WHERE name = ?`, [a.name]));
    await updateCubes(db, a.name, version, cubeRows, a.found === null);
    await rebuildRollups(db, a.name, 'cube');
  }
  return importId;
}
