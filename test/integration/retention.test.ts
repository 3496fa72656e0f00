import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engagement, runRetention } from '../../src-main/core/analyses/retention';
import { quoteLiteral } from '../../src-main/core/identifiers';
import type { Workspace } from '../../src-main/core/workspace';
import { toRowObjects } from '../../src-shared/columnar';
import { makeDataset, tempDir, tempWorkspace, type TempDir } from '../helpers/workspace';

/** [user_id, event_name, UTC timestamp 'YYYY-MM-DD HH:MM:SS'] */
type Act = readonly [string, string, string];

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

async function activity(rows: readonly Act[]): Promise<string> {
  const name = `act${++seq}`;
  const values = rows.map(
    ([user, ev, at], i) => `('e${i}', ${quoteLiteral(ev)}, TIMESTAMPTZ '${at}+00', ${quoteLiteral(`s-${user}`)}, ${quoteLiteral(user)})`,
  );
  await makeDataset(ws, name, 'events', `SELECT * FROM (VALUES ${values.join(', ')}) t(event_id, event_name, occurred_at, session_id, user_id)`, 'occurred_at');
  return name;
}

describe('daily retention', () => {
  const rows: Act[] = [
    ['u1', 'login', '2025-11-01 09:00:00'],
    ['u1', 'login', '2025-11-02 09:00:00'],
    ['u1', 'login', '2025-11-04 23:59:59'],
    ['u2', 'login', '2025-11-01 12:00:00'],
    ['u2', 'login', '2025-11-03 08:00:00'],
    ['u3', 'login', '2025-11-02 00:00:00'],
    ['u3', 'login', '2025-11-03 10:00:00'],
    ['u4', 'login', '2025-10-31 10:00:00'], // before from: u4 is not new on 11-02
    ['u4', 'login', '2025-11-02 10:00:00'],
  ];
  const range = { from: '2025-11-01T00:00:00Z', to: '2025-11-05T00:00:00Z' };

  it('puts each user in the cohort of its first event ever and counts returns per later day', async () => {
    const ds = await activity(rows);
    const r = await runRetention(ws, { dataset: ds, interval: 'day', periods: 3, ...range });
    expect(r.interval).toBe('day');
    expect(r.periods).toBe(3);
    expect(r.cohorts).toEqual([
      // 11-01: u1 u2. day 1 (11-02): u1; day 2 (11-03): u2; day 3 (11-04): u1 -> 1/2 each
      { cohort: '2025-11-01', size: 2, counts: [2, 1, 1, 1], percentages: [100, 50, 50, 50] },
      // 11-02: u3 only (u4 was first seen on 10-31). day 1: u3; day 2 (11-04, the last day
      // observed): nobody; day 3 would be 11-05, not observed yet, so it is not listed
      { cohort: '2025-11-02', size: 1, counts: [1, 1, 0], percentages: [100, 100, 0] },
    ]);
  });

  it('puts a user in every day it was active when cohorts are recurring', async () => {
    const ds = await activity(rows);
    const r = await runRetention(ws, { dataset: ds, interval: 'day', periods: 3, cohort: 'recurring', ...range });
    expect(r.cohorts).toEqual([
      { cohort: '2025-11-01', size: 2, counts: [2, 1, 1, 1], percentages: [100, 50, 50, 50] },
      // 11-02: u1 u3 u4. 11-03: u3; 11-04: u1 -> 1/3 = 33.33 % each
      { cohort: '2025-11-02', size: 3, counts: [3, 1, 1], percentages: [100, 33.33, 33.33] },
      // 11-03: u2 u3; nobody on 11-04
      { cohort: '2025-11-03', size: 2, counts: [2, 0], percentages: [100, 0] },
      { cohort: '2025-11-04', size: 1, counts: [1], percentages: [100] },
    ]);
  });
});

describe('weekly retention', () => {
  // 2025-11-03, -10 and -17 are Mondays.
  const rows: Act[] = [
    ['u1', 'signup', '2025-11-03 10:00:00'],
    ['u1', 'login', '2025-11-09 23:00:00'], // Sunday: still week 0
    ['u1', 'login', '2025-11-10 01:00:00'], // Monday: week 1
    ['u2', 'signup', '2025-11-09 10:00:00'],
    ['u2', 'login', '2025-11-17 10:00:00'], // week 2
    ['u3', 'signup', '2025-11-10 10:00:00'],
    ['u3', 'login', '2025-11-12 10:00:00'], // week 0
    ['u3', 'login', '2025-11-17 10:00:00'], // week 1
    ['u4', 'login', '2025-11-04 10:00:00'], // never signed up
    ['u5', 'signup', '2025-11-03 10:00:00'],
    ['u5', 'signup', '2025-11-10 10:00:00'], // a second signup does not move a first-time cohort
  ];

  it('groups by Monday weeks, with a start event and a return event', async () => {
    const ds = await activity(rows);
    const r = await runRetention(ws, { dataset: ds, interval: 'week', periods: 2, startEvent: 'signup', returnEvent: 'login' });
    expect(r.cohorts).toEqual([
      // week of 11-03: u1 u2 u5 = 3. week 1: u1; week 2: u2 -> 1/3 each
      { cohort: '2025-11-03', size: 3, counts: [3, 1, 1], percentages: [100, 33.33, 33.33] },
      // week of 11-10: u3. week 1: u3; week 2 (11-24) lies after the last event
      { cohort: '2025-11-10', size: 1, counts: [1, 1], percentages: [100, 100] },
    ]);
  });

  it('counts the weeks of every start event when cohorts are recurring', async () => {
    const ds = await activity(rows);
    const r = await runRetention(ws, { dataset: ds, interval: 'week', periods: 2, startEvent: 'signup', returnEvent: 'login', cohort: 'recurring' });
    expect(r.cohorts).toEqual([
      { cohort: '2025-11-03', size: 3, counts: [3, 1, 1], percentages: [100, 33.33, 33.33] },
      // week of 11-10: u3 and u5 (second signup). week 1: u3 -> 1/2
      { cohort: '2025-11-10', size: 2, counts: [2, 1], percentages: [100, 50] },
    ]);
  });

  it('refuses an unknown interval and a dataset of another kind', async () => {
    const ds = await activity(rows);
    await expect(runRetention(ws, { dataset: ds, interval: 'fortnight' as never })).rejects.toMatchObject({ code: 'bad_request' });
    await makeDataset(ws, 'retention_metrics', 'metrics', `SELECT TIMESTAMPTZ '2025-11-01 00:00:00+00' AS ts, 'a' AS metric, 1.0::DOUBLE AS value`, 'ts');
    await expect(runRetention(ws, { dataset: 'retention_metrics' })).rejects.toMatchObject({ code: 'wrong_kind' });
  });
});

