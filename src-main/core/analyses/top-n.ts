/**
 * Top-N values of a field by count (seed 003: top entities per action); the values past N fold
 * into one "Other" row per group. Columns: [per], value, count — value is text so that "Other"
 * and real values share a column; a real value spelled "Other" stays a row of its own. Groups
 * come by total count (desc), values by count (desc) then value, "Other" last in its group.
 */
import type { TopNRequest } from '../../../src-shared/analyses';
import type { ColumnarResult } from '../../../src-shared/columnar';
import { UserError } from '../../../src-shared/errors';
import type { Workspace } from '../workspace';
import { ident, raw, sql } from '../query/fragment';
import { asText, existingField, readBounds, requireKind, shown, timeBounds } from './inputs';
import { countSource } from '../cubes/route';
import { parseInstant } from '../query/instant';
import type { TimeWindow } from '../query/time-range';

/** Top-N values of req.field by count, optionally within each value of req.per. */
export async function topN(ws: Workspace, req: TopNRequest): Promise<ColumnarResult> {
  const info = await requireKind(ws, req.dataset, ['events', 'jobs', 'table'], 'top-N');
  const n = req.n ?? 10;
  if (!Number.isInteger(n) || n < 1 || n > 10_000) {
    throw new UserError('bad_request', `top-N needs n between 1 and 10000, got ${shown(n)}`, 'e.g. n: 10');
  }
  const field = await existingField(ws, info, req.field);
  const per = req.per === undefined ? null : await existingField(ws, info, req.per);
  if ((req.from !== undefined || req.to !== undefined) && info.timeColumn === null) {
    throw new UserError('bad_request', `dataset "${info.name}" has no time column, so from/to cannot apply`, 'drop from/to');
  }
  const range = info.timeColumn === null ? raw('TRUE') : timeBounds(ident(info.timeColumn), req.from, req.to);
  const perColumn = per === null ? raw('') : sql`grp AS ${ident(per.column ?? per.name)}, `;
  // Columns only (not attributes): then an hourly cube can count them.
  const columns = [field, ...(per ? [per] : [])].map((f) => f.column);
  const bounds = readBounds(req.from, req.to);
  const window: TimeWindow = { kind: 'bounded', from: bounds.from === null ? null : parseInstant(bounds.from), to: bounds.to === null ? null : parseInstant(bounds.to), toInclusive: false };
  const source = columns.every((c) => c !== null) ? await countSource(ws, info, columns as string[], window) : { from: ident(info.name), count: raw('count(*)') };

  const query = sql`
    WITH counted AS (
      SELECT ${per === null ? raw('NULL::VARCHAR') : asText(per)} AS grp, ${asText(field)} AS val, ${source.count} AS n
      FROM ${source.from} WHERE ${range} GROUP BY ALL
    ), ranked AS (
      SELECT *, row_number() OVER (PARTITION BY grp ORDER BY n DESC, val ASC NULLS LAST) > ${n} AS is_other,
             sum(n) OVER (PARTITION BY grp) AS group_total
      FROM counted
    ), folded AS (
      SELECT grp, is_other, CASE WHEN is_other THEN 'Other' ELSE val END AS value,
             CAST(sum(n) AS BIGINT) AS count, any_value(group_total) AS group_total
      FROM ranked GROUP BY grp, is_other, CASE WHEN is_other THEN 'Other' ELSE val END
    )
    SELECT ${perColumn}value, count FROM folded
    ORDER BY group_total DESC, grp ASC NULLS LAST, is_other, count DESC, value ASC NULLS LAST`;
  return ws.db.columnar(query.sql, query.params);
}
