/**
 * `tallybook bench --vs postgres` (issue 5): a throwaway PostgreSQL cluster loads the bench's
 * events file (plus hand-written events of a user whose id holds a backslash, quotes and ü)
 * and answers the events questions; the answers are checked against facts worked out here from
 * the file's own lines, and, through runBench, against the raw-DuckDB answers. Skipped where no
 * PostgreSQL server is installed. Timings are never asserted.
 */
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNNEL_STEPS, writeBenchFiles } from '../../src-main/core/bench/generate';
import { measurePostgres, type PostgresAnswers } from '../../src-main/core/bench/postgres';
import { accountIn, findPgBinaries, locatePostgres } from '../../src-main/core/bench/postgres-binaries';
import { runBench } from '../../src-main/core/bench/run-bench';
import type { Row } from '../../src-main/core/bench/same-answer';
import { Db } from '../../src-main/core/db';

const where = locatePostgres();
const server = 'found' in where ? where.found : undefined;
const EVENTS = 2000;
const DAY_MS = 86_400_000;
const EVENT_QUESTIONS = ['daily counts by event', 'p95 latency_ms per day', 'DAU', 'WAU/MAU', '3-step funnel by session', 'top 10 users'];

interface Ev {
  event_name: string;
  occurred_at: string;
  session_id: string | null;
  user_id: string | null;
  attributes: { latency_ms: number };
  context?: { consent?: { analytics?: boolean } };
}

/** Far busier than any generated user (about 40 events each), so it must rank first among named users. */
const TRICKY_USER = 'usr_back\\slash "quoted" ü';
const TRICKY_EVENTS = 200;
const tricky = (i: number, analytics: boolean) => ({
  event_id: `evt-tricky-${i}`,
  event_name: 'kb.search',
  occurred_at: new Date(Date.UTC(2026, 8, 3, 10, 0, i)).toISOString().replace('.000Z', 'Z'),
  tenant_id: 't_aurora',
  session_id: 'sess-tricky',
  user_id: TRICKY_USER,
  source: 'web',
  attributes: { latency_ms: 1.5, step: 0 },
  context: { locale: 'en-GB', consent: { analytics, ads: false } },
});

const day = (e: Ev) => e.occurred_at.slice(0, 10);
const ms = (e: Ev) => Date.parse(e.occurred_at);
const groupBy = <T, K>(items: T[], key: (t: T) => K) =>
  items.reduce((m, t) => m.set(key(t), [...(m.get(key(t)) ?? []), t]), new Map<K, T[]>());
const countBy = <K>(keys: K[]) => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<K, number>());
const sortRows = (rows: readonly Row[]) => rows.map((r) => JSON.stringify(r)).sort();

/** percentile_cont: linear between the two nearest ranks. */
function percentileCont(values: number[], p: number): number {
  const v = [...values].sort((a, b) => a - b);
  const pos = p * (v.length - 1);
  const lo = Math.floor(pos);
  return v[lo]! + (v[Math.ceil(pos)]! - v[lo]!) * (pos - lo);
}

/** Sessions reaching each funnel step: a later-or-equal step within 14 days of a step-1 event. */
function funnelCounts(kept: Ev[]): number[] {
  const counts = [0, 0, 0];
  const bySession = groupBy(kept.filter((e) => e.session_id !== null), (e) => e.session_id);
  for (const evs of bySession.values()) {
    const times = FUNNEL_STEPS.map((s) => evs.filter((e) => e.event_name === s).map(ms));
    if (times[0]!.length > 0) counts[0]!++;
    let two = false;
    let three = false;
    for (const t1 of times[0]!) {
      const t2s = times[1]!.filter((t) => t >= t1 && t <= t1 + 14 * DAY_MS);
      if (t2s.length === 0) continue;
      two = true;
      const t2 = Math.min(...t2s);
      if (times[2]!.some((t) => t >= t2 && t <= t1 + 14 * DAY_MS)) three = true;
    }
    if (two) counts[1]!++;
    if (three) counts[2]!++;
  }
  return counts;
}

describe('finding PostgreSQL', () => {
  it('takes the first directory holding initdb, pg_ctl and psql together, and none when no directory does', () => {
    const has = (files: string[]) => (path: string) => files.includes(path);
    expect(findPgBinaries(['/a', '/b'], has(['/a/initdb', '/a/pg_ctl', '/b/initdb', '/b/pg_ctl', '/b/psql']))).toEqual({ initdb: '/b/initdb', pgCtl: '/b/pg_ctl', psql: '/b/psql' });
    expect(findPgBinaries(['/a', '/b'], has(['/a/initdb', '/a/pg_ctl', '/b/psql']))).toBeNull();
  });

  it('reads the account the server runs as under root from passwd lines', () => {
    const passwd = 'root:x:0:0:root:/root:/bin/bash\npostgres:x:101:104:PostgreSQL administrator:/var/lib/postgresql:/bin/bash\n';
    expect(accountIn(passwd, 'postgres')).toEqual({ name: 'postgres', uid: 101, gid: 104 });
    expect(accountIn('root:x:0:0::/root:/bin/sh', 'postgres')).toBeNull();
  });
});

