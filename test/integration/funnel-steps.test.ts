import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunnelRequest, FunnelStepResult } from '../../src-shared/analyses';
import { toRowObjects } from '../../src-shared/columnar';
import { runFunnel } from '../../src-main/core/analyses/funnel';
import { funnelDropOff } from '../../src-main/core/analyses/funnel-drop-off';
import { exportData } from '../../src-main/core/export';
import { quoteLiteral } from '../../src-main/core/identifiers';
import type { Workspace } from '../../src-main/core/workspace';
import { makeDataset, tempDir, tempWorkspace, type TempDir } from '../helpers/workspace';

/** [event_name, time on 2025-11-01 (UTC), session_id, source, attributes?]; user = "u" + session. */
type Ev = readonly [string, string, string, string, Record<string, unknown>?];

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

async function events(rows: readonly Ev[]): Promise<string> {
  const name = `fs${++seq}`;
  const values = rows.map(
    ([ev, time, session, source, attrs], i) =>
      `('e${i}', ${quoteLiteral(ev)}, TIMESTAMPTZ '2025-11-01 ${time}+00', ${quoteLiteral(session)}, ${quoteLiteral(`u${session}`)}, ${quoteLiteral(source)}, ${attrs ? `${quoteLiteral(JSON.stringify(attrs))}::JSON` : 'NULL::JSON'})`,
  );
  await makeDataset(ws, name, 'events', `SELECT * FROM (VALUES ${values.join(', ')}) t(event_id, event_name, occurred_at, session_id, user_id, source, attributes)`, 'occurred_at');
  return name;
}

const counts = (r: FunnelStepResult[]) => r.map((s) => s.count);

/** Six sessions through view -> cart -> checkout. */
const SHOP: readonly Ev[] = [
  ['view', '10:00:00', 's1', 'web', { plan: 'pro' }],
  ['cart', '10:05:00', 's1', 'web', { 'cart.value': 30 }],
  ['checkout', '10:10:00', 's1', 'web'],
  ['view', '10:00:00', 's2', 'web', { plan: 'free' }],
  ['cart', '10:02:00', 's2', 'web', { 'cart.value': 10 }],
  ['view', '10:00:00', 's3', 'ads', { plan: 'pro' }],
  ['cart', '10:03:00', 's3', 'ads', { 'cart.value': 25 }],
  ['checkout', '10:20:00', 's3', 'ads'],
  ['view', '10:00:00', 's4', 'ads', { plan: 'pro' }],
  ['view', '10:00:00', 's5', 'email', { plan: 'free' }],
  ['checkout', '10:05:00', 's5', 'email'], // no cart: stays at view
  ['view', '11:00:00', 's6', 'ads'], // first touch: ads
  ['view', '11:30:00', 's6', 'web'],
  ['cart', '11:40:00', 's6', 'web', { 'cart.value': 50 }],
];
const BY_SESSION: Omit<FunnelRequest, 'dataset' | 'steps'> = { by: 'session' };
const STEPS = ['view', 'cart', 'checkout'];

describe('funnel step filters', () => {
  let ds: string;
  beforeAll(async () => {
    ds = await events(SHOP);
  });

  it('counts every session without filters', async () => {
    // s1 3, s2 2, s3 3, s4 1, s5 1, s6 2
    expect(counts(await runFunnel(ws, { dataset: ds, steps: STEPS, ...BY_SESSION }))).toEqual([6, 4, 2]);
  });

  it('starts only from step-1 events passing an attribute filter', async () => {
    const steps = [{ event: 'view', filters: [{ field: 'plan', op: '=' as const, value: 'pro' }] }, 'cart', 'checkout'];
    // pro views: s1 (3), s3 (3), s4 (1)
    expect(counts(await runFunnel(ws, { dataset: ds, steps, ...BY_SESSION }))).toEqual([3, 2, 2]);
  });

  it('compares a dotted attribute key numerically and keeps the event name as the step name', async () => {
    const steps = ['view', { event: 'cart', filters: [{ field: 'cart.value', op: '>' as const, value: 20 }] }, 'checkout'];
    // s2's cart is worth 10: it stops at view; s1 3, s3 3, s4 1, s5 1, s6 2
    const r = await runFunnel(ws, { dataset: ds, steps, ...BY_SESSION });
    expect(counts(r)).toEqual([6, 3, 2]);
    expect(r.map((s) => s.event_name)).toEqual(STEPS);
  });

  it('filters on a column with in', async () => {
    const steps = [{ event: 'view', filters: [{ field: 'source', op: 'in' as const, value: ['ads', 'email'] }] }, 'cart', 'checkout'];
    // s3 3, s4 1, s5 1, s6 from its ads view at 11:00 reaches cart -> 2
    expect(counts(await runFunnel(ws, { dataset: ds, steps, ...BY_SESSION }))).toEqual([4, 2, 1]);
  });

  it('refuses a step without an event name and a malformed filter', async () => {
    await expect(runFunnel(ws, { dataset: ds, steps: ['view', { event: '' }] })).rejects.toMatchObject({ code: 'bad_request' });
    const bad = { event: 'view', filters: [{ field: 'plan', op: 'like' }] } as unknown as string;
    await expect(runFunnel(ws, { dataset: ds, steps: [bad, 'cart'] })).rejects.toMatchObject({ code: 'bad_spec' });
  });
});

