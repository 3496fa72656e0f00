/**
 * A bounded loopback load test of the browser mode (issue 6). The real server runs in this
 * process on a real workspace (300,000 seed 004 events and 3,000 seed 002 jobs written by the
 * bench generator), and 50 clients call it at once for TALLYBOOK_STRESS_SECONDS (default 30):
 * dashboard queries, job presets, sorted pages of rows, the seed 002 REST API, while one upload
 * and import of a 100,000-event NDJSON file into a new dataset runs mid-way. It asserts
 * behaviour only — every answer 2xx, the same question always the same answer, the import
 * whole, the other datasets untouched, no temporary files left, memory bounded — and prints
 * requests/s and latency percentiles for the README, never asserting them.
 */
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBenchFiles } from '../../src-main/core/bench/generate';
import { Db } from '../../src-main/core/db';
import { createService, type EngineService } from '../../src-main/core/service';
import { Workspace } from '../../src-main/core/workspace';
import { EventStream } from '../../src-main/server/event-stream';
import { startServer, type RunningServer } from '../../src-main/server/server';
import { tempDir, type TempDir } from '../helpers/workspace';

const SECONDS = Number(process.env.TALLYBOOK_STRESS_SECONDS ?? '30');
const CLIENTS = 50;
const BASE_EVENTS = 300_000;
/** Events of the file imported during the load (TALLYBOOK_STRESS_IMPORT_EVENTS; from 1M the import also reopens DuckDB). */
const IMPORT_EVENTS = Number(process.env.TALLYBOOK_STRESS_IMPORT_EVENTS ?? '100000');
const RSS_LIMIT = 4 * 1024 ** 3;
const TOKEN = 'load-test-token';
const auth = { Authorization: `Bearer ${TOKEN}` };
/** Far above what 50 clients can send here, so that no request is refused. */
const NO_LIMIT = { client: { perSecond: 1e6, burst: 1e6 }, total: { perSecond: 1e6, burst: 1e6 } };

/** One request of the mix: a name for the stats, and how to send it. */
interface Call {
  readonly kind: string;
  /** The same key must always get the same answer. */
  readonly key: string;
  readonly path: string;
  readonly body?: unknown;
}

const rpc = (kind: string, method: string, args: unknown, key = kind): Call => ({ kind, key, path: `/api/rpc/${method}`, body: { args } });
const rest = (kind: string, path: string): Call => ({ kind, key: kind, path });

/** What a dashboard, a grid and a seed 002 script ask; `n` varies the page asked for. */
function callFor(n: number): Call {
  const mix: (() => Call)[] = [
    () => rpc('query: daily counts by event', 'query', { dataset: 'events', measures: ['count'], dimensions: ['event_name'], time: { grain: 'day' } }),
    () => rpc('query: p95 latency by day', 'query', { dataset: 'events', measures: ['p95(latency_ms)'], time: { grain: 'day' } }),
    () => rpc('query: DAU', 'query', { dataset: 'events', measures: ['count_distinct(user_id)'], time: { grain: 'day' } }),
    () => rpc('query: cost by provider', 'query', { dataset: 'jobs', measures: ['count', 'sum(cost)'], dimensions: ['provider'], order: [{ field: 'provider', dir: 'asc' }] }),
    () => rpc('preset: overview', 'preset', { dataset: 'jobs', preset: 'overview' }),
    () => rpc('preset: time series', 'preset', { dataset: 'jobs', preset: 'time-series', interval: 'day' }),
    () => {
      const offset = (n % 40) * 1_000;
      return rpc('rows: page by event_id', 'rows', { dataset: 'events', offset, limit: 100, sort: [{ column: 'event_id', dir: 'asc' }] }, `rows ${offset}`);
    },
    () => rest('REST: overview', '/api/v1/analytics?days=30'),
    () => rest('REST: cost breakdown', '/api/v1/analytics/cost-breakdown?days=30'),
    () => rest('REST: performance', '/api/v1/analytics/performance'),
    () => rest('REST: export csv', '/api/v1/analytics/export/csv?days=7'),
  ];
  return mix[n % mix.length]!();
}

interface Sample {
  readonly kind: string;
  readonly status: number;
  readonly ms: number;
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const peakRss = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '0') * 1024;

async function send(base: string, call: Call): Promise<{ status: number; text: string }> {
  const init: RequestInit = call.body === undefined ? { headers: auth } : { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify(call.body) };
  const res = await fetch(`${base}${call.path}`, init);
  return { status: res.status, text: await res.text() };
}

/** Lines of an NDJSON file and its distinct event ids, read here without DuckDB. */
async function countLines(path: string): Promise<{ lines: number; ids: number }> {
  const ids = new Set<string>();
  let lines = 0;
  for await (const line of createInterface({ input: createReadStream(path) })) {
    if (line.trim() === '') continue;
    lines++;
    ids.add((JSON.parse(line) as { event_id: string }).event_id);
  }
  return { lines, ids: ids.size };
}

let t: TempDir;
let service: EngineService;
let server: RunningServer;
let base: string;
let importFile: string;

beforeAll(async () => {
  t = tempDir('tallybook-load-');
  const scratch = await Db.open(':memory:');
  try {
    await writeBenchFiles(scratch, t.dir, BASE_EVENTS);
    mkdirSync(t.path('incoming'));
    importFile = (await writeBenchFiles(scratch, t.path('incoming'), IMPORT_EVENTS)).events;
  } finally {
    scratch.closeSync();
  }
  const ws = await Workspace.open(t.path('ws.tallybook'), { create: true });
  service = createService(ws);
  await service.importFiles({ dataset: 'events', paths: [join(t.dir, 'events.ndjson')], kind: 'events' });
  await service.importFiles({ dataset: 'jobs', paths: [join(t.dir, 'jobs.ndjson')], kind: 'jobs' });
  server = await startServer(service, new EventStream(), { staticDir: join(import.meta.dirname, '..', '..', 'out', 'renderer'), workDir: t.path('work'), token: TOKEN, rateLimits: NO_LIMIT });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server?.close();
  service?.closeSync();
  t?.cleanup();
});