describe('bench --vs postgres', () => {
  let dir = '';
  let kept: Ev[] = [];
  let all: Ev[] = [];
  let pg: PostgresAnswers;
  const answer = (name: string) => pg.queries.find((q) => q.name === name)!.rows;

  beforeAll(async () => {
    if (!server) return;
    dir = mkdtempSync(join(tmpdir(), 'tallybook-bench-pg-'));
    const scratch = await Db.open(':memory:');
    const files = await writeBenchFiles(scratch, dir, EVENTS).finally(() => scratch.closeSync());
    const extra = Array.from({ length: TRICKY_EVENTS + 1 }, (_, i) => JSON.stringify(tricky(i, i < TRICKY_EVENTS)));
    appendFileSync(files.events, `${extra.join('\n')}\n`);
    all = readFileSync(files.events, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Ev);
    kept = all.filter((e) => e.context?.consent?.analytics !== false);
    pg = await measurePostgres(server, dir, files.events, { runs: 1 });
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!server)('loads every line of the file except those refusing analytics consent, then removes its cluster', () => {
    expect(all.length).toBe(EVENTS + TRICKY_EVENTS + 1);
    expect(kept.length).toBeLessThan(all.length); // the data does hold refused consent
    expect(pg.loaded).toBe(kept.length);
    expect(pg.queries.map((q) => q.name)).toEqual(EVENT_QUESTIONS);
    expect(existsSync(join(dir, 'postgres'))).toBe(false);
  });

  it.skipIf(!server)('counts events per day and name, and distinct users per day, as the file says', () => {
    const daily = [...countBy(kept.map((e) => `${day(e)}|${e.event_name}`))].map(([k, n]) => {
      const [d, name] = k.split('|');
      return [`${d}T00:00:00Z`, name, n];
    });
    expect(sortRows(answer('daily counts by event'))).toEqual(sortRows(daily));
    expect(answer('daily counts by event').reduce((s, r) => s + Number(r[2]), 0)).toBe(kept.length);

    const users = groupBy(kept.filter((e) => e.user_id !== null), day);
    const dau = [...users].map(([d, evs]) => [`${d}T00:00:00Z`, new Set(evs.map((e) => e.user_id)).size]);
    expect(sortRows(answer('DAU'))).toEqual(sortRows(dau));
  });

  it.skipIf(!server)('gives the 95th percentile of latency per day as percentile_cont over the file does', () => {
    const byDay = [...groupBy(kept, day)].sort(([a], [b]) => a.localeCompare(b));
    const got = answer('p95 latency_ms per day');
    expect(got.map((r) => r[0])).toEqual(byDay.map(([d]) => `${d}T00:00:00Z`));
    byDay.forEach(([, evs], i) => {
      const want = percentileCont(evs.map((e) => e.attributes.latency_ms), 0.95);
      expect(Math.abs(Number(got[i]![1]) - want)).toBeLessThanOrEqual(1e-9 * want);
    });
  });

  it.skipIf(!server)('counts daily, 7-day and 30-day active users for every day between the first and the last', () => {
    const active = kept.filter((e) => e.user_id !== null).map((e) => ({ u: e.user_id, d: Date.parse(day(e)) / DAY_MS }));
    const first = Math.min(...active.map((a) => a.d));
    const last = Math.max(...active.map((a) => a.d));
    const distinct = (from: number, to: number) => new Set(active.filter((a) => a.d >= from && a.d <= to).map((a) => a.u)).size;
    const want: Row[] = [];
    for (let d = first; d <= last; d++) want.push([new Date(d * DAY_MS).toISOString().slice(0, 10), distinct(d, d), distinct(d - 6, d), distinct(d - 29, d)]);
    expect(answer('WAU/MAU')).toEqual(want);
  });

  it.skipIf(!server)('counts sessions through the three funnel steps in order', () => {
    const counts = funnelCounts(kept);
    expect(counts[2]).toBeGreaterThan(0);
    expect(answer('3-step funnel by session')).toEqual(counts.map((n, i) => [i + 1, n]));
  });

  it.skipIf(!server)('ranks the ten busiest users, anonymous ones as one, ties by id bytewise, the rest as Other', () => {
    const ranked = [...countBy(kept.map((e) => e.user_id))].sort(
      ([a, n], [b, m]) => m - n || (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0),
    );
    const rest = ranked.slice(10).reduce((s, [, n]) => s + n, 0);
    expect(answer('top 10 users')).toEqual([...ranked.slice(0, 10), ...(rest > 0 ? [['Other', rest]] : [])]);
    expect(answer('top 10 users').some((r) => r[0] === TRICKY_USER)).toBe(true);
  });

  it.skipIf(!server)('runs from runBench and finds every PostgreSQL answer equal to the raw-DuckDB one', async () => {
    const r = await runBench({ events: EVENTS, runs: 1, postgres: server });
    expect(Object.keys(r.postgres ?? {}).sort()).toEqual(['load_s', 'queries']);
    expect(typeof r.postgres?.load_s).toBe('number');
    expect(r.postgres?.queries.map((q) => q.name)).toEqual(EVENT_QUESTIONS);
    for (const q of r.postgres?.queries ?? []) expect({ name: q.name, same: q.same, ms: typeof q.ms }).toEqual({ name: q.name, same: true, ms: 'number' });
  }, 120_000);
});
