import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunnelRequest, FunnelStepResult } from '../../src-shared/analyses';
import { funnelUnits, runFunnel } from '../../src-main/core/analyses/funnel';
import { funnelDropOff } from '../../src-main/core/analyses/funnel-drop-off';
import { quoteLiteral } from '../../src-main/core/identifiers';
import type { Workspace } from '../../src-main/core/workspace';
import { seededRandom } from '../helpers/random';
import { makeDataset, tempDir, tempWorkspace, type TempDir } from '../helpers/workspace';

/** [event_id, event_name, time on 2025-11-01 (UTC), session_id, user_id, attributes?] */
type Ev = readonly [string, string, string, string | null, string | null, Record<string, string>?];

let t: TempDir;
let ws: Workspace;
let seq = 0;

beforeAll(async () => {
  t = tempDir();
  ws = await tempWorkspace(t);
});
afterAll(() => {
  ws.closeSync();
  t.cleanup();
});

const text = (v: string | null) => (v === null ? 'NULL::VARCHAR' : `${quoteLiteral(v)}::VARCHAR`);

/** A fresh events dataset holding exactly these rows. */
async function events(rows: readonly Ev[]): Promise<string> {
  const name = `ev${++seq}`;
  const values = rows.map(
    ([id, ev, time, session, user, attrs]) =>
      `(${text(id)}, ${text(ev)}, TIMESTAMPTZ '2025-11-01 ${time}+00', ${text(session)}, ${text(user)}, ${attrs ? `${quoteLiteral(JSON.stringify(attrs))}::JSON` : 'NULL::JSON'})`,
  );
  await makeDataset(ws, name, 'events', `SELECT * FROM (VALUES ${values.join(', ')}) t(event_id, event_name, occurred_at, session_id, user_id, attributes)`, 'occurred_at');
  return name;
}

const funnel = (dataset: string, req: Omit<FunnelRequest, 'dataset'>) => runFunnel(ws, { dataset, ...req });
const counts = (r: FunnelStepResult[]) => r.map((s) => s.count);
const medians = (r: FunnelStepResult[]) => r.map((s) => s.median_seconds_to_convert);

