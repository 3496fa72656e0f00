/**
 * Retention cohorts and engagement (seed 001, PostHog semantics), computed in DuckDB.
 *
 * Periods (day / week / month) are wall-clock periods in the workspace time zone; weeks start
 * on the workspace week start (Monday unless set otherwise).
 * - first_time: a unit's cohort is the period of its first start event ever (history before
 *   `from` counts, so a unit seen earlier is not new); only cohorts whose first event lies in
 *   [from, to) are reported.
 * - recurring: a unit joins the cohort of every period in [from, to) in which it did the start
 *   event.
 * - period n of a cohort = units of the cohort that did the return event (read from [from, to))
 *   in period cohort + n; period 0 is the cohort size by definition. A cohort lists periods
 *   0..`periods`, cut after the last period observed (the one holding `to`'s last instant, or
 *   the latest event in range): a missing period means "not observed yet", 0 means "nobody".
 * - percentages = count / size × 100, rounded to 2 decimals.
 */
import type { EngagementRequest, RetentionCohort, RetentionInterval, RetentionRequest, RetentionResult } from '../../../src-shared/analyses';
import type { ColumnarResult } from '../../../src-shared/columnar';
import { UserError } from '../../../src-shared/errors';
import type { Workspace } from '../workspace';
import { ident, raw, sql, type Fragment } from '../query/fragment';
import { localBucket, toLocal, type TimeWindow } from '../query/time-range';
import { parseInstant } from '../query/instant';
import { activeUsersSource, userDaysWithPrev } from '../cubes/route';
import { readBounds, requireKind, shown, timeBounds } from './inputs';

const INTERVALS: readonly RetentionInterval[] = ['day', 'week', 'month'];
const THIRTY_DAYS = 30n * 86_400_000_000n;

/** Whole periods from period start a to period start b. */
function periodsBetween(interval: RetentionInterval, a: Fragment, b: Fragment): Fragment {
  if (interval === 'week') return sql`(date_diff('day', ${a}, ${b}) // 7)`;
  return sql`date_diff(${raw(`'${interval}'`)}, ${a}, ${b})`;
}

function validate(req: RetentionRequest): { interval: RetentionInterval; periods: number; cohort: 'first_time' | 'recurring' } {
  const interval = req.interval ?? 'week';
  if (!INTERVALS.includes(interval)) {
    throw new UserError('bad_request', `retention interval "${shown(interval)}" is not one of ${INTERVALS.join(', ')}`, 'e.g. interval: week');
  }
  const periods = req.periods ?? 8;
  if (!Number.isInteger(periods) || periods < 1 || periods > 366) {
    throw new UserError('bad_request', `retention needs periods between 1 and 366, got ${shown(periods)}`, 'e.g. periods: 8');
  }
  const cohort = req.cohort ?? 'first_time';
  if (cohort !== 'first_time' && cohort !== 'recurring') {
    throw new UserError('bad_request', `retention cohort "${shown(cohort)}" is not first_time or recurring`);
  }
  for (const key of ['startEvent', 'returnEvent'] as const) {
    if (req[key] !== undefined && typeof req[key] !== 'string') throw new UserError('bad_request', `retention ${key} must be an event name (text)`, 'e.g. startEvent: "signup"');
  }
  if (req.by !== undefined && req.by !== 'user' && req.by !== 'session') {
    throw new UserError('bad_request', `retention unit "${shown(req.by)}" is not session or user`);
  }
  return { interval, periods, cohort };
}

