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
 * A step is an event name, optionally with property filters (funnel-steps.ts): an event serves
 * the step when its name is the step's and it passes every filter. "Same step" below means same
 * name and same filters; an event of one name never serves two steps of one path.
 *
 * - sequential: step k is the earliest event matching step k at or after step k-1. Events are
 *   ranked per unit by (occurred_at, event_id); an event serves one step only, so a repeated
 *   name (A A B, A B A C) needs a later-ranked event than its previous uses. Taking the earliest
 *   candidate each time is optimal: it leaves every later option open. Found with ASOF joins.
 * - strict: the unit's events (all names) are ordered by occurred_at, then funnel position of
 *   the first step they match (others last), then event_id. After step k-1 only repeats of step
 *   k-1's name may come before step k (A A B and A B B C convert, A X B does not); so step k is
 *   the first event after step k-1's run of repeats (the very next event when steps k-1 and k
 *   share a name), and it must match step k.
 * - any: steps 1..k done in any order within one window from the earliest of them. From every
 *   step event as anchor, step j takes the o-th event matching it at or after the anchor (o = how
 *   often the same step occurs in steps 1..j); the unit reaches k when those all fall in the
 *   window. (Two steps sharing a name but not their filters may be served by one event here.)
 *
 * Exclusions (PostHog "exclusion steps", here spanning the whole funnel): an attempt — the path
 * from one start (any order: from one anchor, whose time stands for "step 1") — does not convert
 * into step k when an exclusion event of the unit happens strictly after that start and strictly
 * before step k was completed; it keeps the steps completed before the first such event (an
 * exclusion at the very instant of a step does not spoil it). Another start after the exclusion
 * is a fresh attempt. Exclusion events are read from [from, to) like steps.
 *
 * Time to convert into step k = time step k was completed − time step k-1 was completed, where
 * "completed j" is the latest event among steps 1..j of the chosen path (for sequential and
 * strict paths that is simply t_k − t_(k-1)). Its median is continuous (interpolated).
 * Breakdown: the value on the unit's first step-1 event (first touch); one block of steps per
 * value, blocks ordered by step-1 count desc, then value (null last).
 *
 * Sequential funnels of distinct step names without exclusions take a shortcut (greedyPaths):
 * no joins, no sort. The path from the unit's earliest start is the best one unless the window
 * stopped it; only for units whose earliest path the window cut is every start followed.
 */
import type { FunnelMode, FunnelRequest, FunnelStepResult, FunnelUnit } from '../../../src-shared/analyses';
import { FUNNEL_MODES } from '../../../src-shared/analyses';
import type { DatasetInfo } from '../../../src-shared/datasets';
import { UserError } from '../../../src-shared/errors';
import type { Workspace } from '../workspace';
import { fieldResolver, type FieldResolver, type ResolvedField } from '../query/fields';
import { ident, join, raw, sql, type Fragment } from '../query/fragment';
import { anyOf, readStep, type StepMatch } from './funnel-steps';
import { asText, existingField, requireKind, shown, timeBounds } from './inputs';

export const DEFAULT_FUNNEL_WINDOW_SECONDS = 14 * 24 * 3600;
/** A century: longer windows would carry timestamps out of DuckDB's range. */
const MAX_WINDOW_SECONDS = 100 * 366 * 24 * 3600;
const MAX_STEPS = 20;
const MAX_EXCLUSIONS = 20;

interface FunnelPlan {
  readonly steps: readonly StepMatch[];
  readonly exclusions: readonly StepMatch[];
  readonly mode: FunnelMode;
  readonly unitColumn: string;
  readonly windowSeconds: number;
}