describe('sequential funnels', () => {
  it('counts each user at its deepest step, in order, with conversions and median times', async () => {
    const ds = await events([
      ['1', 'view', '10:00:00', 's1', 'u1'],
      ['2', 'cart', '10:05:00', 's1', 'u1'],
      ['3', 'buy', '10:20:00', 's1', 'u1'],
      ['4', 'view', '10:00:00', 's2', 'u2'],
      ['5', 'cart', '10:10:00', 's2', 'u2'],
      ['6', 'cart', '10:00:00', 's3', 'u3'], // cart before view does not count
      ['7', 'view', '10:01:00', 's3', 'u3'],
      ['8', 'buy', '10:00:00', 's4', 'u4'], // never viewed: not in the funnel
      ['9', 'view', '10:00:00', 's5', 'u5'],
      ['10', 'buy', '10:02:00', 's5', 'u5'], // buy before cart: stops at cart
      ['11', 'cart', '10:03:00', 's5', 'u5'],
      ['12', 'view', '10:00:00', 's6', null], // no unit: ignored
      ['13', 'cart', '10:01:00', 's6', null],
    ]);
    const r = await funnel(ds, { steps: ['view', 'cart', 'buy'] });
    // view: u1 u2 u3 u5 = 4; cart: u1 u2 u5 = 3; buy: u1 = 1
    expect(counts(r)).toEqual([4, 3, 1]);
    // from start: 4/4, 3/4, 1/4; from previous: 4/4, 3/4, 1/3 = 33.333… -> 33.33
    expect(r.map((s) => s.conversion_from_start)).toEqual([100, 75, 25]);
    expect(r.map((s) => s.conversion_from_previous)).toEqual([100, 75, 33.33]);
    // view->cart: u1 300 s, u2 600 s, u5 180 s -> median 300; cart->buy: u1 900 s
    expect(medians(r)).toEqual([null, 300, 900]);
    expect(r.map((s) => [s.step, s.event_name])).toEqual([[1, 'view'], [2, 'cart'], [3, 'buy']]);
    expect(r[0]).not.toHaveProperty('breakdown');
  });

  it('lets steps share a timestamp whatever the order of their ids', async () => {
    const ds = await events([
      ['a', 'cart', '10:00:00', 's1', 'u1'], // sorts before the view by id, same instant
      ['b', 'view', '10:00:00', 's1', 'u1'],
      ['c', 'buy', '10:00:00', 's1', 'u1'],
      ['x', 'view', '09:00:00', 's2', 'u2'],
      ['d', 'buy', '10:00:00', 's2', 'u2'], // ranks before the cart it ties with
      ['e', 'cart', '10:00:00', 's2', 'u2'],
    ]);
    const r = await funnel(ds, { steps: ['view', 'cart', 'buy'] });
    expect(counts(r)).toEqual([2, 2, 2]);
    // u1: 0 and 0; u2: view->cart 3600 s, cart->buy 0 -> medians (0+3600)/2 = 1800 and 0
    expect(medians(r)).toEqual([null, 1800, 0]);
  });

  it('needs a distinct event for each repeated step (A A B, A B A C)', async () => {
    const twoA = await events([
      ['1', 'A', '10:00:00', 's1', 'u1'],
      ['2', 'A', '10:01:00', 's1', 'u1'],
      ['3', 'B', '10:02:00', 's1', 'u1'],
      ['4', 'A', '10:00:00', 's2', 'u2'], // one A only: step 2 (A again) is not reached
      ['5', 'B', '10:01:00', 's2', 'u2'],
    ]);
    expect(counts(await funnel(twoA, { steps: ['A', 'A', 'B'] }))).toEqual([2, 1, 1]);

    const abac = await events([
      ['1', 'A', '10:00:00', 's1', 'u1'],
      ['2', 'B', '10:01:00', 's1', 'u1'],
      ['3', 'A', '10:02:00', 's1', 'u1'],
      ['4', 'C', '10:03:00', 's1', 'u1'],
      ['5', 'A', '10:00:00', 's2', 'u2'], // A B C: the second A never comes
      ['6', 'B', '10:01:00', 's2', 'u2'],
      ['7', 'C', '10:02:00', 's2', 'u2'],
    ]);
    const r = await funnel(abac, { steps: ['A', 'B', 'A', 'C'] });
    expect(counts(r)).toEqual([2, 2, 1, 1]);
    // u1: A 10:00 -> B 10:01 (60) -> A 10:02 (60) -> C 10:03 (60); u2 adds B after 60 s
    expect(medians(r)).toEqual([null, 60, 60, 60]);
  });

  it('times a repeated start from the earliest start that reaches the deepest step', async () => {
    const ds = await events([
      ['1', 'A', '10:00:00', 's1', 'u1'],
      ['2', 'A', '10:01:00', 's1', 'u1'],
      ['3', 'B', '10:02:00', 's1', 'u1'],
    ]);
    // both A reach B; the earliest (10:00) gives 120 s, not 60 s
    expect(medians(await funnel(ds, { steps: ['A', 'B'] }))).toEqual([null, 120]);
  });

  it('measures the window from step 1, inclusive, and tries every start', async () => {
    const ds = await events([
      ['1', 'A', '10:00:00', 's1', 'u1'],
      ['2', 'B', '10:10:00', 's1', 'u1'], // exactly 600 s after A: inside
      ['3', 'A', '10:00:00', 's2', 'u2'],
      ['4', 'B', '10:10:01', 's2', 'u2'], // 601 s: outside
      ['5', 'A', '10:00:00', 's3', 'u3'],
      ['6', 'A', '10:05:00', 's3', 'u3'],
      ['7', 'B', '10:14:00', 's3', 'u3'], // 14 min after the first A, 9 min after the second
      ['8', 'A', '10:00:00', 's4', 'u4'],
      ['9', 'B', '10:06:00', 's4', 'u4'],
      ['10', 'C', '10:11:00', 's4', 'u4'], // 11 min after A: C is outside, though 5 min after B
    ]);
    const r = await funnel(ds, { steps: ['A', 'B', 'C'], windowSeconds: 600 });
    // B reached by u1, u3 (second start), u4; C by nobody
    expect(counts(r)).toEqual([4, 3, 0]);
    // A->B: u1 600, u3 540 (from the 10:05 start, the earliest that reaches B), u4 360 -> median 540
    expect(medians(r)).toEqual([null, 540, null]);
    expect(r[2]!.conversion_from_previous).toBe(0);
  });

  it('filters events to [from, to)', async () => {
    const ds = await events([
      ['1', 'A', '09:59:00', 's1', 'u1'], // before from: this start does not exist
      ['2', 'B', '10:01:00', 's1', 'u1'],
      ['3', 'A', '10:00:00', 's2', 'u2'],
      ['4', 'B', '11:00:00', 's2', 'u2'], // at to: excluded
    ]);
    const r = await funnel(ds, { steps: ['A', 'B'], from: '2025-11-01T10:00:00Z', to: '2025-11-01T11:00:00Z' });
    expect(counts(r)).toEqual([1, 0]);
  });

  it('reports every step with zeros when no unit starts the funnel', async () => {
    const ds = await events([['1', 'B', '10:00:00', 's1', 'u1']]);
    const r = await funnel(ds, { steps: ['A', 'B'] });
    expect(r).toEqual([
      { step: 1, event_name: 'A', count: 0, conversion_from_start: 0, conversion_from_previous: 0, median_seconds_to_convert: null },
      { step: 2, event_name: 'B', count: 0, conversion_from_start: 0, conversion_from_previous: 0, median_seconds_to_convert: null },
    ]);
  });
});

