import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUserError } from '../../src-shared/errors';
import { Db } from '../../src-main/core/db';
import { writeDemoFiles, type DemoFiles } from '../../src-main/core/demo/write-demo-files';
import { tempDir, type TempDir } from '../helpers/workspace';

/** The event names listed in seed 004 ("Supported Event Types"), restated here on purpose. */
const SEED_004_NAMES = new Set([
  'voice.turn_started', 'voice.first_response', 'voice.barge_in', 'voice.asr_partial',
  'ai.tool_call_started', 'ai.tool_call_completed', 'ai.tool_chain_completed',
  'kb.search', 'kb.hit', 'commerce.view', 'commerce.add_to_cart', 'commerce.checkout',
  'booking.slot_hold', 'booking.confirmed',
]);
const SOURCES = new Set(['web', 'widget', 'voice_ws', 'server']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const START = Date.UTC(2026, 8, 2); // 2026-09-02T00:00Z: 60 days before 2026-11-01
const END = Date.UTC(2026, 10, 1); // exclusive

/** Epoch ms of an RFC 3339 timestamp that names a real calendar instant, else null. */
function rfc3339(s: unknown): number | null {
  if (typeof s !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const local = new Date(Date.UTC(y, mo - 1, d, h, mi, sec));
  const valid = local.getUTCFullYear() === y && local.getUTCMonth() === mo - 1 && local.getUTCDate() === d && local.getUTCHours() === h && local.getUTCMinutes() === mi;
  return valid ? Date.parse(s) : null;
}

function readText(path: string): string {
  const buf = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
}

function lines(path: string): string[] {
  return readText(path).split('\n').filter((l) => l !== '');
}

function hashes(root: string, files: DemoFiles): Record<string, string> {
  const all = [...files.jobs, ...files.events, ...files.crawler, ...files.snapshots];
  return Object.fromEntries(all.map((p) => [relative(root, p), createHash('sha256').update(readFileSync(p)).digest('hex')]));
}

/** RFC 4180 rows (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (quoted || (ch !== ',' && ch !== '\n' && ch !== '\r')) {
      field += ch;
    } else if (ch === ',') {
      endField();
    } else if (ch === '\n') {
      endField();
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

type LineKind = 'event' | 'malformed_row' | 'missing_event_id' | 'missing_event_name' | 'invalid_timestamp';

/** Classifies one events-file line; throws when a parsable line is not a proper envelope. */
function classify(line: string): { kind: LineKind; event?: Obj } {
  let e: unknown;
  try {
    e = JSON.parse(line);
  } catch {
    return { kind: 'malformed_row' };
  }
  if (!isObj(e)) return { kind: 'malformed_row' };
  if (typeof e.event_id !== 'string' || e.event_id === '') return { kind: 'missing_event_id' };
  if (e.event_name === undefined) return { kind: 'missing_event_name' };
  const t = rfc3339(e.occurred_at);
  if (t === null) return { kind: 'invalid_timestamp' };
  expect(e.event_id).toMatch(UUID);
  expect(SEED_004_NAMES.has(String(e.event_name)), String(e.event_name)).toBe(true);
  expect(t).toBeGreaterThanOrEqual(START);
  expect(t).toBeLessThan(END);
  expect(String(e.occurred_at)).toMatch(/(Z|\+02:00)$/);
  for (const k of ['tenant_id', 'site_id', 'session_id']) expect(e[k]).toMatch(UUID);
  if (e.user_id !== undefined) expect(e.user_id).toMatch(/^usr_[0-9a-f]{12}$/);
  expect(SOURCES.has(String(e.source))).toBe(true);
  expect(isObj(e.attributes)).toBe(true);
  const ctx = e.context;
  if (!isObj(ctx) || !isObj(ctx.consent)) throw new Error(`no context.consent: ${line}`);
  expect(typeof ctx.locale).toBe('string');
  expect(typeof ctx.consent.analytics).toBe('boolean');
  expect(typeof ctx.consent.ads).toBe('boolean');
  if (ctx.page !== undefined) {
    if (!isObj(ctx.page)) throw new Error(`bad context.page: ${line}`);
    expect(ctx.page.url).toMatch(/^https:\/\//);
    expect(typeof ctx.page.referrer).toBe('string');
  }
  return { kind: 'event', event: e };
}

describe('demo data generator', () => {
  let t: TempDir;
  let files: DemoFiles;

  beforeAll(async () => {
    t = tempDir('tallybook-demo-');
    files = await writeDemoFiles(t.path('a'), { events: 5_000, jobs: 200 });
  });
  afterAll(() => t.cleanup());

  it('writes each dataset into its own folder under the seed formats names', () => {
    expect(files.jobs.map((p) => relative(t.path('a'), p))).toEqual([expect.stringMatching(/^jobs\/bacowr_jobs_\d{8}\.csv$/), expect.stringMatching(/^jobs\/bacowr_jobs_\d{8}\.json$/)]);
    expect(files.events).toHaveLength(3);
    expect(files.events.filter((p) => p.endsWith('.ndjson.gz'))).toHaveLength(1);
    expect(files.events.every((p) => /\/events\/[^/]+\.ndjson(\.gz)?$/.test(p))).toBe(true);
    expect(files.crawler).toHaveLength(1);
    // 48 hourly snapshots: 2 days x 24 hours.
    expect(files.snapshots).toHaveLength(48);
    expect(files.snapshots.every((p) => p.includes('/snapshots/'))).toBe(true);
  });

  it('writes byte-identical files for the same seed, and different ones for another seed', async () => {
    const again = await writeDemoFiles(t.path('b'), { events: 5_000, jobs: 200 });
    const other = await writeDemoFiles(t.path('c'), { events: 5_000, jobs: 200, seed: 43 });
    const first = hashes(t.path('a'), files);
    expect(hashes(t.path('b'), again)).toEqual(first);
    const changed = hashes(t.path('c'), other);
    for (const p of [...other.events, ...other.crawler, ...other.snapshots]) {
      const rel = relative(t.path('c'), p);
      expect(first[rel], rel).toBeDefined();
      expect(changed[rel], rel).not.toBe(first[rel]);
    }
    // Job file names carry dates, which may differ with the seed: compare contents in order.
    expect(other.jobs.map((p) => changed[relative(t.path('c'), p)])).not.toEqual(files.jobs.map((p) => first[relative(t.path('a'), p)]));
  });

  it('leaves the jobs unchanged when only the event count changes', async () => {
    const fewer = await writeDemoFiles(t.path('d'), { events: 3_000, jobs: 200 });
    expect(fewer.jobs.map((p) => readFileSync(p, 'utf8'))).toEqual(files.jobs.map((p) => readFileSync(p, 'utf8')));
  });

  describe('events', () => {
    const byKind: Record<LineKind, number> = { event: 0, malformed_row: 0, missing_event_id: 0, missing_event_name: 0, invalid_timestamp: 0 };
    const firstLine = new Map<string, string>();
    const events: Obj[] = [];
    const malformed: string[] = [];
    const badTimes: unknown[] = [];
    let duplicates = 0;

    beforeAll(() => {
      for (const path of files.events) {
        const ls = lines(path);
        expect(classify(ls[0]!).kind, `first line of ${path}`).toBe('event');
        for (const line of ls) {
          const { kind, event } = classify(line);
          byKind[kind]++;
          if (kind === 'malformed_row') malformed.push(line);
          if (kind === 'invalid_timestamp') badTimes.push((JSON.parse(line) as Obj).occurred_at ?? null);
          if (!event) continue;
          const id = String(event.event_id);
          const seen = firstLine.get(id);
          if (seen === undefined) {
            firstLine.set(id, line);
            events.push(event);
          } else {
            // A duplicate is a redelivery of the very same line.
            expect(line).toBe(seen);
            duplicates++;
          }
        }
      }
    });

    it('holds exactly the number of distinct events asked for, spread over 60 days ending 2026-10-31', () => {
      expect(events).toHaveLength(5_000);
      const days = new Set(events.map((e) => new Date(rfc3339(e.occurred_at)!).toISOString().slice(0, 10)));
      // 5,000 events over 60 days is ~83 a day: every day has some.
      expect(days.size).toBe(60);
      expect([...days].sort()[0]).toBe('2026-09-02');
      expect([...days].sort().at(-1)).toBe('2026-10-31');
    });

    it('marks every other line as one of the 20 intended bad lines, by reason', () => {
      const bad = { malformed_row: byKind.malformed_row, missing_event_id: byKind.missing_event_id, missing_event_name: byKind.missing_event_name, invalid_timestamp: byKind.invalid_timestamp };
      // 7 + 6 + 1 + 6 = 20.
      expect(bad).toEqual({ malformed_row: 7, missing_event_id: 6, missing_event_name: 1, invalid_timestamp: 6 });
    });

    it('makes the bad lines bad for DuckDB too, whose JSON reader accepts more than JSON.parse', async () => {
      const db = await Db.open(':memory:');
      try {
        for (const line of malformed) {
          const ok = await db.value(`SELECT json_valid(?) AND CASE WHEN json_valid(?) THEN json_type(?::JSON) = 'OBJECT' ELSE false END`, [line, line, line]);
          expect(ok, line).toBe(false);
        }
        for (const ts of badTimes) expect(await db.value(`SELECT TRY_CAST(?::VARCHAR AS TIMESTAMPTZ)`, [ts as string | null]), String(ts)).toBeNull();
        // And good timestamps, both spellings, name the same instant there as here.
        for (const e of events.slice(0, 200)) {
          const cast = await db.value(`SELECT epoch_ms(CAST(? AS TIMESTAMPTZ))`, [String(e.occurred_at)]);
          expect(Number(cast)).toBe(rfc3339(e.occurred_at));
        }
      } finally {
        db.closeSync();
      }
    });

    it('repeats about 0.5% of events as exact duplicates', () => {
      // 0.5% of 5,000 = 25 expected; allow sampling noise.
      expect(duplicates).toBeGreaterThanOrEqual(10);
      expect(duplicates).toBeLessThanOrEqual(45);
      expect(byKind.event).toBe(5_000 + duplicates);
    });

    it('withholds analytics consent in about 2% of events, and mixes Z and +02:00 timestamps', () => {
      const noConsent = events.filter((e) => (e.context as { consent: { analytics: boolean } }).consent.analytics === false).length;
      // ~2% of 5,000 = 100, in whole sessions, so noisier than single events.
      expect(noConsent).toBeGreaterThanOrEqual(30);
      expect(noConsent).toBeLessThanOrEqual(200);
      const offsets = events.filter((e) => String(e.occurred_at).endsWith('+02:00')).length;
      expect(offsets).toBeGreaterThan(0);
      expect(offsets).toBeLessThan(events.length);
    });

    it('runs commerce funnels view -> add_to_cart -> checkout with about 40% and 50% drop-off', () => {
      const sessions = new Map<string, Set<string>>();
      for (const e of events) {
        const s = sessions.get(String(e.session_id)) ?? new Set<string>();
        s.add(String(e.event_name));
        sessions.set(String(e.session_id), s);
      }
      const viewed = [...sessions.values()].filter((s) => s.has('commerce.view'));
      const carted = viewed.filter((s) => s.has('commerce.add_to_cart'));
      const bought = carted.filter((s) => s.has('commerce.checkout'));
      // Expected 60% of viewers add to cart and 50% of those check out.
      expect(carted.length / viewed.length).toBeGreaterThan(0.45);
      expect(carted.length / viewed.length).toBeLessThan(0.75);
      expect(bought.length / carted.length).toBeGreaterThan(0.35);
      expect(bought.length / carted.length).toBeLessThan(0.65);
    });

    it('gives voice.first_response a long-tailed latency in milliseconds', () => {
      const ms = events
        .filter((e) => e.event_name === 'voice.first_response')
        .map((e) => (e.attributes as Record<string, number>)['voice.first_response_ms']!)
        .sort((a, b) => a - b);
      expect(ms.length).toBeGreaterThan(100);
      expect(ms.every((v) => Number.isInteger(v) && v > 0)).toBe(true);
      const p50 = ms[Math.floor(ms.length * 0.5)]!;
      const p99 = ms[Math.floor(ms.length * 0.99)]!;
      // A long tail: the 99th percentile is several times the median.
      expect(p99).toBeGreaterThan(2.5 * p50);
    });
  });

  it('writes a single event plus all 20 bad lines when asked for one event', async () => {
    const one = await writeDemoFiles(t.path('e'), { events: 1, jobs: 1 });
    const all = one.events.flatMap(lines);
    const kinds = all.map((l) => classify(l).kind);
    expect(new Set(all.filter((_, i) => kinds[i] === 'event')).size).toBe(1);
    expect(kinds.filter((k) => k !== 'event')).toHaveLength(20);
    expect(kinds[0]).toBe('event');
  });

  describe('jobs', () => {
    const header =
      'Job ID,Created At,Status,Publisher,Target URL,Anchor Text,Provider,Strategy,Estimated Cost,Actual Cost,Started At,Completed At';

    it('exports a CSV whose header is exactly the seed 002 column list', () => {
      expect(readFileSync(files.jobs[0]!, 'utf8').split('\r\n')[0]).toBe(header);
    });

    it('splits 200 jobs over a CSV (first 120) and a JSON array (last 110), 30 in both, identical where shared', () => {
      const [head, ...rows] = parseCsv(readFileSync(files.jobs[0]!, 'utf8'));
      expect(head!.join(',')).toBe(header);
      const json = JSON.parse(readFileSync(files.jobs[1]!, 'utf8')) as unknown;
      if (!Array.isArray(json)) throw new Error('jobs JSON is not an array');
      // 60% of 200 = 120 in the CSV; from 45% (job 90) on = 110 in the JSON; 120 - 90 = 30 in both.
      expect(rows).toHaveLength(120);
      expect(rows.every((r) => r.length === 12)).toBe(true);
      // Some anchor texts hold commas or quotes, so the CSV must quote them.
      expect(rows.some((r) => /[,"]/.test(r[5]!))).toBe(true);
      expect(json).toHaveLength(110);
      const csvById = new Map(rows.map((r) => [r[0]!, r]));
      const shared = (json as Obj[]).filter((j) => csvById.has(String(j.job_id)));
      expect(shared).toHaveLength(30);
      expect(new Set([...csvById.keys(), ...(json as Obj[]).map((j) => String(j.job_id))]).size).toBe(200);
      for (const j of shared) {
        const r = csvById.get(String(j.job_id))!;
        expect(Date.parse(r[1]!)).toBe(Date.parse(String(j.created_at)));
        expect(r[2]!.toLowerCase()).toBe(String(j.status).toLowerCase());
        expect([r[3], r[4], r[5], r[6], r[7]]).toEqual([j.publisher, j.target_url, j.anchor_text, j.provider, j.strategy]);
        expect(Number(r[8])).toBe(j.estimated_cost);
        expect(r[9] === '' ? null : Number(r[9])).toBe(j.cost);
      }
      // Status spelled in mixed case across the exports ("DELIVERED", "Delivered", "delivered").
      const spellings = new Set([...rows.map((r) => r[2]!), ...(json as Obj[]).map((j) => String(j.status))]);
      expect([...spellings].some((s) => s === s.toUpperCase())).toBe(true);
      expect([...spellings].some((s) => /^[A-Z][a-z]+$/.test(s))).toBe(true);
    });

    it('keeps job values in their realistic ranges and states consistent', () => {
      const json = JSON.parse(readFileSync(files.jobs[1]!, 'utf8')) as Obj[];
      const keys = ['job_id', 'created_at', 'status', 'provider', 'strategy', 'publisher', 'target_url', 'anchor_text', 'estimated_cost', 'cost', 'started_at', 'completed_at', 'generation_seconds', 'qc_score', 'qc_status', 'issue_count', 'user_id', 'user_email'];
      for (const j of json) {
        expect(Object.keys(j)).toEqual(keys);
        const status = String(j.status).toLowerCase();
        expect(['delivered', 'blocked', 'aborted', 'pending', 'processing']).toContain(status);
        expect(['multi_stage', 'single_shot']).toContain(j.strategy);
        expect(j.estimated_cost as number).toBeGreaterThanOrEqual(0.05);
        expect(j.estimated_cost as number).toBeLessThanOrEqual(0.9);
        if (j.cost !== null) expect((j.cost as number) >= 0.05 && (j.cost as number) <= 0.9).toBe(true);
        if (status === 'pending') expect([j.started_at, j.completed_at, j.cost]).toEqual([null, null, null]);
        if (j.completed_at !== null) {
          const seconds = (Date.parse(String(j.completed_at)) - Date.parse(String(j.started_at))) / 1000;
          expect(j.generation_seconds).toBeCloseTo(seconds, 6);
          expect(seconds).toBeGreaterThanOrEqual(15);
          expect(seconds).toBeLessThanOrEqual(90);
        }
        const qc = { delivered: ['PASS', 'PASS_WITH_AUTOFIX'], blocked: ['BLOCKED'] }[status as 'delivered' | 'blocked'] ?? [null];
        expect(qc).toContain(j.qc_status);
        expect(String(j.user_email)).toMatch(/@example\.com$/);
      }
    });
  });

  it('writes 48 hourly seed 000 snapshots with the alert threshold crossed at least once', () => {
    const snaps = files.snapshots.map((p) => JSON.parse(readFileSync(p, 'utf8')) as Obj);
    // Hour i of the last two days: 2026-10-30T00:00 + i hours.
    snaps.forEach((s, i) => expect(s.timestamp).toBe(new Date(Date.UTC(2026, 9, 30, i)).toISOString().slice(0, 19)));
    let sla = 0;
    for (const s of snaps) {
      const cache = s.cache as Record<string, number>;
      const planner = s.planner as Record<string, number>;
      for (const k of ['hits', 'misses', 'evictions']) expect(Number.isInteger(cache[k]) && cache[k]! >= 0).toBe(true);
      expect(planner.resolution_rate).toBeGreaterThanOrEqual(0.7);
      expect(planner.resolution_rate).toBeLessThanOrEqual(0.95);
      expect(planner.sla_violations_total).toBeGreaterThanOrEqual(sla);
      sla = planner.sla_violations_total!;
      expect(Object.keys(s.outcome as Obj)).toEqual(['verified', 'updated', 'deleted', 'nochange']);
    }
    expect(snaps.some((s) => (s.planner as Record<string, number>).resolution_rate! < 0.8)).toBe(true);
  });

  it('writes a few thousand seed 003 crawler events, downloads only of movies, duplicates as exact copies', () => {
    const seen = new Map<string, string>();
    for (const line of lines(files.crawler[0]!)) {
      const e = JSON.parse(line) as Obj;
      expect(Object.keys(e)).toEqual(['event_id', 'domain', 'entity_type', 'entity_id', 'action', 'occurred_at']);
      expect(e.domain).toBe('jav');
      expect(['movie', 'actor', 'tag']).toContain(e.entity_type);
      expect(e.action === 'view' || (e.action === 'download' && e.entity_type === 'movie')).toBe(true);
      const t = rfc3339(e.occurred_at)!;
      expect(t >= START && t < END).toBe(true);
      const before = seen.get(String(e.event_id));
      if (before !== undefined) expect(line).toBe(before);
      else seen.set(String(e.event_id), line);
    }
    expect(seen.size).toBe(4_000);
  });

  it('refuses counts and seeds that are not whole numbers in range', async () => {
    for (const opts of [{ events: 0 }, { events: 1.5 }, { jobs: -1 }, { seed: -1 }, { seed: 2 ** 32 }]) {
      const err = await writeDemoFiles(t.path('bad'), opts).catch((e: unknown) => e);
      expect(isUserError(err) && err.code === 'bad_request', JSON.stringify(opts)).toBe(true);
    }
  });
});