function validate(req: FunnelRequest, fields: FieldResolver): FunnelPlan {
  const steps: unknown = req.steps;
  if (!Array.isArray(steps) || steps.length < 1 || steps.length > MAX_STEPS) {
    throw new UserError('bad_request', `a funnel needs 1 to ${MAX_STEPS} steps, got ${Array.isArray(steps) ? steps.length : 'none'}`, 'list event names in order, e.g. --steps view,add_to_cart,checkout');
  }
  const exclusions: unknown = req.exclusions ?? [];
  if (!Array.isArray(exclusions) || exclusions.length > MAX_EXCLUSIONS) {
    throw new UserError('bad_request', `exclusions must be a list of at most ${MAX_EXCLUSIONS} events`);
  }
  const mode = req.mode ?? 'sequential';
  if (!FUNNEL_MODES.includes(mode)) {
    throw new UserError('bad_request', `funnel mode "${shown(mode)}" is not one of ${FUNNEL_MODES.join(', ')}`);
  }
  const by: FunnelUnit = req.by ?? 'user';
  if (by !== 'user' && by !== 'session') {
    throw new UserError('bad_request', `funnel unit "${shown(by)}" is not session or user`);
  }
  const windowSeconds = req.windowSeconds ?? DEFAULT_FUNNEL_WINDOW_SECONDS;
  if (typeof windowSeconds !== 'number' || !Number.isFinite(windowSeconds) || windowSeconds < 0 || windowSeconds > MAX_WINDOW_SECONDS) {
    throw new UserError('bad_request', `funnel window ${shown(windowSeconds)} s is not a duration`, 'give a window from 0 seconds to 100 years, e.g. 30m, 2h, 14d');
  }
  return {
    steps: steps.map((s: unknown, i) => readStep(s, `funnel step ${i + 1}`, fields)),
    exclusions: exclusions.map((s: unknown, i) => readStep(s, `funnel exclusion ${i + 1}`, fields)),
    mode,
    unitColumn: by === 'session' ? 'session_id' : 'user_id',
    windowSeconds,
  };
}

/** 1..n */
const upTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
const tList = (n: number, prefix = '') => raw(upTo(n).map((k) => `${prefix}t${k}`).join(', '));
/** Depth of a path whose t_k turn null after its last step. */
const depthOfNullPath = (n: number) =>
  raw(n === 1 ? '1' : `CASE ${upTo(n).slice(1).map((k) => `WHEN t${k} IS NULL THEN ${k - 1}`).join(' ')} ELSE ${n} END`);
/** When step k of a path was completed: the latest of its steps 1..k. */
export const completedAt = (k: number, prefix = ''): string => (k === 1 ? `${prefix}t1` : `greatest(${upTo(k).map((j) => `${prefix}t${j}`).join(', ')})`);

const stepAt = (plan: FunnelPlan, k: number): StepMatch => plan.steps[k - 1]!;
/** The match column of step k: m_j of the first step j matching the same events. */
const matchOf = (plan: FunnelPlan, k: number): string => `m${plan.steps.findIndex((s) => s.key === stepAt(plan, k).key) + 1}`;
/** Earlier steps (1-based) with the same event name as step k. */
const sameNameBefore = (plan: FunnelPlan, k: number): number[] => upTo(k - 1).filter((j) => stepAt(plan, j).event === stepAt(plan, k).event);

/**
 * `ranked`: ev plus r, which orders a unit's step events by (t, event_id), and r_tie, the first
 * r at the same t, so `r >= r_tie(x)` means "at or after x". Only repeated step names need to
 * tell events with one timestamp apart: with distinct names the timestamp itself serves as r
 * (and as r_tie), which spares two sorts.
 */
function ranking(plan: FunnelPlan): Fragment {
  if (new Set(plan.steps.map((s) => s.event)).size === plan.steps.length) {
    return raw(`ranked AS (SELECT *, t AS r, t AS r_tie FROM ev)`);
  }
  return raw(`ranked AS (SELECT *, min(r) OVER (PARTITION BY unit, t) AS r_tie FROM (
     SELECT *, row_number() OVER (PARTITION BY unit ORDER BY t, event_id) AS r FROM ev))`);
}