describe('monthly retention, first time against recurring', () => {
  const rows: Act[] = [
    ['u1', 'login', '2025-09-15 10:00:00'], // before from: u1 is never new in the range
    ['u1', 'login', '2025-10-03 10:00:00'],
    ['u1', 'login', '2025-11-20 10:00:00'],
    ['u2', 'login', '2025-10-10 10:00:00'],
    ['u2', 'login', '2025-10-25 10:00:00'],
    ['u2', 'login', '2025-12-01 10:00:00'],
    ['u3', 'login', '2025-11-02 10:00:00'],
    ['u3', 'login', '2025-12-24 10:00:00'],
  ];
  const range = { from: '2025-10-01T00:00:00Z', to: '2026-01-01T00:00:00Z' };

  it('counts only units new in the range when first time, every active month when recurring', async () => {
    const ds = await activity(rows);
    const first = await runRetention(ws, { dataset: ds, interval: 'month', periods: 2, ...range });
    expect(first.cohorts).toEqual([
      // October: u2 only; November: nobody; December: u2
      { cohort: '2025-10-01', size: 1, counts: [1, 0, 1], percentages: [100, 0, 100] },
      // November: u3; December: u3; January is not observed
      { cohort: '2025-11-01', size: 1, counts: [1, 1], percentages: [100, 100] },
    ]);
    const recurring = await runRetention(ws, { dataset: ds, interval: 'month', periods: 2, cohort: 'recurring', ...range });
    expect(recurring.cohorts).toEqual([
      // October: u1 u2; November: u1; December: u2
      { cohort: '2025-10-01', size: 2, counts: [2, 1, 1], percentages: [100, 50, 50] },
      // November: u1 u3; December: u3
      { cohort: '2025-11-01', size: 2, counts: [2, 1], percentages: [100, 50] },
      { cohort: '2025-12-01', size: 2, counts: [2], percentages: [100] },
    ]);
  });
});

describe('engagement', () => {
  const rows: Act[] = [
    ['u1', 'x', '2025-11-01 10:00:00'],
    ['u1', 'x', '2025-11-01 11:00:00'],
    ['u1', 'x', '2025-11-02 10:00:00'],
    ['u1', 'x', '2025-11-10 10:00:00'],
    ['u2', 'x', '2025-11-01 10:00:00'],
    ['u3', 'x', '2025-11-08 10:00:00'],
  ];

  it('gives DAU, trailing 7- and 30-day actives and stickiness for every day, idle days included', async () => {
    const ds = await activity(rows);
    const r = toRowObjects(await engagement(ws, { dataset: ds }));
    expect(r.map((d) => [d.day, d.dau, d.wau, d.mau, d.stickiness])).toEqual([
      ['2025-11-01', 2, 2, 2, 100], // u1 u2
      ['2025-11-02', 1, 2, 2, 50], // u1; window holds u1 u2
      ['2025-11-03', 0, 2, 2, 0],
      ['2025-11-04', 0, 2, 2, 0],
      ['2025-11-05', 0, 2, 2, 0],
      ['2025-11-06', 0, 2, 2, 0],
      ['2025-11-07', 0, 2, 2, 0], // 7 days 11-01..11-07 still hold u1 u2
      ['2025-11-08', 1, 2, 3, 33.33], // 11-02..11-08: u1 u3; 1/3 = 33.33 %
      ['2025-11-09', 0, 1, 3, 0], // 11-03..11-09: u3
      ['2025-11-10', 1, 2, 3, 33.33], // 11-04..11-10: u3 u1
    ]);
  });

  it('reads activity before from to fill the trailing windows of the first days', async () => {
    const ds = await activity(rows);
    const r = toRowObjects(await engagement(ws, { dataset: ds, from: '2025-11-08T00:00:00Z', to: '2025-11-10T00:00:00Z' }));
    expect(r.map((d) => [d.day, d.dau, d.wau, d.mau])).toEqual([
      ['2025-11-08', 1, 2, 3],
      ['2025-11-09', 0, 1, 3],
    ]);
  });
});