/** Uploads the file as the Import screen does, then imports it into a new dataset. */
async function uploadAndImport(samples: Sample[]): Promise<unknown> {
  const timed = async (kind: string, go: () => Promise<Response>) => {
    const start = performance.now();
    const res = await go();
    const text = await res.text();
    samples.push({ kind, status: res.status, ms: performance.now() - start });
    expect(res.status, `${kind}: ${text.slice(0, 300)}`).toBe(200);
    return JSON.parse(text) as unknown;
  };
  const { path } = (await timed('import: upload', () => fetch(`${base}/api/upload?name=incoming-events.ndjson`, { method: 'POST', headers: auth, body: readFileSync(importFile) }))) as { path: string };
  const args = { dataset: 'incoming', paths: [path], kind: 'events', keepNoConsent: true };
  return ((await timed('import: importFiles', () => fetch(`${base}/api/rpc/importFiles`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ args }) }))) as { result: unknown }).result;
}

function report(samples: readonly Sample[], seconds: number, rss: number): void {
  const line = (kind: string, ms: number[]) => {
    ms.sort((a, b) => a - b);
    return `${kind.padEnd(28)} ${String(ms.length).padStart(6)}  p50 ${percentile(ms, 50).toFixed(0).padStart(5)} ms  p95 ${percentile(ms, 95).toFixed(0).padStart(5)} ms`;
  };
  const byKind = new Map<string, number[]>();
  for (const s of samples) {
    const list = byKind.get(s.kind) ?? [];
    list.push(s.ms);
    byKind.set(s.kind, list);
  }
  const all = samples.filter((s) => !s.kind.startsWith('import')).map((s) => s.ms);
  console.log(
    [
      `load test: ${CLIENTS} clients for ${seconds.toFixed(1)} s: ${all.length} requests, ${(all.length / seconds).toFixed(1)} requests/s, peak RSS ${(rss / 1024 ** 2).toFixed(0)} MB`,
      line('all but the import', all),
      ...[...byKind].sort(([a], [b]) => a.localeCompare(b)).map(([kind, ms]) => line(kind, ms)),
    ].join('\n'),
  );
}

describe('the browser mode under load', () => {
  it(`answers ${CLIENTS} clients for ${SECONDS} s with no errors, no lost rows and bounded memory`, async () => {
    const before = Object.fromEntries((await service.datasets()).map((d) => [d.name, d.rowCount]));
    expect(Object.keys(before).sort()).toEqual(['events', 'jobs']);
    const expected = await countLines(importFile);
    expect(expected).toEqual({ lines: IMPORT_EVENTS, ids: IMPORT_EVENTS });

    const samples: Sample[] = [];
    const failures: string[] = [];
    const answers = new Map<string, string>();
    const changed = new Set<string>();
    let rss = process.memoryUsage().rss;
    const sampler = setInterval(() => void (rss = Math.max(rss, process.memoryUsage().rss)), 250);
    const start = performance.now();
    const deadline = start + SECONDS * 1000;

    const client = async (i: number) => {
      for (let k = 0; performance.now() < deadline; k++) {
        const call = callFor(i + k * 7);
        const sent = performance.now();
        const { status, text } = await send(base, call).catch((e: unknown) => ({ status: 0, text: String(e) }));
        samples.push({ kind: call.kind, status, ms: performance.now() - sent });
        if (status < 200 || status > 299) {
          if (failures.length < 10) failures.push(`${call.kind}: ${status} ${text.slice(0, 200)}`);
          continue;
        }
        const digest = createHash('sha256').update(text).digest('hex');
        const first = answers.get(call.key);
        if (first === undefined) answers.set(call.key, digest);
        else if (first !== digest) changed.add(call.key);
      }
    };
    const importer = (async () => {
      await new Promise((wait) => setTimeout(wait, SECONDS * 300));
      return uploadAndImport(samples);
    })();
    const clients = Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i))).then(() => performance.now());
    const [summary, clientsDone] = await Promise.all([importer, clients]);
    const elapsed = (clientsDone - start) / 1000;
    clearInterval(sampler);
    rss = Math.max(rss, peakRss());
    report(samples, elapsed, rss);

    const errors = samples.filter((s) => s.status < 200 || s.status > 299).length;
    expect({ errors, examples: failures }).toEqual({ errors: 0, examples: [] });
    expect([...changed]).toEqual([]);
    // Every line of the file landed in the new dataset, once; the others kept their rows.
    expect(summary).toMatchObject({ dataset: 'incoming', rows_read: IMPORT_EVENTS, rows_imported: IMPORT_EVENTS, duplicates: 0, rejected: 0, dropped_no_consent: 0 });
    const after = Object.fromEntries((await service.datasets()).map((d) => [d.name, d.rowCount]));
    expect(after).toEqual({ ...before, incoming: IMPORT_EVENTS });
    const counted = await service.sql({ sql: 'SELECT count(*) AS n, count(DISTINCT event_id) AS ids FROM incoming' });
    expect(counted.data).toEqual([[expected.lines], [expected.ids]]);
    // Exports and REST files were removed once sent: only the upload folder is left.
    expect(readdirSync(t.path('work'))).toEqual(['uploads']);
    expect(rss).toBeLessThan(RSS_LIMIT);
  });
});