/**
 * CTEs (after `ev`) ending in `paths(unit, start_key, origin, depth, t1..tN)`: one row per start
 * or anchor (at time origin), the depth it reaches and when each step of its path happened.
 */
function sequentialPaths(plan: FunnelPlan): Fragment {
  const n = plan.steps.length;
  const ctes: Fragment[] = [
    ranking(plan),
    sql`s1 AS (SELECT unit, r AS start_key, r AS r1, r_tie AS q1, t AS t1, t + to_seconds(${plan.windowSeconds}) AS deadline
            FROM ranked WHERE m1)`,
  ];
  for (const k of upTo(n).slice(1)) {
    const same = sameNameBefore(plan, k);
    const lower = raw(same.length > 0 ? `greatest(q${k - 1}, ${same.map((j) => `r${j} + 1`).join(', ')})` : `q${k - 1}`);
    ctes.push(sql`${raw(`s${k}`)} AS (
      SELECT * EXCLUDE (lb, e_r, e_q, e_t, ok), CASE WHEN ok THEN e_r END AS ${raw(`r${k}`)},
             CASE WHEN ok THEN e_q END AS ${raw(`q${k}`)}, CASE WHEN ok THEN e_t END AS ${raw(`t${k}`)}
      FROM (SELECT p.*, e.r AS e_r, e.r_tie AS e_q, e.t AS e_t, coalesce(e.t <= p.deadline, false) AS ok
            FROM (SELECT *, CASE WHEN ${raw(`t${k - 1}`)} IS NOT NULL THEN ${lower} END AS lb FROM ${raw(`s${k - 1}`)}) p
            ASOF LEFT JOIN (SELECT unit, r, r_tie, t FROM ranked WHERE ${raw(matchOf(plan, k))}) e
            ON p.unit = e.unit AND e.r >= p.lb))`);
  }
  ctes.push(sql`paths AS (SELECT unit, start_key, t1 AS origin, ${depthOfNullPath(n)} AS depth, ${tList(n)} FROM ${raw(`s${n}`)})`);
  return join(ctes, ',\n');
}

function strictPaths(plan: FunnelPlan): Fragment {
  const n = plan.steps.length;
  const matches = upTo(n).map((k) => `m${k}`).join(', ');
  const position = raw(`CASE ${upTo(n).map((k) => `WHEN m${k} THEN ${k}`).join(' ')} ELSE ${n + 1} END`);
  const ctes: Fragment[] = [
    // rn: position in the unit's stream; next_run: position of the next event of another name.
    sql`ordered AS (SELECT unit, name, t, ${raw(matches)}, row_number() OVER w AS rn, name IS DISTINCT FROM lag(name) OVER w AS run_start
                    FROM (SELECT *, ${position} AS pos FROM ev) WINDOW w AS (PARTITION BY unit ORDER BY t, pos, event_id))`,
    raw(`seq AS (SELECT unit, name, t, ${matches}, rn, min(CASE WHEN run_start THEN rn END) OVER (
                   PARTITION BY unit ORDER BY rn ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_run FROM ordered)`),
    sql`s1 AS (SELECT unit, rn AS start_key, rn AS r1, next_run AS x1, t AS t1, t + to_seconds(${plan.windowSeconds}) AS deadline
            FROM seq WHERE m1)`,
  ];
  for (const k of upTo(n).slice(1)) {
    // After a step, only repeats of its own name may come before the next step.
    const next = raw(stepAt(plan, k).event === stepAt(plan, k - 1).event ? `p.r${k - 1} + 1` : `p.x${k - 1}`);
    ctes.push(sql`${raw(`s${k}`)} AS (
      SELECT p.*, CASE WHEN e.t <= p.deadline THEN e.rn END AS ${raw(`r${k}`)},
             CASE WHEN e.t <= p.deadline THEN e.next_run END AS ${raw(`x${k}`)},
             CASE WHEN e.t <= p.deadline THEN e.t END AS ${raw(`t${k}`)}
      FROM ${raw(`s${k - 1}`)} p LEFT JOIN seq e ON e.unit = p.unit AND e.rn = ${next} AND ${raw(`e.${matchOf(plan, k)}`)})`);
  }
  ctes.push(sql`paths AS (SELECT unit, start_key, t1 AS origin, ${depthOfNullPath(n)} AS depth, ${tList(n)} FROM ${raw(`s${n}`)})`);
  return join(ctes, ',\n');
}

