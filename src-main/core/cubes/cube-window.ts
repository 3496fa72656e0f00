/**
 * The hours (or days) a cube can answer for a set of windows. A cube row covers a whole UTC
 * hour (day), so one that a window's edge cuts through (its `from` inside it, or its `to` inside
 * it or included at its start) is answered from the raw rows instead: the relation is the cube
 * minus those edge units, plus the raw rows of the edge units, and the window condition then
 * applies to both exactly as it would to the raw table.
 */
import type { DatasetInfo } from '../../../src-shared/datasets';
import { formatInstant, type Instant } from '../query/instant';
import type { TimeWindow } from '../query/time-range';
import { ident, join, raw, sql, type Fragment } from '../query/fragment';
import { TIME } from './cube-tables';

const HOUR = 3_600_000_000n;
export const DAY = 24n * HOUR;

const unitStart = (t: Instant, unit: bigint): Instant => t - (((t % unit) + unit) % unit);

/** The start of the UTC day holding t. */
export const dayStart = (t: Instant): Instant => unitStart(t, DAY);

/** Start of every unit (HOUR or DAY) an edge of the windows cuts through, sorted and unique. */
function edgeUnits(windows: readonly TimeWindow[], unit: bigint = HOUR): Instant[] {
  const edges = new Set<Instant>();
  for (const w of windows) {
    if (w.kind !== 'bounded') continue;
    if (w.from !== null && unitStart(w.from, unit) !== w.from) edges.add(unitStart(w.from, unit));
    if (w.to !== null && (w.toInclusive || unitStart(w.to, unit) !== w.to)) edges.add(unitStart(w.to, unit));
  }
  return [...edges].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Whether an edge of the windows falls inside a unit (HOUR or DAY) rather than at its start. */
export const cutsUnits = (windows: readonly TimeWindow[], unit: bigint): boolean => edgeUnits(windows, unit).length > 0;

export const instant = (t: Instant): Fragment => sql`CAST(${formatInstant(t)} AS TIMESTAMPTZ)`;

/** Cube rows (time column `column`) outside the edge units. */
function outsideEdges(edges: readonly Instant[], column = 'hour'): Fragment {
  if (edges.length === 0) return raw('TRUE');
  return sql`(${ident(column)} IS NULL OR ${ident(column)} NOT IN (${join(edges.map(instant), ', ')}))`;
}

/**
 * One relation from a cube and the raw rows: `cube(outside)` selects the cube's rows under the
 * condition that leaves out the edge units, `rows(inside)` the raw rows under a condition that
 * keeps one edge unit (asked once per edge, only when there are edges). Each edge is its own
 * scan: a single time range lets the table's zone maps skip all but the unit's rows, where one
 * scan of several ranges read everything between them. Not parenthesised.
 */
export function withEdges(windows: readonly TimeWindow[], cube: (outside: Fragment) => Fragment, rows: (inside: Fragment) => Fragment, unit = HOUR): Fragment {
  const edges = edgeUnits(windows, unit);
  const fromCube = cube(outsideEdges(edges, unit === DAY ? 'day' : 'hour'));
  const ts = ident(TIME);
  return join([fromCube, ...edges.map((e) => rows(sql`${ts} >= ${instant(e)} AND ${ts} < ${instant(e + unit)}`))], '\n    UNION ALL ');
}

/**
 * Whether local hours in the time zone are whole UTC hours over the dataset's time span, so that
 * hour, day, week, month, quarter and year buckets are unions of UTC hours. Zones with
 * half-hour offsets, or half-hour daylight saving (Lord Howe), show at January or July.
 */
export function wholeHourZone(timeZone: string, info: Pick<DatasetInfo, 'minTime' | 'maxTime'>): boolean {
  if (timeZone === 'UTC') return true;
  const first = new Date(info.minTime ?? Date.now()).getUTCFullYear();
  const last = new Date(info.maxTime ?? Date.now()).getUTCFullYear();
  if (!(last - first <= 200)) return false;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  } catch {
    return false;
  }
  for (let year = first; year <= last; year++) {
    for (const month of [0, 6]) {
      const name = format.formatToParts(new Date(Date.UTC(year, month, 1))).find((p) => p.type === 'timeZoneName')?.value ?? '';
      const minutes = /[+-]\d{2}:(\d{2})/.exec(name)?.[1];
      if (minutes !== undefined && minutes !== '00') return false;
    }
  }
  return true;
}
