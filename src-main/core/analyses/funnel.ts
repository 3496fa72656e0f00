/**
 * Funnels with PostHog semantics, in one DuckDB statement (no JS loop over events).
 *
 * The unit (user_id by default, or session_id; rows without a unit or a time are ignored) is
 * followed from every step-1 event ("start") it did in [from, to); a path from a start must
 * reach each next step at or after the previous one (same timestamp allowed), no later than
 * start + window (inclusive; 14 days by default).
 * The unit counts at its deepest step over all its starts; its time to convert is read from the
 * earliest start reaching that depth.
 *
 * - sequential: step k is the earliest event named like step k at or after step k-1. Events are
 *   ranked per unit by (occurred_at, event_id); an event serves one step only, so a repeated
 *   name (A A B, A B A C) needs a later-ranked event than its previous use. Taking the earliest
 *   candidate each time is optimal: it leaves every later option open. Found with ASOF joins.
 * - strict: the unit's events (all names) are ordered by occurred_at, then funnel position of
 *   their name (other names last), then event_id. After step k-1 only repeats of step k-1's name
 *   may come before step k (A A B and A B B C convert, A X B does not); so step k is the first
 *   event after step k-1's run of repeats (the very next event when steps k-1 and k share a name).
 * - any: steps 1..k done in any order within one window from the earliest of them. From every
 *   step event as anchor, step j takes the o-th event of its name at or after the anchor (o = how
 *   often the name occurs in steps 1..j); the unit reaches k when those all fall in the window.
 *
 * Time to convert into step k = time step k was completed − time step k-1 was completed, where
 * "completed j" is the latest event among steps 1..j of the chosen path (for sequential and
 * strict paths that is simply t_k − t_(k-1)). Its median is continuous (interpolated).
 * Breakdown: the value on the unit's first step-1 event (first touch); one block of steps per
 * value, blocks ordered by step-1 count desc, then value (null last).
 */
import type { FunnelMode, FunnelRequest, FunnelStepResult, FunnelUnit } from '../../../src-shared/analyses';
import { FUNNEL_MODES } from '../../../src-shared/analyses';
import { UserError } from '../../../src-shared/errors';
import type { Workspace } from '../workspace';
import { ident, join, raw, sql, type Fragment } from '../query/fragment';
import { asText, existingField, requireKind, timeBounds } from './inputs';

export const DEFAULT_FUNNEL_WINDOW_SECONDS = 14 * 24 * 3600;
const MAX_STEPS = 20;

interface FunnelPlan {
  readonly steps: readonly string[];
  readonly mode: FunnelMode;
  readonly unitColumn: string;
  readonly windowSeconds: number;
}

function validate(req: FunnelRequest): FunnelPlan {
  const steps: unknown = req.steps;
  if (!Array.isArray(steps) || steps.length < 1 || steps.length > MAX_STEPS) {
    throw new UserError('bad_request', `a funnel needs 1 to ${MAX_STEPS} steps, got ${Array.isArray(steps) ? steps.length : 'none'}`, 'list event names in order, e.g. --steps view,add_to_cart,checkout');
  }
  const names = steps.map((s: unknown, i) => {
    if (typeof s !== 'string' || s.trim() === '') {
      throw new UserError('bad_request', `funnel step ${i + 1} has no event name`, 'every step is an event name, e.g. commerce.view');
    }
    return s;
  });
  const mode = req.mode ?? 'sequential';
  if (!FUNNEL_MODES.includes(mode)) {
    throw new UserError('bad_request', `funnel mode "${String(mode)}" is not one of ${FUNNEL_MODES.join(', ')}`);
  }
  const by: FunnelUnit = req.by ?? 'user';
  if (by !== 'user' && by !== 'session') {
    throw new UserError('bad_request', `funnel unit "${String(by)}" is not session or user`);
  }
  const windowSeconds = req.windowSeconds ?? DEFAULT_FUNNEL_WINDOW_SECONDS;
  if (typeof windowSeconds !== 'number' || !Number.isFinite(windowSeconds) || windowSeconds < 0) {
    throw new UserError('bad_request', `funnel window ${String(windowSeconds)} s is not a duration`, 'give a window of 0 seconds or more, e.g. 30m, 2h, 14d');
  }
  return { steps: names, mode, unitColumn: by === 'session' ? 'session_id' : 'user_id', windowSeconds };
}