function anyOrderPaths(plan: FunnelPlan): Fragment {
  const n = plan.steps.length;
  const occurrence = (k: number) => upTo(k).filter((j) => stepAt(plan, j).key === stepAt(plan, k).key).length;
  // nr_m numbers the events matching a repeated step, per unit, in rank order.
  const repeated = [...new Set(upTo(n).filter((k) => occurrence(k) > 1).map((k) => matchOf(plan, k)))];
  const numbering = repeated.map((m) => `CASE WHEN ${m} THEN row_number() OVER (PARTITION BY unit, ${m} ORDER BY r) END AS nr_${m}`);
  const ctes: Fragment[] = [
    ranking(plan),
    raw(`numbered AS (SELECT *${numbering.map((x) => `, ${x}`).join('')} FROM ranked)`),
    sql`a0 AS (SELECT unit, r AS start_key, r_tie AS lb, t AS origin, t + to_seconds(${plan.windowSeconds}) AS deadline FROM ranked)`,
  ];
  for (const k of upTo(n)) {
    const m = matchOf(plan, k);
    const o = occurrence(k);
    // f: the first matching event at or after the anchor; e: the o-th from f on.
    const again = o === 1 ? '' : `LEFT JOIN numbered e ON e.unit = p.unit AND e.${m} AND e.nr_${m} = f.nr_${m} + ${o - 1}`;
    const fColumns = repeated.includes(m) ? `unit, r, t, nr_${m}` : 'unit, r, t';
    ctes.push(raw(`a${k} AS (
      SELECT p.*, ${o === 1 ? 'f' : 'e'}.t AS t${k} FROM a${k - 1} p
      ASOF LEFT JOIN (SELECT ${fColumns} FROM numbered WHERE ${m}) f ON f.unit = p.unit AND f.r >= p.lb
      ${again})`));
  }
  const depth = raw(`CASE ${upTo(n).map((k) => `WHEN NOT coalesce(t${k} <= deadline, false) THEN ${k - 1}`).join(' ')} ELSE ${n} END`);
  ctes.push(sql`paths AS (SELECT unit, start_key, origin, ${depth} AS depth, ${tList(n)} FROM ${raw(`a${n}`)})`);
  return join(ctes, ',\n');
}

/**
 * Whether the greedy shortcut answers the plan: sequential steps of distinct names (an event
 * then serves one step at most, and events of one timestamp need no order) and no exclusions.
 */
const greedyServes = (plan: FunnelPlan): boolean =>
  plan.mode === 'sequential' && plan.exclusions.length === 0 && new Set(plan.steps.map((s) => s.event)).size === plan.steps.length;

/**
 * CTEs ending in `per_unit` for sequential funnels of distinct steps, from `steps` (the step
 * events) and `cutSteps` (the same, selected for the units in `cut`). From a start g1, step k is the
 * earliest event matching it at or after step k-1 (g_k), found in an unordered list of the
 * unit's step-k times: one GROUP BY, no sort.
 * - From the unit's earliest start: when all of the path lies in the window, or it ends because
 *   no later event matches the next step, no other start goes deeper (a later start's path is
 *   never earlier, step by step), so this path is the unit's best (`fast`).
 * - A unit whose earliest path the window stopped (the next step came, but too late) is in
 *   `cut`: its path from every start is followed the same way, and the deepest, then earliest,
 *   is its best (`tried`).
 * Where the starts come from depends on the unit. Sessions rarely outlast the window, so few are
 * cut: their step events are read again for them (`cut_steps`). Users often are (at 10M events
 * over 60 days, 46% with a 14-day window): every unit's list of starts is kept from the first
 * GROUP BY instead, in a materialized `greedy` (by user 1,150 -> 990 ms; by session the lists
 * made it 540 -> 830 ms).
 */
