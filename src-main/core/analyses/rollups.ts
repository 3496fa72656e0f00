/**
 * Event rollups and the parity check (seed 003).
 *
 * tallybook.rollups holds, per events dataset, the count of events per event_name in every UTC
 * day / week (ISO, Monday) / month / year bucket (`bucket` = date_trunc in UTC), plus grain
 * 'total' with a NULL bucket (all rows, those without a timestamp included). A dataset's rows
 * are always replaced as a whole by one statement, from the raw rows or (the importer's way,
 * inside its transaction, after the cubes) summed from the hourly cube, since UTC hours nest in
 * UTC days; so rollups never disagree with a committed import.
 *
 * The parity check recomputes every bucket from the raw rows and compares it with the stored
 * ones (stored duplicates of a bucket are summed, so an extra copy shows as a mismatch); a
 * bucket present on one side only counts 0 on the other.
 */
import type { CheckResult, ParityMismatch, RollupGrain } from '../../../src-shared/analyses';
import type { ColumnarResult } from '../../../src-shared/columnar';
import { UserError } from '../../../src-shared/errors';
import type { Db } from '../db';
import type { Workspace } from '../workspace';
import { ident, raw, sql, type Fragment } from '../query/fragment';
import { requireKind, timeBounds } from './inputs';

export const ROLLUP_GRAINS: readonly RollupGrain[] = ['day', 'week', 'month', 'year'];
const ALL_GRAINS: readonly (RollupGrain | 'total')[] = [...ROLLUP_GRAINS, 'total'];

/** Events per UTC day and event_name, from the raw rows or from the dataset's hourly cube. */
function perDay(dataset: string, from: 'raw' | 'cube'): Fragment {
  return from === 'raw'
    ? sql`SELECT date_trunc('day', timezone('UTC', occurred_at)) AS day, event_name, count(*) AS n FROM ${ident(dataset)} GROUP BY ALL`
    : sql`SELECT date_trunc('day', timezone('UTC', hour)) AS day, event_name, sum(n) AS n FROM tallybook.event_hours WHERE dataset = ${dataset} GROUP BY ALL`;
}

/** (grain, bucket, event_name, count) recomputed from the dataset's raw rows (or its hourly cube). */
function recomputed(dataset: string, from: 'raw' | 'cube' = 'raw'): Fragment {
  const coarser = ROLLUP_GRAINS.filter((g) => g !== 'day').map(
    (g) => `UNION ALL SELECT '${g}', timezone('UTC', date_trunc('${g}', day)), event_name, CAST(sum(n) AS BIGINT)
            FROM per_day WHERE day IS NOT NULL GROUP BY ALL`,
  );
  return sql`
    WITH per_day AS (${perDay(dataset, from)})
    SELECT 'day' AS grain, timezone('UTC', day) AS bucket, event_name, CAST(n AS BIGINT) AS count FROM per_day WHERE day IS NOT NULL
    ${raw(coarser.join('\n'))}
    UNION ALL SELECT 'total', NULL::TIMESTAMPTZ, event_name, CAST(sum(n) AS BIGINT) FROM per_day GROUP BY ALL`;
}

/**
 * Replaces the dataset's rollups with counts recomputed from its raw rows, or summed from its
 * hourly cube when that is current (the importer's case: cubes/maintain.ts runs first).
 */
export async function rebuildRollups(db: Db, dataset: string, from: 'raw' | 'cube' = 'raw'): Promise<void> {
  await db.run(`DELETE FROM tallybook.rollups WHERE dataset = ?`, [dataset]);
  const insert = sql`INSERT INTO tallybook.rollups (dataset, grain, bucket, event_name, count)
    SELECT ${dataset}, grain, bucket, event_name, count FROM (${recomputed(dataset, from)})`;
  await db.run(insert.sql, insert.params);
}

/**
 * Stored rollups of one grain: columns bucket (TIMESTAMPTZ, null for 'total'), event_name,
 * count; ordered by bucket then event_name. from/to (inclusive/exclusive) filter the bucket
 * start and do not apply to 'total'.
 */
export async function readRollups(ws: Workspace, dataset: string, grain: RollupGrain | 'total', from?: string, to?: string): Promise<ColumnarResult> {
  const info = await requireKind(ws, dataset, ['events'], 'rollups');
  if (!ALL_GRAINS.includes(grain)) {
    throw new UserError('bad_request', `rollup grain "${String(grain)}" is not one of ${ALL_GRAINS.join(', ')}`, 'e.g. grain: day');
  }
  const range = grain === 'total' ? raw('TRUE') : timeBounds(raw('bucket'), from, to);
  const query = sql`SELECT bucket, event_name, count FROM tallybook.rollups
    WHERE dataset = ${info.name} AND grain = ${grain} AND ${range} ORDER BY bucket, event_name`;
  return ws.db.columnar(query.sql, query.params);
}

/** Every bucket of either side: its stored and recomputed counts. */
function comparison(dataset: string): Fragment {
  return sql`
    WITH fresh AS (${recomputed(dataset)}),
    stored AS (
      SELECT grain, bucket, event_name, CAST(sum(count) AS BIGINT) AS count
      FROM tallybook.rollups WHERE dataset = ${dataset} GROUP BY ALL
    )
    SELECT coalesce(s.grain, f.grain) AS grain, coalesce(s.bucket, f.bucket) AS bucket,
           coalesce(s.event_name, f.event_name) AS event_name,
           coalesce(s.count, 0) AS rollup_count, coalesce(f.count, 0) AS raw_count
    FROM stored s FULL OUTER JOIN fresh f
      ON s.grain = f.grain AND s.bucket IS NOT DISTINCT FROM f.bucket AND s.event_name IS NOT DISTINCT FROM f.event_name`;
}

/** Recomputes the rollups of one events dataset (or of all) and reports every mismatch. */
export async function checkParity(ws: Workspace, dataset?: string): Promise<CheckResult> {
  const names =
    dataset === undefined
      ? (await ws.datasets()).filter((d) => d.kind === 'events').map((d) => d.name)
      : [(await requireKind(ws, dataset, ['events'], 'the parity check')).name];
  const result: CheckResult = { ok: true, datasets: [], mismatches: [] };
  const grainOrder = `CASE grain ${ALL_GRAINS.map((g, i) => `WHEN '${g}' THEN ${i}`).join(' ')} ELSE ${ALL_GRAINS.length} END`;
  for (const name of names) {
    const cmp = comparison(name);
    const checked = Number(await ws.db.value(`SELECT count(*) FROM (${cmp.sql})`, cmp.params));
    const rows = await ws.db.rows(
      `SELECT * FROM (${cmp.sql}) WHERE rollup_count <> raw_count ORDER BY ${grainOrder}, grain, bucket NULLS LAST, event_name`,
      cmp.params,
    );
    for (const r of rows) {
      const mismatch: ParityMismatch = {
        dataset: name,
        grain: String(r.grain) as ParityMismatch['grain'],
        bucket: r.bucket === null ? 'total' : String(r.bucket),
        event_name: r.event_name === null ? '' : String(r.event_name),
        rollup_count: Number(r.rollup_count),
        raw_count: Number(r.raw_count),
      };
      result.mismatches.push(mismatch);
    }
    result.datasets.push({ dataset: name, buckets_checked: checked, mismatches: rows.length });
  }
  return { ...result, ok: result.mismatches.length === 0 };
}
