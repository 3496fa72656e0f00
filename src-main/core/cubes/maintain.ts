/**
 * Keeping the cubes of an events dataset in step with its rows, inside the import's transaction.
 * tallybook.cube_state records the dataset version the cubes describe and the attributes that
 * have histograms. When the cubes describe the version just before this import, the cubes of
 * the new rows are appended; otherwise (a new dataset, a workspace from before cubes existed)
 * they are rebuilt from the whole table. Readers use the cubes only when the state's version is
 * the dataset's, so a stale or missing cube means the raw rows answer, never a wrong answer.
 */
import type { Db } from '../db';
import { quoteIdent } from '../identifiers';
import { COUNT_CUBES, USER_DAYS, VALUE_HOURS, countCubeSql, numericKeysSql, userDaysSql, userDaysWithPrevSql, valueCubeSql } from './cube-tables';

/** Rows sampled to find the numeric attributes of a dataset. */
const FIELD_SAMPLE = 100_000;

export interface CubeState {
  readonly version: number;
  readonly histogramFields: readonly string[];
}

export async function cubeState(db: Db, dataset: string): Promise<CubeState | null> {
  const [row] = await db.rows(`SELECT version, histogram_fields FROM tallybook.cube_state WHERE dataset = ?`, [dataset]);
  if (!row) return null;
  return { version: Number(row.version), histogramFields: JSON.parse(String(row.histogram_fields)) as string[] };
}

async function appendCubes(db: Db, dataset: string, from: string, fields: readonly string[]): Promise<void> {
  for (const cube of COUNT_CUBES) await db.run(`INSERT INTO ${cube.table} SELECT ?, * FROM (${countCubeSql(cube, from)})`, [dataset]);
  if (fields.length) await db.run(`INSERT INTO ${VALUE_HOURS} SELECT ?, * FROM (${valueCubeSql(fields, from)})`, [dataset]);
  await appendUserDays(db, dataset, from);
}

const NEW_USER_DAYS = '__tb_new_user_days';

/**
 * Adds the (day, user) pairs of `from` that user_days lacks, then sets prev_day afresh for the
 * users who got one (a new day can fall between two they had). A dataset without pairs yet
 * gets them with prev_day in one statement.
 */
async function appendUserDays(db: Db, dataset: string, from: string): Promise<void> {
  const held = Number(await db.value(`SELECT count(*) FROM (SELECT 1 FROM ${USER_DAYS} WHERE dataset = ? LIMIT 1)`, [dataset]));
  if (held === 0) {
    await db.run(`INSERT INTO ${USER_DAYS} SELECT ?, day, user_id, prev_day FROM (${userDaysWithPrevSql(from)})`, [dataset]);
    return;
  }
  await db.run(
    `CREATE OR REPLACE TEMP TABLE ${NEW_USER_DAYS} AS SELECT n.day, n.user_id FROM (${userDaysSql(from)}) n
     WHERE NOT EXISTS (SELECT 1 FROM ${USER_DAYS} x WHERE x.dataset = ? AND x.day = n.day AND x.user_id = n.user_id)`,
    [dataset],
  );
  try {
    await db.run(`INSERT INTO ${USER_DAYS} SELECT ?, day, user_id, NULL FROM ${NEW_USER_DAYS}`, [dataset]);
    await db.run(
      `UPDATE ${USER_DAYS} SET prev_day = p.prev_day FROM (
         SELECT day, user_id, lag(day) OVER (PARTITION BY user_id ORDER BY day) AS prev_day FROM ${USER_DAYS}
         WHERE dataset = ? AND user_id IN (SELECT user_id FROM ${NEW_USER_DAYS})) p
       WHERE ${USER_DAYS}.dataset = ? AND ${USER_DAYS}.user_id = p.user_id AND ${USER_DAYS}.day = p.day
         AND ${USER_DAYS}.prev_day IS DISTINCT FROM p.prev_day`,
      [dataset, dataset],
    );
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${NEW_USER_DAYS}`);
  }
}

async function dropCubes(db: Db, dataset: string): Promise<void> {
  for (const table of [...COUNT_CUBES.map((c) => c.table), VALUE_HOURS, USER_DAYS]) {
    await db.run(`DELETE FROM ${table} WHERE dataset = ?`, [dataset]);
  }
}

/**
 * Brings the cubes to `version`, the dataset's version after this import; `newRows` is a
 * parenthesised SELECT of exactly the rows this import added, shaped like the table, and `fresh`
 * says the table holds only those (a new dataset): its cubes are then built from `newRows` too,
 * which DuckDB reads faster than the rows it has just written in the same transaction.
 */
export async function updateCubes(db: Db, dataset: string, version: number, newRows: string, fresh: boolean): Promise<void> {
  const state = await cubeState(db, dataset);
  let fields: readonly string[];
  if (state && state.version === version - 1) {
    fields = state.histogramFields;
    await appendCubes(db, dataset, newRows, fields);
  } else {
    await dropCubes(db, dataset);
    const table = quoteIdent(dataset);
    // The numeric attributes are those of the table's first rows (in time order) either way.
    fields = (await db.rows(numericKeysSql(table, FIELD_SAMPLE))).map((r) => String(r.k));
    await appendCubes(db, dataset, fresh ? newRows : table, fields);
  }
  await db.run(`DELETE FROM tallybook.cube_state WHERE dataset = ?`, [dataset]);
  await db.run(`INSERT INTO tallybook.cube_state VALUES (?, ?, ?)`, [dataset, version, JSON.stringify(fields)]);
}