function greedyPaths(plan: FunnelPlan, breakdown: boolean, cutSteps: Fragment): Fragment {
  const n = plan.steps.length;
  const later = upTo(n).slice(1);
  const lists = later.map((k) => `, list(t) FILTER (WHERE m${k}) AS l${k}`).join('');
  const touch = `${breakdown ? 'first(bd ORDER BY t, event_id) FILTER (WHERE m1)' : 'NULL::VARCHAR'} AS bd`;
  /** `from` (unit, g1, l2..lN, bd) with each path's g2..gN, deadline and depth. */
  const paths = (from: string) => {
    let chain = from;
    for (const k of later) chain = `SELECT *, list_min(list_filter(l${k}, x -> x >= g${k - 1})) AS g${k} FROM (${chain})`;
    const depth = n === 1 ? '1' : `CASE ${later.map((k) => `WHEN NOT coalesce(g${k} <= deadline, false) THEN ${k - 1}`).join(' ')} ELSE ${n} END`;
    return `SELECT *, ${depth} AS depth FROM (SELECT *, g1 + to_seconds(${plan.windowSeconds}) AS deadline FROM (${chain}))`;
  };
  const stopped = n === 1 ? 'false' : `CASE depth ${later.map((k) => `WHEN ${k - 1} THEN g${k} IS NOT NULL`).join(' ')} ELSE false END`;
  const times = upTo(n).map((k) => (k === 1 ? 'g1 AS t1' : `CASE WHEN depth >= ${k} THEN g${k} END AS t${k}`)).join(', ');
  const gs = upTo(n).map((k) => `g${k}`).join(', ');
  const laterLists = later.map((k) => `, l${k}`).join('');
  const tried = (everyStart: string) => sql`tried AS (SELECT unit, g1 AS start_key, g1 AS origin, depth, ${raw(times)}, bd FROM (${raw(paths(everyStart))})
              QUALIFY row_number() OVER (PARTITION BY unit ORDER BY depth DESC, g1) = 1),
    per_unit AS (SELECT * FROM fast UNION ALL BY NAME SELECT * FROM tried)`;
  if (plan.unitColumn === 'user_id') {
    const earliest = `SELECT unit, min(t) FILTER (WHERE m1) AS g1, list(t) FILTER (WHERE m1) AS l1${lists}, ${touch} FROM steps GROUP BY unit HAVING g1 IS NOT NULL`;
    return sql`greedy AS MATERIALIZED (SELECT unit, l1${raw(laterLists)}, ${raw(gs)}, bd, depth, ${raw(stopped)} AS stopped FROM (${raw(paths(earliest))})),
    cut AS (SELECT unit FROM greedy WHERE stopped),
    fast AS (SELECT unit, g1 AS start_key, g1 AS origin, depth, ${raw(times)}, bd FROM greedy WHERE NOT stopped),
    ${tried(`SELECT unit, unnest(l1) AS g1${laterLists}, bd FROM greedy WHERE stopped`)}`;
  }
  const earliest = `SELECT unit, min(t) FILTER (WHERE m1) AS g1${lists}, ${touch} FROM steps GROUP BY unit HAVING g1 IS NOT NULL`;
  // `fast` leaves out the cut units by an anti join, not by a filter on `stopped`: with a filter
  // on both uses of a `greedy` that is not materialized, DuckDB pushes "stopped OR NOT stopped"
  // into it, with each list search written out again several times.
  return sql`greedy AS (SELECT unit, ${raw(gs)}, bd, depth, ${raw(stopped)} AS stopped FROM (${raw(paths(earliest))})),
    cut AS (SELECT unit FROM greedy WHERE stopped),
    cut_steps AS (${cutSteps}),
    fast AS (SELECT unit, g1 AS start_key, g1 AS origin, depth, ${raw(times)}, bd FROM greedy ANTI JOIN cut USING (unit)),
    ${tried(`SELECT unit, unnest(l1) AS g1${laterLists}, bd FROM (
        SELECT unit, list(t) FILTER (WHERE m1) AS l1${lists}, ${touch} FROM cut_steps GROUP BY unit)`)}`;
}