/** Index (1-based) of the last step before k with the same event name, or 0. */
function previousSameName(steps: readonly string[], k: number): number {
  for (let j = k - 1; j >= 1; j--) if (steps[j - 1] === steps[k - 1]) return j;
  return 0;
}

/**
 * `ranked(unit, name, t, r, r_tie, nr)`: r orders a unit's step events by (t, event_id); r_tie is
 * the first r at the same t, so `r >= r_tie(x)` means "at or after x"; nr numbers the events of
 * one name. Only repeated step names need to tell events with one timestamp apart: with
 * distinct names the timestamp itself serves as r (and as r_tie), which spares two sorts.
 */
function ranking(steps: readonly string[]): Fragment {
  if (new Set(steps).size === steps.length) {
    return raw(`ranked AS (SELECT unit, name, t, t AS r, t AS r_tie, 1 AS nr FROM ev)`);
  }
  return raw(`ranked AS (SELECT *, min(r) OVER (PARTITION BY unit, t) AS r_tie,
                    row_number() OVER (PARTITION BY unit, name ORDER BY r) AS nr FROM (
     SELECT unit, name, t, row_number() OVER (PARTITION BY unit ORDER BY t, event_id) AS r FROM ev))`);
}

/** 1..n */
const upTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
const tList = (n: number) => raw(upTo(n).map((k) => `t${k}`).join(', '));
/** Depth of a path whose t_k turn null after its last step. */
const depthOfNullPath = (n: number) =>
  raw(n === 1 ? '1' : `CASE ${upTo(n).slice(1).map((k) => `WHEN t${k} IS NULL THEN ${k - 1}`).join(' ')} ELSE ${n} END`);

/**
 * CTEs (after `ev`) ending in `paths(unit, start_key, depth, t1..tN)`: one row per start or
 * anchor, the depth it reaches and when each step of its path happened.
 */
function sequentialPaths({ steps, windowSeconds }: FunnelPlan): Fragment {
  const ctes: Fragment[] = [
    ranking(steps),
    sql`s1 AS (SELECT unit, r AS start_key, r AS r1, r_tie AS q1, t AS t1, t + to_seconds(${windowSeconds}) AS deadline
            FROM ranked WHERE name = ${steps[0]!})`,
  ];
  for (const k of upTo(steps.length).slice(1)) {
    const same = previousSameName(steps, k);
    const lower = raw(same > 0 ? `greatest(q${k - 1}, r${same} + 1)` : `q${k - 1}`);
    const prev = raw(`s${k - 1}`);
    ctes.push(sql`${raw(`s${k}`)} AS (
      SELECT * EXCLUDE (lb, e_r, e_q, e_t, ok), CASE WHEN ok THEN e_r END AS ${raw(`r${k}`)},
             CASE WHEN ok THEN e_q END AS ${raw(`q${k}`)}, CASE WHEN ok THEN e_t END AS ${raw(`t${k}`)}
      FROM (SELECT p.*, e.r AS e_r, e.r_tie AS e_q, e.t AS e_t, coalesce(e.t <= p.deadline, false) AS ok
            FROM (SELECT *, CASE WHEN ${raw(`t${k - 1}`)} IS NOT NULL THEN ${lower} END AS lb FROM ${prev}) p
            ASOF LEFT JOIN (SELECT unit, r, r_tie, t FROM ranked WHERE name = ${steps[k - 1]!}) e
            ON p.unit = e.unit AND e.r >= p.lb))`);
  }
  ctes.push(sql`paths AS (SELECT unit, start_key, ${depthOfNullPath(steps.length)} AS depth, ${tList(steps.length)} FROM ${raw(`s${steps.length}`)})`);
  return join(ctes, ',\n');
}

