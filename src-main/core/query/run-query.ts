/**
 * The executor: validate the JSON spec, look the dataset up (real columns, time column),
 * fetch the watermark when a relative range needs it, build, run. Errors DuckDB raises while
 * converting the user's values or data are reported as user errors; anything else is a bug.
 */
import type { ColumnarResult } from '../../../src-shared/columnar';
import { UserError } from '../../../src-shared/errors';
import type { QuerySpec } from '../../../src-shared/query-spec';
import type { Workspace } from '../workspace';
import { buildQuery, watermarkQuery, type BuiltQuery } from './build-query';
import { validateSpec } from './validate-spec';
import { cubeQuery } from '../cubes/route';

export interface QueryOptions {
  /** 'raw' reads the dataset's rows even where its cubes could answer (tests compare both). */
  readonly path?: 'auto' | 'raw';
}

async function build(ws: Workspace, spec: QuerySpec, options: QueryOptions): Promise<BuiltQuery> {
  const info = await ws.dataset(spec.dataset);
  const settings = await ws.settings();
  const ctx = { columns: info.columns, timeColumn: info.timeColumn, timeZone: settings.timeZone, weekStart: settings.weekStart };
  const wq = watermarkQuery(spec, ctx);
  const wm = wq ? await ws.db.value(wq.sql, wq.params) : null;
  const full = { ...ctx, watermark: typeof wm === 'string' ? wm : null };
  const fromCubes = options.path === 'raw' ? null : await cubeQuery(ws, spec, { ...full, info });
  return fromCubes ?? buildQuery(spec, full);
}

/** The SQL and parameters a spec runs as (for `--explain`, logs and tests). */
export async function explainQuery(ws: Workspace, input: unknown, options: QueryOptions = {}): Promise<BuiltQuery> {
  return build(ws, validateSpec(input), options);
}

const USER_FIXABLE = /^(Conversion Error|Invalid Input Error|Out of Range Error)/;

export async function runQuery(ws: Workspace, input: unknown, options: QueryOptions = {}): Promise<ColumnarResult> {
  const spec = validateSpec(input);
  const q = await build(ws, spec, options);
  try {
    return await ws.db.columnar(q.sql, q.params);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (USER_FIXABLE.test(message)) {
      throw new UserError('bad_spec', `the query on "${spec.dataset}" failed: ${message.split('\n')[0]}`, 'check the filter values and the fields measured');
    }
    throw e;
  }
}