const PATHS: Readonly<Record<FunnelMode, (plan: FunnelPlan) => Fragment>> = {
  sequential: sequentialPaths,
  strict: strictPaths,
  any: anyOrderPaths,
};

/**
 * `kept`: paths with their depth cut at the first exclusion event after their origin (steps
 * completed after it do not count).
 */
function excluded(plan: FunnelPlan, unit: Fragment, base: Fragment): Fragment {
  const n = plan.steps.length;
  if (plan.exclusions.length === 0) return raw('kept AS (SELECT * FROM paths)');
  const cut = `CASE ${upTo(n).map((k) => `WHEN ${completedAt(k, 'p.')} > x.t THEN ${k - 1}`).join(' ')} ELSE ${n} END`;
  return sql`xev AS (SELECT ${unit} AS unit, occurred_at AS t FROM ${base} AND (${anyOf(plan.exclusions)})),
    kept AS (SELECT p.unit, p.start_key, p.origin, CASE WHEN x.t IS NULL THEN p.depth ELSE least(p.depth, ${raw(cut)}) END AS depth, ${tList(n, 'p.')}
             FROM paths p ASOF LEFT JOIN xev x ON x.unit = p.unit AND x.t > p.origin)`;
}

export interface FunnelUnits {
  readonly info: DatasetInfo;
  readonly steps: readonly StepMatch[];
  readonly unitColumn: string;
  readonly breakdown: ResolvedField | null;
  /**
   * `WITH …` ending in `per_unit(unit, start_key, origin, depth, t1..tN, bd)`: each unit that
   * started the funnel, at its best attempt (deepest, then earliest), with its breakdown value.
   */
  readonly with: Fragment;
}

export interface FunnelOptions {
  /** false: every unit through the joins, even where the greedy shortcut answers (tests compare both). */
  readonly shortcut?: boolean;
}

/** The funnel up to one row per unit: what the summary and the drop-off lists read. */
export async function funnelUnits(ws: Workspace, req: FunnelRequest, opts: FunnelOptions = {}): Promise<FunnelUnits> {
  const info = await requireKind(ws, req.dataset, ['events'], 'funnels');
  const fields = fieldResolver(info.name, info.columns);
  const plan = validate(req, fields);
  const columns = new Set(info.columns.map((c) => c.name));
  for (const c of [plan.unitColumn, 'event_name', 'occurred_at', 'event_id']) {
    if (!columns.has(c)) {
      throw new UserError('unknown_field', `dataset "${info.name}" has no ${c} column, which funnels need`, 'map a column to it when importing (--map)');
    }
  }
  const breakdown = req.breakdown === undefined ? null : await existingField(ws, info, req.breakdown);
  const range = timeBounds(raw('occurred_at'), req.from, req.to);
  const unit = ident(plan.unitColumn);
  const base = sql`${ident(info.name)} WHERE ${unit} IS NOT NULL AND occurred_at IS NOT NULL AND ${range}`;
  // Strict mode needs every event of the unit (to see interruptions); the others only step events.
  const onlySteps = plan.mode === 'strict' ? raw('TRUE') : anyOf(plan.steps);
  const matchColumns = join(
    plan.steps.map((s, i) => sql`coalesce(${s.condition}, false) AS ${raw(`m${i + 1}`)}`),
    ', ',
  );
  const events = (only: Fragment) => sql`
      SELECT ${unit} AS unit, event_name AS name, occurred_at AS t, event_id,
             ${breakdown === null ? raw('NULL::VARCHAR') : asText(breakdown)} AS bd, ${matchColumns}
      FROM ${base} AND (${onlySteps}) AND ${only}`;
  if (opts.shortcut !== false && greedyServes(plan)) {
    const query = sql`WITH steps AS (${events(raw('TRUE'))}),
    ${greedyPaths(plan, breakdown !== null, events(sql`${unit} IN (SELECT unit FROM cut)`))}`;
    return { info, steps: plan.steps, unitColumn: plan.unitColumn, breakdown, with: query };
  }
  const firstTouch =
    breakdown === null
      ? raw('per_unit AS (SELECT *, NULL::VARCHAR AS bd FROM best)')
      : raw(`touch AS (SELECT unit, first(bd ORDER BY t, event_id) AS bd FROM ev WHERE m1 GROUP BY unit),
            per_unit AS (SELECT best.*, touch.bd FROM best LEFT JOIN touch USING (unit))`);
  const query = sql`WITH ev AS (${events(raw('TRUE'))}),
    ${PATHS[plan.mode](plan)},
    ${excluded(plan, unit, base)},
    best AS (SELECT * FROM kept WHERE depth >= 1 QUALIFY row_number() OVER (PARTITION BY unit ORDER BY depth DESC, start_key) = 1),
    ${firstTouch}`;
  return { info, steps: plan.steps, unitColumn: plan.unitColumn, breakdown, with: query };
}

