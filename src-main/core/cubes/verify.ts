/**
 * `tallybook check` for the cubes: each cube of an events dataset is recomputed from the raw
 * rows and compared, key by key, with the stored rows summed (an extra or missing copy shows as
 * a mismatch). A cube whose state is not the dataset's version is reported as stale, not
 * checked: queries do not read it (route.ts), so it cannot give a wrong answer.
 */
import type { CubeCheck } from '../../../src-shared/analyses';
import type { Db } from '../db';
import { quoteIdent } from '../identifiers';
import { COUNT_CUBES, USER_DAYS, VALUE_HOURS, countCubeSql, userDaysWithPrevSql, valueCubeSql } from './cube-tables';
import { cubeState } from './maintain';

async function compare(db: Db, dataset: string, cube: string, keys: readonly string[], fresh: string, stored: string, params: string[]): Promise<CubeCheck> {
  const on = keys.map((k) => `f.${k} IS NOT DISTINCT FROM s.${k}`).join(' AND ');
  const [row] = await db.rows(
    `WITH fresh AS (${fresh}), stored AS (${stored})
     SELECT count(*) AS checked, count(*) FILTER (WHERE f.n IS DISTINCT FROM s.n) AS bad FROM fresh f FULL OUTER JOIN stored s ON ${on}`,
    params,
  );
  return { dataset, cube, rows_checked: Number(row?.checked ?? 0), mismatches: Number(row?.bad ?? 0), stale: false };
}

export async function verifyCubes(db: Db, dataset: string, version: number): Promise<CubeCheck[]> {
  const state = await cubeState(db, dataset);
  if (!state || state.version !== version) return [{ dataset, cube: 'all', rows_checked: 0, mismatches: 0, stale: true }];
  const table = quoteIdent(dataset);
  const checks: CubeCheck[] = [];
  for (const cube of COUNT_CUBES) {
    const dims = cube.dims.map(quoteIdent);
    const stored = `SELECT hour, ${dims.join(', ')}, sum(n) AS n FROM ${cube.table} WHERE dataset = ? GROUP BY ALL`;
    checks.push(await compare(db, dataset, cube.table, ['hour', ...dims], countCubeSql(cube, table), stored, [dataset]));
  }
  {
    const stored = `SELECT day, user_id, prev_day, count(*) AS n FROM ${USER_DAYS} WHERE dataset = ? GROUP BY ALL`;
    checks.push(await compare(db, dataset, USER_DAYS, ['day', 'user_id', 'prev_day'], `SELECT *, 1 AS n FROM (${userDaysWithPrevSql(table)})`, stored, [dataset]));
  }
  if (state.histogramFields.length) {
    const stored = `SELECT hour, field, sign, bucket, sum(n) AS n FROM ${VALUE_HOURS} WHERE dataset = ? GROUP BY ALL`;
    checks.push(await compare(db, dataset, VALUE_HOURS, ['hour', 'field', 'sign', 'bucket'], valueCubeSql(state.histogramFields, table), stored, [dataset]));
  }
  return checks;
}