function strictPaths({ steps, windowSeconds }: FunnelPlan): Fragment {
  const position = sql`CASE name ${join(steps.map((s, i) => sql`WHEN ${s} THEN ${raw(String(i + 1))}`), ' ')} ELSE ${raw(String(steps.length + 1))} END`;
  const ctes: Fragment[] = [
    // rn: position in the unit's stream; next_run: position of the next event of another name.
    sql`ordered AS (SELECT unit, name, t, row_number() OVER w AS rn, name IS DISTINCT FROM lag(name) OVER w AS run_start
                    FROM (SELECT *, ${position} AS pos FROM ev) WINDOW w AS (PARTITION BY unit ORDER BY t, pos, event_id))`,
    raw(`seq AS (SELECT unit, name, t, rn, min(CASE WHEN run_start THEN rn END) OVER (
                   PARTITION BY unit ORDER BY rn ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_run FROM ordered)`),
    sql`s1 AS (SELECT unit, rn AS start_key, rn AS r1, next_run AS x1, t AS t1, t + to_seconds(${windowSeconds}) AS deadline
            FROM seq WHERE name = ${steps[0]!})`,
  ];
  for (const k of upTo(steps.length).slice(1)) {
    // After a step, only repeats of its own name may come before the next step.
    const next = raw(steps[k - 1] === steps[k - 2] ? `p.r${k - 1} + 1` : `p.x${k - 1}`);
    ctes.push(sql`${raw(`s${k}`)} AS (
      SELECT p.*, CASE WHEN e.t <= p.deadline THEN e.rn END AS ${raw(`r${k}`)},
             CASE WHEN e.t <= p.deadline THEN e.next_run END AS ${raw(`x${k}`)},
             CASE WHEN e.t <= p.deadline THEN e.t END AS ${raw(`t${k}`)}
      FROM ${raw(`s${k - 1}`)} p LEFT JOIN seq e ON e.unit = p.unit AND e.rn = ${next} AND e.name = ${steps[k - 1]!})`);
  }
  ctes.push(sql`paths AS (SELECT unit, start_key, ${depthOfNullPath(steps.length)} AS depth, ${tList(steps.length)} FROM ${raw(`s${steps.length}`)})`);
  return join(ctes, ',\n');
}

function anyOrderPaths({ steps, windowSeconds }: FunnelPlan): Fragment {
  const ctes: Fragment[] = [
    ranking(steps),
    sql`a0 AS (SELECT unit, r AS start_key, r_tie AS lb, t + to_seconds(${windowSeconds}) AS deadline FROM ranked)`,
  ];
  for (const k of upTo(steps.length)) {
    const name = steps[k - 1]!;
    const occurrence = steps.slice(0, k).filter((s) => s === name).length;
    // f: the first event of this name at or after the anchor; e: the occurrence-th from f on.
    const again =
      occurrence === 1 ? raw('') : sql`LEFT JOIN ranked e ON e.unit = p.unit AND e.name = ${name} AND e.nr = f.nr + ${raw(String(occurrence - 1))}`;
    ctes.push(sql`${raw(`a${k}`)} AS (
      SELECT p.*, ${raw(occurrence === 1 ? 'f' : 'e')}.t AS ${raw(`t${k}`)} FROM ${raw(`a${k - 1}`)} p
      ASOF LEFT JOIN (SELECT unit, r, nr, t FROM ranked WHERE name = ${name}) f ON f.unit = p.unit AND f.r >= p.lb
      ${again})`);
  }
  const depth = raw(`CASE ${upTo(steps.length).map((k) => `WHEN NOT coalesce(t${k} <= deadline, false) THEN ${k - 1}`).join(' ')} ELSE ${steps.length} END`);
  ctes.push(sql`paths AS (SELECT unit, start_key, ${depth} AS depth, ${tList(steps.length)} FROM ${raw(`a${steps.length}`)})`);
  return join(ctes, ',\n');
}

const PATHS: Readonly<Record<FunnelMode, (plan: FunnelPlan) => Fragment>> = {
  sequential: sequentialPaths,
  strict: strictPaths,
  any: anyOrderPaths,
};