/** Per breakdown value: c_k units reaching step k, m_k median seconds, fs_k / fp_k conversions. */
function summarySelect(n: number): Fragment {
  const inner = upTo(n).flatMap((k) => [
    `count(*) FILTER (WHERE depth >= ${k}) AS c${k}`,
    k === 1 ? 'NULL::DOUBLE AS m1' : `quantile_cont(epoch(${completedAt(k)}) - epoch(${completedAt(k - 1)}), 0.5) FILTER (WHERE depth >= ${k}) AS m${k}`,
  ]);
  const pct = (num: string, den: string) => `CASE WHEN ${den} = 0 THEN 0.0 ELSE round(100.0 * ${num} / ${den}, 2) END`;
  const outer = upTo(n).flatMap((k) => [`c${k}`, `m${k}`, `${pct(`c${k}`, 'c1')} AS fs${k}`, `${pct(`c${k}`, k === 1 ? 'c1' : `c${k - 1}`)} AS fp${k}`]);
  return raw(`SELECT bd, ${outer.join(', ')} FROM (SELECT bd, ${inner.join(', ')} FROM per_unit GROUP BY bd) ORDER BY c1 DESC, bd ASC NULLS LAST`);
}

export async function runFunnel(ws: Workspace, req: FunnelRequest, opts: FunnelOptions = {}): Promise<FunnelStepResult[]> {
  const units = await funnelUnits(ws, req, opts);
  const n = units.steps.length;
  const query = sql`${units.with} ${summarySelect(n)}`;
  const rows = await ws.db.rows(query.sql, query.params);

  // Without a breakdown every step is reported, even when no unit started the funnel.
  const blocks = rows.length > 0 || units.breakdown !== null ? rows : [{ bd: null }];
  return blocks.flatMap((row) =>
    units.steps.map((step, i) => {
      const k = i + 1;
      const median = row[`m${k}`];
      const result: FunnelStepResult = {
        step: k,
        event_name: step.event,
        count: Number(row[`c${k}`] ?? 0),
        conversion_from_start: Number(row[`fs${k}`] ?? 0),
        conversion_from_previous: Number(row[`fp${k}`] ?? 0),
        median_seconds_to_convert: median === null || median === undefined ? null : Number(median),
      };
      if (units.breakdown !== null) result.breakdown = row.bd === null || row.bd === undefined ? null : String(row.bd);
      return result;
    }),
  );
}