describe('funnel breakdown by source', () => {
  it('splits sessions by the source of their first view (first touch), bigger blocks first', async () => {
    const ds = await events(SHOP);
    const r = await runFunnel(ws, { dataset: ds, steps: STEPS, breakdown: 'source', ...BY_SESSION });
    // ads: s3 (3), s4 (1), s6 (2, first view from ads) -> 3 2 1; web: s1 (3), s2 (2) -> 2 2 1; email: s5 -> 1 0 0
    expect(r.map((s) => [s.breakdown, s.count])).toEqual([
      ['ads', 3], ['ads', 2], ['ads', 1],
      ['web', 2], ['web', 2], ['web', 1],
      ['email', 1], ['email', 0], ['email', 0],
    ]);
    // ads: 2/3 = 66.67 % from start, 1/2 = 50 % from cart
    expect(r.slice(0, 3).map((s) => s.conversion_from_start)).toEqual([100, 66.67, 33.33]);
    expect(r.slice(0, 3).map((s) => s.conversion_from_previous)).toEqual([100, 66.67, 50]);
  });
});

describe('funnel exclusions', () => {
  const ROWS: readonly Ev[] = [
    ['view', '10:00:00', 'x1', 'web'],
    ['cart', '10:05:00', 'x1', 'web'],
    ['checkout', '10:10:00', 'x1', 'web'],
    ['view', '10:00:00', 'x2', 'web'],
    ['remove', '10:03:00', 'x2', 'web', { reason: 'price' }], // between view and cart
    ['cart', '10:05:00', 'x2', 'web'],
    ['checkout', '10:10:00', 'x2', 'web'],
    ['view', '10:00:00', 'x3', 'web'],
    ['cart', '10:05:00', 'x3', 'web'],
    ['remove', '10:07:00', 'x3', 'web', { reason: 'size' }], // between cart and checkout
    ['checkout', '10:10:00', 'x3', 'web'],
    ['view', '10:00:00', 'x4', 'web'],
    ['remove', '10:01:00', 'x4', 'web', { reason: 'price' }],
    ['view', '10:02:00', 'x4', 'web'], // a fresh attempt after the exclusion
    ['cart', '10:03:00', 'x4', 'web'],
    ['checkout', '10:04:00', 'x4', 'web'],
    ['view', '10:00:00', 'x5', 'web'],
    ['cart', '10:05:00', 'x5', 'web'],
    ['remove', '10:05:00', 'x5', 'web', { reason: 'size' }], // the very instant of the cart
    ['checkout', '10:10:00', 'x5', 'web'],
  ];
  let ds: string;
  beforeAll(async () => {
    ds = await events(ROWS);
  });

  it('converts everyone when nothing is excluded', async () => {
    expect(counts(await runFunnel(ws, { dataset: ds, steps: STEPS, ...BY_SESSION }))).toEqual([5, 5, 5]);
  });

  it('stops an attempt at the last step done before an exclusion event, and lets a later start try again', async () => {
    const r = await runFunnel(ws, { dataset: ds, steps: STEPS, exclusions: ['remove'], ...BY_SESSION });
    // x1 3; x2 1 (remove before cart); x3 2 (remove before checkout); x4 3 (second view at 10:02);
    // x5 2 (the remove shares the cart's instant, so the cart counts; the checkout does not)
    expect(counts(r)).toEqual([5, 4, 2]);
    // view->cart: x1 300, x3 300, x4 60 (from its second view), x5 300 -> 300; cart->checkout: x1 300, x4 60 -> 180
    expect(r.map((s) => s.median_seconds_to_convert)).toEqual([null, 300, 180]);
  });

  it('excludes only events passing the exclusion filters', async () => {
    const exclusions = [{ event: 'remove', filters: [{ field: 'reason', op: '=' as const, value: 'price' }] }];
    // only x2's remove (price) spoils its attempt; x4's price remove comes before its second view
    expect(counts(await runFunnel(ws, { dataset: ds, steps: STEPS, exclusions, ...BY_SESSION }))).toEqual([5, 4, 4]);
  });

  it('applies exclusions in any-order and strict mode too', async () => {
    for (const mode of ['any', 'strict'] as const) {
      expect(counts(await runFunnel(ws, { dataset: ds, steps: STEPS, exclusions: ['remove'], mode, ...BY_SESSION }))).toEqual([5, 4, 2]);
    }
    // any order without exclusions converts everyone
    expect(counts(await runFunnel(ws, { dataset: ds, steps: STEPS, mode: 'any', ...BY_SESSION }))).toEqual([5, 5, 5]);
  });
});