export async function runRetention(ws: Workspace, req: RetentionRequest): Promise<RetentionResult> {
  const info = await requireKind(ws, req.dataset, ['events'], 'retention');
  const { interval, periods, cohort } = validate(req);
  const settings = await ws.settings();
  const period = (ts: Fragment) => sql`CAST(${localBucket(ts, { grain: interval, timeZone: settings.timeZone, weekStart: settings.weekStart })} AS DATE)`;
  const range = timeBounds(raw('occurred_at'), req.from, req.to);
  const { from, to } = readBounds(req.from, req.to);
  // Users' activity in any event: the cubes' active users (a row per user and UTC day, or hour
  // in other zones; raw rows where `from` or `to` cut one) serve as the table, as periods are
  // whole days (hours) and a unit's first day (hour) holds its first event.
  const anyEvent = req.startEvent === undefined && req.returnEvent === undefined && req.by !== 'session';
  const window: TimeWindow = { kind: 'bounded', from: parseInstant(from ?? ''), to: parseInstant(to ?? ''), toInclusive: false };
  const table = anyEvent ? await activeUsersSource(ws, info, settings.timeZone, [window]) : ident(info.name);
  const unit = ident(req.by === 'session' ? 'session_id' : 'user_id');
  const isStart = req.startEvent === undefined ? raw('TRUE') : sql`event_name = ${req.startEvent}`;
  const isReturn = req.returnEvent === undefined ? raw('TRUE') : sql`event_name = ${req.returnEvent}`;

  const starts =
    cohort === 'first_time'
      ? sql`SELECT unit, ${period(raw('occurred_at'))} AS cohort FROM (
              SELECT ${unit} AS unit, min(occurred_at) AS occurred_at FROM ${table}
              WHERE ${unit} IS NOT NULL AND ${isStart} GROUP BY 1)
            WHERE ${range}`
      : sql`SELECT DISTINCT ${unit} AS unit, ${period(raw('occurred_at'))} AS cohort FROM ${table}
            WHERE ${unit} IS NOT NULL AND ${isStart} AND ${range}`;
  const lastInstant =
    to === null ? sql`(SELECT max(occurred_at) FROM ${table} WHERE ${range})` : sql`(CAST(${to} AS TIMESTAMPTZ) - INTERVAL 1 MICROSECOND)`;
  const query = sql`
    WITH starts AS (${starts}),
    returns AS (
      SELECT DISTINCT ${unit} AS unit, ${period(raw('occurred_at'))} AS period FROM ${table}
      WHERE ${unit} IS NOT NULL AND ${isReturn} AND ${range}
    ),
    cohorts AS (SELECT cohort, count(*) AS size FROM starts GROUP BY cohort),
    hits AS (
      SELECT s.cohort, ${periodsBetween(interval, raw('s.cohort'), raw('r.period'))} AS n, count(DISTINCT s.unit) AS c
      FROM starts s JOIN returns r ON r.unit = s.unit AND r.period > s.cohort
      GROUP BY ALL
    )
    SELECT strftime(c.cohort, '%Y-%m-%d') AS cohort, c.size,
           ${periodsBetween(interval, raw('c.cohort'), period(lastInstant))} AS observed,
           h.n, h.c, round(100.0 * h.c / c.size, 2) AS pct
    FROM cohorts c LEFT JOIN hits h ON h.cohort = c.cohort AND h.n <= ${periods}
    ORDER BY c.cohort, h.n`;
  const rows = await ws.db.rows(query.sql, query.params);

  const cohorts: RetentionCohort[] = [];
  for (const row of rows) {
    let current = cohorts[cohorts.length - 1];
    if (current === undefined || current.cohort !== row.cohort) {
      const size = Number(row.size);
      const length = Math.max(0, Math.min(periods, Number(row.observed ?? 0))) + 1;
      current = { cohort: String(row.cohort), size, counts: Array<number>(length).fill(0), percentages: Array<number>(length).fill(0) };
      current.counts[0] = size;
      current.percentages[0] = 100;
      cohorts.push(current);
    }
    const n = row.n === null || row.n === undefined ? null : Number(row.n);
    if (n !== null && n < current.counts.length) {
      current.counts[n] = Number(row.c);
      current.percentages[n] = Number(row.pct);
    }
  }
  return { interval, periods, cohorts };
}

/**
 * Daily engagement by user_id: one row per calendar day (workspace time zone) from `from` (or
 * the first active day) to the last day before `to` (or the last active day), idle days
 * included. Columns: day (DATE, as YYYY-MM-DD), dau, wau, mau — distinct users active that day
 * / in the 7 / 30 days ending that day (activity up to 30 days before `from` counts toward the
 * windows) — and stickiness = dau / mau × 100 (2 decimals; 0 when mau is 0).
 */
