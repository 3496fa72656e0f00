/**
 * The units that dropped off before a funnel step: those whose best attempt (funnel.ts) reached
 * step - 1 but not step. One row per unit: the unit (named after its column, session_id or
 * user_id), `started_at` (its step-1 event), `reached_at` (when it completed step - 1) and, with
 * a breakdown, `breakdown` (its first-touch value). Ordered by started_at, then unit, unless a
 * sort is given. The same bound SELECT serves a page (funnelDropOff) and an export.
 */
import type { FunnelDropOffRequest } from '../../../src-shared/analyses';
import type { ColumnarResult } from '../../../src-shared/columnar';
import { UserError } from '../../../src-shared/errors';
import type { Workspace } from '../workspace';
import { ident, raw, sql, type Fragment } from '../query/fragment';
import { validateSort } from '../query/validate-spec';
import { completedAt, funnelUnits, type FunnelOptions } from './funnel';
import { shown } from './inputs';

const MAX_PAGE = 10_000;

export interface DropOffSelect {
  /** The rows, sorted, without paging. */
  readonly select: Fragment;
  readonly count: Fragment;
}

export async function funnelDropOffSelect(ws: Workspace, req: Omit<FunnelDropOffRequest, 'offset' | 'limit'>, opts: FunnelOptions = {}): Promise<DropOffSelect> {
  const units = await funnelUnits(ws, req, opts);
  const n = units.steps.length;
  const step = req.step;
  if (!Number.isInteger(step) || step < 2 || step > n) {
    throw new UserError('bad_request', `drop-offs are asked for a step from 2 to ${n}, not ${shown(step)}`, 'units drop off between step - 1 and step');
  }
  const hasBreakdown = units.breakdown !== null;
  const columns = [units.unitColumn, 'started_at', 'reached_at', ...(hasBreakdown ? ['breakdown'] : [])];
  const order = validateSort(req.sort).map((s) => {
    if (!columns.includes(s.column)) throw new UserError('unknown_field', `cannot sort drop-offs by "${s.column}"`, `columns: ${columns.join(', ')}`);
    return `${ident(s.column).sql} ${s.dir.toUpperCase()} NULLS LAST`;
  });
  let where = raw(`depth = ${step - 1}`);
  if (req.breakdownValue !== undefined) {
    if (!hasBreakdown) throw new UserError('bad_request', 'breakdownValue needs a breakdown');
    if (req.breakdownValue !== null && typeof req.breakdownValue !== 'string') throw new UserError('bad_request', 'breakdownValue must be a breakdown value (text) or null');
    where = req.breakdownValue === null ? raw(`${where.sql} AND bd IS NULL`) : sql`${where} AND bd = ${req.breakdownValue}`;
  }
  const body = sql`SELECT unit AS ${ident(units.unitColumn)}, t1 AS started_at, ${raw(completedAt(step - 1))} AS reached_at${raw(hasBreakdown ? ', bd AS breakdown' : '')}
    FROM per_unit WHERE ${where}`;
  const orderBy = raw(`ORDER BY ${[...order, 'started_at', `${ident(units.unitColumn).sql}`].join(', ')}`);
  return {
    select: sql`${units.with} SELECT * FROM (${body}) ${orderBy}`,
    count: sql`${units.with} SELECT count(*) FROM (${body})`,
  };
}

export async function funnelDropOff(ws: Workspace, req: FunnelDropOffRequest, opts: FunnelOptions = {}): Promise<ColumnarResult & { totalRows: number; offset: number }> {
  const limit = req.limit ?? 200;
  const offset = req.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw new UserError('bad_request', `limit must be a whole number from 1 to ${MAX_PAGE}`);
  if (!Number.isSafeInteger(offset) || offset < 0) throw new UserError('bad_request', 'offset must be a whole number ≥ 0');
  const { select, count } = await funnelDropOffSelect(ws, req, opts);
  const page = sql`${select} LIMIT ${raw(String(limit))} OFFSET ${raw(String(offset))}`;
  const totalRows = Number(await ws.db.value(count.sql, count.params));
  return { ...(await ws.db.columnar(page.sql, page.params)), totalRows, offset };
}