describe('funnel drop-offs', () => {
  let ds: string;
  beforeAll(async () => {
    ds = await events(SHOP);
  });
  const rows = (r: Awaited<ReturnType<typeof funnelDropOff>>) => toRowObjects(r);

  it('lists the sessions that reached step - 1 but not step, with their times', async () => {
    const cart = await funnelDropOff(ws, { dataset: ds, steps: STEPS, step: 2, ...BY_SESSION });
    expect(cart.columns.map((c) => c.name)).toEqual(['session_id', 'started_at', 'reached_at']);
    expect(cart.totalRows).toBe(2);
    expect(rows(cart).map((r) => r.session_id)).toEqual(['s4', 's5']);

    const checkout = await funnelDropOff(ws, { dataset: ds, steps: STEPS, step: 3, ...BY_SESSION });
    // s2: view 10:00 -> cart 10:02; s6: view 11:00 -> cart 11:40
    expect(rows(checkout).map((r) => [r.session_id, new Date(String(r.started_at)).toISOString(), new Date(String(r.reached_at)).toISOString()])).toEqual([
      ['s2', '2025-11-01T10:00:00.000Z', '2025-11-01T10:02:00.000Z'],
      ['s6', '2025-11-01T11:00:00.000Z', '2025-11-01T11:40:00.000Z'],
    ]);
  });

  it('carries the breakdown value, keeps one value when asked, pages and sorts', async () => {
    const req = { dataset: ds, steps: STEPS, step: 3, breakdown: 'source', ...BY_SESSION };
    const all = await funnelDropOff(ws, req);
    expect(rows(all).map((r) => [r.session_id, r.breakdown])).toEqual([['s2', 'web'], ['s6', 'ads']]);
    const ads = await funnelDropOff(ws, { ...req, breakdownValue: 'ads' });
    expect(rows(ads).map((r) => r.session_id)).toEqual(['s6']);
    const second = await funnelDropOff(ws, { ...req, limit: 1, offset: 1 });
    expect([second.totalRows, second.offset, rows(second).map((r) => r.session_id)]).toEqual([2, 1, ['s6']]);
    const desc = await funnelDropOff(ws, { ...req, sort: [{ column: 'started_at', dir: 'desc' }] });
    expect(rows(desc).map((r) => r.session_id)).toEqual(['s6', 's2']);
  });

  it('refuses step 1, a step past the end and an unknown sort column', async () => {
    await expect(funnelDropOff(ws, { dataset: ds, steps: STEPS, step: 1 })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(funnelDropOff(ws, { dataset: ds, steps: STEPS, step: 4 })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(funnelDropOff(ws, { dataset: ds, steps: STEPS, step: 2, sort: [{ column: 'x', dir: 'asc' }] })).rejects.toMatchObject({ code: 'unknown_field' });
  });

  it('exports every dropped-off unit through the export path', async () => {
    const path = t.path('dropped.csv');
    const result = await exportData(ws, { funnelDropOff: { dataset: ds, steps: STEPS, step: 3, breakdown: 'source', ...BY_SESSION }, path });
    expect(result.rows).toBe(2);
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('session_id,started_at,reached_at,breakdown');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['s2', 's6']);
  });
});