/** Per breakdown value: c_k units reaching step k, m_k median seconds, fs_k / fp_k conversions. */
function summarySelect(n: number): Fragment {
  const completed = (k: number) => (k === 1 ? 't1' : `greatest(${upTo(k).map((j) => `t${j}`).join(', ')})`);
  const inner = upTo(n).flatMap((k) => [
    `count(*) FILTER (WHERE depth >= ${k}) AS c${k}`,
    k === 1 ? 'NULL::DOUBLE AS m1' : `quantile_cont(epoch(${completed(k)}) - epoch(${completed(k - 1)}), 0.5) FILTER (WHERE depth >= ${k}) AS m${k}`,
  ]);
  const pct = (num: string, den: string) => `CASE WHEN ${den} = 0 THEN 0.0 ELSE round(100.0 * ${num} / ${den}, 2) END`;
  const outer = upTo(n).flatMap((k) => [`c${k}`, `m${k}`, `${pct(`c${k}`, 'c1')} AS fs${k}`, `${pct(`c${k}`, k === 1 ? 'c1' : `c${k - 1}`)} AS fp${k}`]);
  return raw(`SELECT bd, ${outer.join(', ')} FROM (SELECT bd, ${inner.join(', ')} FROM per_unit GROUP BY bd) ORDER BY c1 DESC, bd ASC NULLS LAST`);
}

export async function runFunnel(ws: Workspace, req: FunnelRequest): Promise<FunnelStepResult[]> {
  const info = await requireKind(ws, req.dataset, ['events'], 'funnels');
  const plan = validate(req);
  const columns = new Set(info.columns.map((c) => c.name));
  for (const c of [plan.unitColumn, 'event_name', 'occurred_at', 'event_id']) {
    if (!columns.has(c)) {
      throw new UserError('unknown_field', `dataset "${info.name}" has no ${c} column, which funnels need`, 'map a column to it when importing (--map)');
    }
  }
  const breakdown = req.breakdown === undefined ? null : await existingField(ws, info, req.breakdown);
  const range = timeBounds(raw('occurred_at'), req.from, req.to);
  // Strict mode needs every event of the unit (to see interruptions); the others only step events.
  const names = [...new Set(plan.steps)];
  const onlySteps = plan.mode === 'strict' ? raw('TRUE') : sql`event_name IN (${join(names.map((s) => sql`${s}`), ', ')})`;
  const unit = ident(plan.unitColumn);
  const firstTouch =
    breakdown === null
      ? raw('per_unit AS (SELECT *, NULL::VARCHAR AS bd FROM best)')
      : sql`touch AS (SELECT unit, first(bd ORDER BY t, event_id) AS bd FROM ev WHERE name = ${plan.steps[0]!} GROUP BY unit),
            per_unit AS (SELECT best.*, touch.bd FROM best LEFT JOIN touch USING (unit))`;
  const query = sql`WITH ev AS (
      SELECT ${unit} AS unit, event_name AS name, occurred_at AS t, event_id,
             ${breakdown === null ? raw('NULL::VARCHAR') : asText(breakdown)} AS bd
      FROM ${ident(info.name)}
      WHERE ${unit} IS NOT NULL AND occurred_at IS NOT NULL AND ${onlySteps} AND ${range}),
    ${PATHS[plan.mode](plan)},
    best AS (SELECT * FROM paths WHERE depth >= 1 QUALIFY row_number() OVER (PARTITION BY unit ORDER BY depth DESC, start_key) = 1),
    ${firstTouch}
    ${summarySelect(plan.steps.length)}`;
  const rows = await ws.db.rows(query.sql, query.params);

  // Without a breakdown every step is reported, even when no unit started the funnel.
  const blocks = rows.length > 0 || breakdown !== null ? rows : [{ bd: null }];
  return blocks.flatMap((row) =>
    plan.steps.map((name, i) => {
      const k = i + 1;
      const median = row[`m${k}`];
      const result: FunnelStepResult = {
        step: k,
        event_name: name,
        count: Number(row[`c${k}`] ?? 0),
        conversion_from_start: Number(row[`fs${k}`] ?? 0),
        conversion_from_previous: Number(row[`fp${k}`] ?? 0),
        median_seconds_to_convert: median === null || median === undefined ? null : Number(median),
      };
      if (breakdown !== null) result.breakdown = row.bd === null || row.bd === undefined ? null : String(row.bd);
      return result;
    }),
  );
}