export async function engagement(ws: Workspace, req: EngagementRequest): Promise<ColumnarResult> {
  const info = await requireKind(ws, req.dataset, ['events'], 'engagement');
  const { timeZone } = await ws.settings();
  const { from, to } = readBounds(req.from, req.to);
  const before = timeBounds(raw('occurred_at'), undefined, req.to);
  // Activity up to 30 days before `from` fills the trailing windows of the first days.
  const activity = from === null ? before : sql`occurred_at >= CAST(${from} AS TIMESTAMPTZ) - INTERVAL 30 DAY AND ${before}`;
  const read = parseInstant(from ?? '') ?? null;
  const window: TimeWindow = { kind: 'bounded', from: read === null ? null : read - THIRTY_DAYS, to: parseInstant(to ?? ''), toInclusive: false };
  const localDay = (ts: Fragment) => sql`CAST(${toLocal(ts, timeZone)} AS DATE)`;
  const firstDay = from === null ? raw('(SELECT min(day) FROM active)') : localDay(sql`CAST(${from} AS TIMESTAMPTZ)`);
  const lastDay = to === null ? raw('(SELECT max(day) FROM active)') : localDay(sql`(CAST(${to} AS TIMESTAMPTZ) - INTERVAL 1 MICROSECOND)`);
  // Each active day s of a unit puts it in the WAU of days s..s+6 and the MAU of s..s+29; the
  // union of those is cut into disjoint intervals [start, end], so a running sum of +1 at start
  // and −1 after end counts the units active in the trailing window of every day. The cut needs
  // each unit's previous (or next) active day: user_days keeps the previous one, else a sort
  // per unit finds the next. The changes are summed per day first: the running sum walks days.
  // user_days serves whatever the window's start: a start inside day F - 30 (F = `from`'s day)
  // decides only whether that day is active, and its intervals, or the part of a later day's
  // interval that prev_day = F - 30 leaves out, all end by F - 1, before the first day shown.
  const withPrev = await userDaysWithPrev(ws, info, timeZone, window.kind === 'bounded' ? window.to : null);
  const active = withPrev
    ? sql`SELECT user_id AS unit, ${localDay(raw('occurred_at'))} AS day, ${localDay(raw('prev_day'))} AS prev FROM ${withPrev} WHERE ${activity}`
    : sql`SELECT DISTINCT user_id AS unit, ${localDay(raw('occurred_at'))} AS day FROM ${await activeUsersSource(ws, info, timeZone, [window])}
          WHERE user_id IS NOT NULL AND ${activity}`;
  const cover = withPrev
    ? raw(`SELECT greatest(day, prev + 7) AS s7, day + 6 AS e7, greatest(day, prev + 30) AS s30, day + 29 AS e30 FROM active`)
    : raw(`SELECT day AS s7, least(lead(day) OVER w - 1, day + 6) AS e7, day AS s30, least(lead(day) OVER w - 1, day + 29) AS e30
           FROM active WINDOW w AS (PARTITION BY unit ORDER BY day)`);
  const running = (start: string, end: string) => sql`
      SELECT day, sum(d) OVER (ORDER BY day) AS n, is_day FROM (
        SELECT day, sum(d) AS d, bool_or(is_day) AS is_day FROM (
          SELECT ${raw(start)} AS day, 1 AS d, false AS is_day FROM cover UNION ALL SELECT ${raw(end)} + 1, -1, false FROM cover
          UNION ALL SELECT day, 0, true FROM calendar) GROUP BY day)`;
  const query = sql`
    WITH active AS (${active}),
    span AS (SELECT ${firstDay} AS first_day, ${lastDay} AS last_day),
    calendar AS (
      SELECT CAST(d AS DATE) AS day
      FROM span, range(CAST(first_day AS TIMESTAMP), CAST(last_day AS TIMESTAMP) + INTERVAL 1 DAY, INTERVAL 1 DAY) t(d)
    ),
    cover AS (${cover}),
    dau AS (SELECT day, count(*) AS n FROM active GROUP BY day),
    wau AS (SELECT day, n FROM (${running('s7', 'e7')}) WHERE is_day),
    mau AS (SELECT day, n FROM (${running('s30', 'e30')}) WHERE is_day)
    SELECT c.day, coalesce(d.n, 0) AS dau, coalesce(w.n, 0) AS wau, coalesce(m.n, 0) AS mau,
           CASE WHEN coalesce(m.n, 0) = 0 THEN 0.0 ELSE round(100.0 * coalesce(d.n, 0) / m.n, 2) END AS stickiness
    FROM calendar c LEFT JOIN dau d USING (day) LEFT JOIN wau w USING (day) LEFT JOIN mau m USING (day)
    ORDER BY c.day`;
  return ws.db.columnar(query.sql, query.params);
}
