/**
 * Dense time buckets for charts: the engine returns only buckets that have rows, a chart wants
 * every day / week / month of the window (empty ones at zero). Bucket starts are computed in
 * UTC, matching the engine when the workspace time zone is UTC; in any other zone the engine's
 * own buckets are used as they come.
 */
import type { ColumnarResult } from '../../../src-shared/columnar';
import { column, columnarOf } from './columnar';
import type { DashboardGrain, TimeExtent, Window } from './filter-model';

const DAY_MS = 86_400_000;

function bucketOf(ms: number, grain: DashboardGrain, weekStart: 'monday' | 'sunday'): Date {
  const d = new Date(ms);
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  if (grain === 'month') return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  if (grain === 'week') {
    const first = weekStart === 'monday' ? 1 : 0;
    const back = (day.getUTCDay() - first + 7) % 7;
    return new Date(day.getTime() - back * DAY_MS);
  }
  return day;
}

function next(d: Date, grain: DashboardGrain): Date {
  if (grain === 'month') return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  return new Date(d.getTime() + (grain === 'week' ? 7 : 1) * DAY_MS);
}

/** ISO starts of every bucket that overlaps [from, to). */
export function bucketStarts(from: string, to: string, grain: DashboardGrain, weekStart: 'monday' | 'sunday'): string[] {
  const end = Date.parse(to);
  const out: string[] = [];
  for (let d = bucketOf(Date.parse(from), grain, weekStart); d.getTime() < end && out.length < 5000; d = next(d, grain)) {
    out.push(d.toISOString().replace('.000Z', 'Z'));
  }
  return out;
}

/** Counts and sums are zero in an empty bucket; averages, rates and percentiles are missing. */
const zeroWhenEmpty = (name: string) => /^(count|sum)\b/i.test(name) && !name.endsWith('(change %)');

export interface DensifyOptions {
  readonly window: Window;
  readonly extent: TimeExtent;
  readonly grain: DashboardGrain;
  readonly timeZone: string;
  readonly weekStart: 'monday' | 'sunday';
}

/** A result with a `time` column (one row per bucket, no other dimension) made dense. */
export function densify(r: ColumnarResult, o: DensifyOptions): ColumnarResult {
  const from = o.window.from ?? o.extent.min;
  const to = o.window.to ?? (o.extent.max ? new Date(Date.parse(o.extent.max) + 1).toISOString() : null);
  if (o.timeZone !== 'UTC' || from === null || to === null) return r;
  const starts = bucketStarts(from, to, o.grain, o.weekStart);
  const rowOf = new Map(column(r, 'time').map((t, i) => [String(t), i]));
  const columns: Record<string, (string | number | null)[]> = { time: starts };
  r.columns.forEach((c, ci) => {
    if (c.name === 'time') return;
    const values = r.data[ci] ?? [];
    columns[c.name] = starts.map((t) => {
      const row = rowOf.get(t);
      const v = row === undefined ? null : values[row];
      if (v === null || v === undefined) return zeroWhenEmpty(c.name) ? 0 : null;
      return typeof v === 'number' ? v : String(v);
    });
  });
  return columnarOf(columns);
}