describe('the greedy shortcut for sequential funnels of distinct steps', () => {
  /**
   * 3,000 events of 120 sessions and 40 users over the day, on whole minutes (many share a
   * timestamp), names a, b, c and x: with a 1-hour window many earliest paths are cut short and
   * a later start goes deeper, which the shortcut hands to the joins.
   */
  async function randomEvents(): Promise<string> {
    const r = seededRandom(7);
    const rows: Ev[] = Array.from({ length: 3000 }, (_, i) => {
      const minute = Math.floor(r() * 24 * 60);
      const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00`;
      const session = `s${Math.floor(r() * 120)}`;
      return [`e${i}`, 'abcx'[Math.floor(r() * 4)]!, time, session, `u${Number(session.slice(1)) % 40}`, { plan: r() < 0.5 ? 'free' : 'pro' }];
    });
    return events(rows);
  }

  it('answers as the joins do: counts, medians, breakdowns and drop-offs, cut paths included', async () => {
    const name = await randomEvents();
    const requests: Omit<FunnelRequest, 'dataset'>[] = [
      { steps: ['a', 'b', 'c'], by: 'session', windowSeconds: 3600 },
      { steps: ['a', 'b', 'c'], by: 'user', windowSeconds: 3600 },
      { steps: ['a', 'b', 'c'], by: 'user' },
      { steps: ['c', 'a'], by: 'session', windowSeconds: 600, breakdown: 'plan' },
      { steps: ['x', 'b', 'a', 'c'], by: 'user', windowSeconds: 7200, from: '2025-11-01T03:00:00Z', to: '2025-11-01T20:00:00Z' },
      { steps: [{ event: 'a', filters: [{ field: 'plan', op: '=', value: 'pro' }] }, 'b'], by: 'session', windowSeconds: 1800 },
      { steps: ['a'], by: 'session' },
    ];
    let cutUnits = 0;
    for (const req of requests) {
      const full = { dataset: name, ...req };
      const [fast, joined] = [await runFunnel(ws, full), await runFunnel(ws, full, { shortcut: false })];
      expect(fast).toEqual(joined);
      expect(fast[0]!.count).toBeGreaterThan(10);
      for (let step = 2; step <= req.steps.length; step++) {
        const page = { dataset: name, ...req, step, limit: 10_000 };
        expect(await funnelDropOff(ws, page)).toEqual(await funnelDropOff(ws, page, { shortcut: false }));
      }
      const units = await funnelUnits(ws, full);
      expect(units.with.sql).toContain('greedy AS');
      cutUnits += Number(await ws.db.value(`${units.with.sql} SELECT count(*) FROM cut`, [...units.with.params]));
    }
    expect(cutUnits).toBeGreaterThan(20);
  });

  it('is not taken for repeated step names, exclusions, strict or any order', async () => {
    const name = await randomEvents();
    for (const req of [
      { steps: ['a', 'b', 'a'] },
      { steps: ['a', 'b'], exclusions: ['x'] },
      { steps: ['a', 'b'], mode: 'strict' as const },
      { steps: ['a', 'b'], mode: 'any' as const },
    ]) {
      expect((await funnelUnits(ws, { dataset: name, ...req })).with.sql).not.toContain('greedy AS');
    }
  });
});

describe('funnel units', () => {
  it('follows a user across sessions but a session on its own', async () => {
    const ds = await events([
      ['1', 'A', '10:00:00', 's1', 'u1'],
      ['2', 'B', '10:05:00', 's2', 'u1'],
      ['3', 'A', '10:00:00', 's3', 'u2'],
      ['4', 'B', '10:01:00', 's3', 'u2'],
      ['5', 'A', '10:00:00', null, 'u3'], // no session: ignored by session, counted by user
    ]);
    // by user: A u1 u2 u3 = 3, B u1 u2 = 2
    expect(counts(await funnel(ds, { steps: ['A', 'B'], by: 'user' }))).toEqual([3, 2]);
    // by session: A s1 s3 = 2, B only s3 (s2 never did A) = 1
    expect(counts(await funnel(ds, { steps: ['A', 'B'], by: 'session' }))).toEqual([2, 1]);
  });
});

describe('strict funnels', () => {
  const rows: Ev[] = [
    ['1', 'A', '10:00:00', 's1', 'u1'],
    ['2', 'X', '10:01:00', 's1', 'u1'], // interrupts A -> B
    ['3', 'B', '10:02:00', 's1', 'u1'],
    ['4', 'C', '10:03:00', 's1', 'u1'],
    ['5', 'A', '10:00:00', 's2', 'u2'],
    ['6', 'A', '10:01:00', 's2', 'u2'], // a repeat of the step just done is not an interruption
    ['7', 'B', '10:02:00', 's2', 'u2'],
    ['8', 'C', '10:03:00', 's2', 'u2'],
    ['9', 'A', '10:00:00', 's3', 'u3'],
    ['10', 'B', '10:01:00', 's3', 'u3'],
    ['11', 'B', '10:02:00', 's3', 'u3'], // repeated B, then C: converts
    ['12', 'C', '10:04:00', 's3', 'u3'],
    ['13', 'A', '10:00:00', 's4', 'u4'],
    ['14', 'B', '10:01:00', 's4', 'u4'],
    ['15', 'X', '10:02:00', 's4', 'u4'], // interrupts B -> C
    ['16', 'C', '10:03:00', 's4', 'u4'],
  ];

  it('stops a path at an event of another name between two steps', async () => {
    const ds = await events(rows);
    const r = await funnel(ds, { steps: ['A', 'B', 'C'], mode: 'strict' });
    // A: all 4; B: u2 u3 u4 = 3; C: u2 u3 = 2
    expect(counts(r)).toEqual([4, 3, 2]);
    // A->B: u2 120 (from its first A, the earliest start), u3 60, u4 60 -> 60;
    // B->C: u2 60, u3 180 (from the first B) -> 120
    expect(medians(r)).toEqual([null, 60, 120]);
  });

  it('counts the same rows fully in sequential mode', async () => {
    const ds = await events(rows);
    expect(counts(await funnel(ds, { steps: ['A', 'B', 'C'] }))).toEqual([4, 4, 4]);
  });

  it('takes steps sharing a timestamp in funnel order', async () => {
    const ds = await events([
      ['z', 'A', '10:00:00', 's1', 'u1'],
      ['a', 'B', '10:00:00', 's1', 'u1'], // same instant as A, smaller id
    ]);
    expect(counts(await funnel(ds, { steps: ['A', 'B'], mode: 'strict' }))).toEqual([1, 1]);
  });
});

describe('any-order funnels', () => {
  it('reaches step k when steps 1..k all happen within one window, in any order', async () => {
    const ds = await events([
      ['1', 'C', '10:00:00', 's1', 'u1'],
      ['2', 'B', '10:01:00', 's1', 'u1'],
      ['3', 'A', '10:02:00', 's1', 'u1'],
      ['4', 'B', '10:00:00', 's2', 'u2'],
      ['5', 'A', '10:05:00', 's2', 'u2'],
      ['6', 'A', '10:00:00', 's3', 'u3'],
      ['7', 'C', '10:01:00', 's3', 'u3'], // no B: stays at step 1
      ['8', 'A', '10:00:00', 's4', 'u4'],
      ['9', 'B', '10:20:00', 's4', 'u4'], // 20 min after the first A: outside 10 min ...
      ['10', 'A', '10:25:00', 's4', 'u4'], // ... but B 10:20 and A 10:25 fit one window
      ['11', 'A', '10:00:00', 's5', 'u5'],
      ['12', 'B', '10:03:00', 's5', 'u5'],
      ['13', 'C', '10:07:00', 's5', 'u5'],
    ]);
    const r = await funnel(ds, { steps: ['A', 'B', 'C'], mode: 'any', windowSeconds: 600 });
    // step 1 (A): u1..u5 = 5; steps 1-2: u1 u2 u4 u5 = 4; steps 1-3: u1 u5 = 2
    expect(counts(r)).toEqual([5, 4, 2]);
    // "completed k" = latest of the path's steps 1..k. u1: A 10:02 is last, so 0 and 0;
    // u2: B before A -> 0; u4: B 10:20, A 10:25 -> 0; u5: 180 then 240.
    // step 2 median of [0, 0, 0, 180] = 0; step 3 median of [0, 240] = 120
    expect(medians(r)).toEqual([null, 0, 120]);
  });

  it('needs as many events as a name repeats among the steps', async () => {
    const ds = await events([
      ['1', 'A', '10:00:00', 's1', 'u1'],
      ['2', 'B', '10:01:00', 's1', 'u1'],
      ['3', 'B', '10:00:00', 's2', 'u2'],
      ['4', 'A', '10:01:00', 's2', 'u2'],
      ['5', 'A', '10:02:00', 's2', 'u2'],
    ]);
    // steps A, B, A: u1 has one A (stops at 2); u2 has two
    expect(counts(await funnel(ds, { steps: ['A', 'B', 'A'], mode: 'any' }))).toEqual([2, 2, 1]);
  });
});

describe('funnel breakdown', () => {
  it('splits by the value on the first step-1 event (an attribute key with a dot), bigger blocks first', async () => {
    const ds = await events([
      ['1', 'A', '10:00:00', 's1', 'u1', { 'utm.source': 'ads' }],
      ['2', 'A', '10:01:00', 's1', 'u1', { 'utm.source': 'mail' }], // not the first touch
      ['3', 'B', '10:02:00', 's1', 'u1', { 'utm.source': 'mail' }],
      ['4', 'A', '10:00:00', 's2', 'u2', { 'utm.source': 'mail' }],
      ['5', 'B', '10:03:00', 's2', 'u2'],
      ['6', 'A', '10:00:00', 's3', 'u3', { 'utm.source': 'mail' }],
      ['7', 'A', '10:00:00', 's4', 'u4', { other: 'x' }],
      ['8', 'B', '09:00:00', 's5', 'u5', { 'utm.source': 'web' }], // never started
    ]);
    const r = await funnel(ds, { steps: ['A', 'B'], breakdown: 'utm.source' });
    // mail: u2 u3 start, u2 converts; ads: u1 converts; null: u4 does not. ads and null tie
    // at 1 start: ads first, null last.
    expect(r.map((s) => [s.breakdown, s.step, s.count, s.conversion_from_start])).toEqual([
      ['mail', 1, 2, 100],
      ['mail', 2, 1, 50],
      ['ads', 1, 1, 100],
      ['ads', 2, 1, 100],
      [null, 1, 1, 100],
      [null, 2, 0, 0],
    ]);
  });

  it('splits by a column too', async () => {
    const ds = await events([
      ['1', 'A', '10:00:00', 's1', 'u1'],
      ['2', 'A', '10:00:00', 's2', 'u2'],
      ['3', 'A', '10:00:00', 's2', 'u3'],
    ]);
    const r = await funnel(ds, { steps: ['A'], breakdown: 'session_id' });
    expect(r.map((s) => [s.breakdown, s.count])).toEqual([['s2', 2], ['s1', 1]]);
  });

  it('refuses a breakdown field that is neither a column nor an attribute', async () => {
    const ds = await events([['1', 'A', '10:00:00', 's1', 'u1', { a: '1' }]]);
    await expect(funnel(ds, { steps: ['A'], breakdown: 'nope' })).rejects.toMatchObject({ code: 'unknown_field' });
  });
});

describe('funnel input checks', () => {
  it('refuses a dataset of another kind and names the events datasets', async () => {
    const ds = await events([['1', 'A', '10:00:00', 's1', 'u1']]);
    await makeDataset(ws, 'jobs_for_funnel', 'jobs', `SELECT 'j1' AS job_id`, null);
    const err = await funnel('jobs_for_funnel', { steps: ['A'] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'wrong_kind' });
    expect((err as { hint: string }).hint).toContain(ds);
  });

  it.each([
    [{ steps: [] }],
    [{ steps: ['A', ''] }],
    [{ steps: ['A'], mode: 'sideways' as never }],
    [{ steps: ['A'], windowSeconds: -1 }],
    [{ steps: ['A'], from: 'yesterday' }],
    [{ steps: ['A'], from: '2025-11-02T00:00:00Z', to: '2025-11-01T00:00:00Z' }],
  ])('rejects a bad request (%j)', async (req) => {
    const ds = await events([['1', 'A', '10:00:00', 's1', 'u1']]);
    await expect(funnel(ds, req)).rejects.toMatchObject({ code: 'bad_request' });
  });
});
