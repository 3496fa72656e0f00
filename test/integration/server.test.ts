/**
 * The browser-mode server in-process on a real workspace: the seed 002 REST API (values worked
 * out by hand below, and the seed document's own curl, Python and JavaScript examples run
 * against it), the RPC bridge, uploads and downloads, and the gates (token, Host, Origin, body
 * size, path traversal, request rate).
 */
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService, type EngineService } from '../../src-main/core/service';
import { Workspace } from '../../src-main/core/workspace';
import { EventStream } from '../../src-main/server/event-stream';
import { startServer, type RunningServer } from '../../src-main/server/server';
import { decodeAnswer } from '../../src-shared/wire';
import { tempDir, type TempDir } from '../helpers/workspace';

// Seed 002 CSV export. j3's +02:00 puts it at 08:00Z on Nov 3, the watermark; j4 (September) is
// outside every 30-day range here.
const JOBS_CSV = [
  'Job ID,Created At,Status,Publisher,Target URL,Anchor Text,Provider,Strategy,Estimated Cost,Actual Cost,Started At,Completed At',
  'j1,2025-11-01T10:00:00Z,DELIVERED,a.se,https://a.se/1,one,anthropic,multi_stage,0.30,0.40,2025-11-01T10:00:00Z,2025-11-01T10:00:30Z',
  'j2,2025-11-02T10:00:00Z,Blocked,b.se,https://b.se/2,two,openai,single_shot,0.20,0.10,2025-11-02T10:00:00Z,2025-11-02T10:01:00Z',
  'j3,2025-11-03T10:00:00+02:00,delivered,a.se,https://a.se/3,three,anthropic,multi_stage,0.30,0.50,,',
  'j4,2025-09-01T00:00:00Z,delivered,a.se,https://a.se/4,four,openai,single_shot,0.30,0.90,,',
].join('\n');
const SEED = readFileSync(join(import.meta.dirname, '..', '..', '..', 'shared', 'seeds', readdirSync(join(import.meta.dirname, '..', '..', '..', 'shared', 'seeds')).find((f) => f.startsWith('002'))!), 'utf8');

let t: TempDir;
let service: EngineService;
let server: RunningServer;
let base: string;
const TOKEN = 'server-test-token';
const auth = { Authorization: `Bearer ${TOKEN}` };
// The server runs in this process: child processes that call it must not block the event loop.
const run = async (file: string, args: readonly string[]) => (await promisify(execFile)(file, args, { cwd: t.dir, encoding: 'utf8' })).stdout;
const curlStatus = (...args: string[]) => run('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', ...args]);

beforeAll(async () => {
  t = tempDir();
  writeFileSync(t.path('jobs.csv'), JOBS_CSV);
  const ws = await Workspace.open(t.path('ws.tallybook'), { create: true });
  const events = new EventStream();
  service = createService(ws, { emit: (e, p) => events.emit(e, p) });
  await service.importFiles({ dataset: 'jobs', paths: [t.path('jobs.csv')] });
  server = await startServer(service, events, { staticDir: join(import.meta.dirname, '..', '..', 'out', 'renderer'), workDir: t.path('work'), token: TOKEN });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
  service.closeSync();
  t.cleanup();
});

const get = (path: string, headers: Record<string, string> = auth) => fetch(`${base}${path}`, { headers });

/** A fenced block of the seed document, after a heading. */
function seedBlock(heading: string, lang: string): string {
  const from = SEED.indexOf(heading);
  const start = SEED.indexOf('```' + lang, from) + 3 + lang.length;
  return SEED.slice(start, SEED.indexOf('```', start));
}

describe('seed 002 REST API', () => {
  it('GET /api/v1/analytics: the overview of the 30 days up to now', async () => {
    const r = await get('/api/v1/analytics?days=30&now=2025-11-09T00:00:00Z');
    expect(r.status).toBe(200);
    // j1 0.40 delivered (30 s), j2 0.10 blocked (60 s), j3 0.50 delivered: 2 of 3 delivered.
    expect(await r.json()).toEqual({
      total_jobs: 3,
      jobs_by_status: { delivered: 2, blocked: 1 },
      jobs_by_provider: { anthropic: 2, openai: 1 },
      jobs_by_strategy: { multi_stage: 2, single_shot: 1 },
      total_cost: 1,
      avg_generation_time: 45,
      success_rate: 66.67,
      period_start: '2025-10-10T00:00:00Z',
      period_end: '2025-11-09T00:00:00Z',
    });
  });

  it('GET /analytics/time-series by week and /performance have the seed shapes', async () => {
    // 7 days up to Sunday 11-09: j2 (Sunday 11-02, week of Monday 10-27) and j3 (week of 11-03).
    const series = await (await get('/api/v1/analytics/time-series?days=7&interval=week&now=2025-11-09T00:00:00Z')).json();
    expect(series).toEqual({
      interval: 'week',
      period_days: 7,
      data: [
        { date: '2025-10-27T00:00:00Z', job_count: 1, cost: 0.1, delivered_count: 0, success_rate: 0 },
        { date: '2025-11-03T00:00:00Z', job_count: 1, cost: 0.5, delivered_count: 1, success_rate: 100 },
      ],
    });
    const perf = (await (await get('/api/v1/analytics/performance?dataset=jobs&now=2025-11-09T00:00:00Z')).json()) as Record<string, unknown>;
    expect(Object.keys(perf)).toEqual(['generation_time_by_provider', 'qc_metrics', 'qc_status_breakdown', 'period_days']);
    expect(perf.generation_time_by_provider).toEqual({
      anthropic: { avg_seconds: 30, min_seconds: 30, max_seconds: 30, sample_count: 1 },
      openai: { avg_seconds: 60, min_seconds: 60, max_seconds: 60, sample_count: 1 },
    });
  });

  it('GET /analytics/export/csv: the seed columns, newest first, as bacowr_jobs_YYYYMMDD.csv', async () => {
    const r = await get('/api/v1/analytics/export/csv?days=30&now=2025-11-09T00:00:00Z');
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    const today = new Date().toISOString().slice(0, 10).replaceAll('-', '');
    expect(r.headers.get('content-disposition')).toBe(`attachment; filename="bacowr_jobs_${today}.csv"`);
    expect((await r.text()).trim().split('\n')).toEqual([
      'Job ID,Created At,Status,Publisher,Target URL,Anchor Text,Provider,Strategy,Estimated Cost,Actual Cost,Started At,Completed At',
      'j3,2025-11-03T08:00:00Z,delivered,a.se,https://a.se/3,three,anthropic,multi_stage,0.3,0.5,,',
      'j2,2025-11-02T10:00:00Z,blocked,b.se,https://b.se/2,two,openai,single_shot,0.2,0.1,2025-11-02T10:00:00Z,2025-11-02T10:01:00Z',
      'j1,2025-11-01T10:00:00Z,delivered,a.se,https://a.se/1,one,anthropic,multi_stage,0.3,0.4,2025-11-01T10:00:00Z,2025-11-01T10:00:30Z',
    ]);
  });

  it("GET /analytics/export/json works with the seed's jq line (sum of delivered costs)", async () => {
    const r = await get('/api/v1/analytics/export/json?days=30&now=2025-11-09T00:00:00Z');
    expect(r.headers.get('content-disposition')).toMatch(/filename="bacowr_jobs_\d{8}\.json"/);
    const jobs = (await r.json()) as { status: string; cost: number }[];
    // jq '.[] | select(.status == "delivered") | .cost' | jq -s add  ->  0.5 + 0.4
    expect(jobs.filter((j) => j.status === 'delivered').reduce((s, j) => s + j.cost, 0)).toBeCloseTo(0.9, 10);
  });

  it("runs the seed's Quick Start curl commands", async () => {
    const commands = seedBlock('## Quick Start', 'bash')
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .filter((l) => l.startsWith('curl'))
      .map((l) => l.replaceAll('localhost:8000', `localhost:${server.port}`).replaceAll('YOUR_ACCESS_TOKEN', TOKEN));
    expect(commands).toHaveLength(3);
    const overview = JSON.parse(await run('bash', ['-c', commands[0]!]));
    // Without now, the range ends at the watermark (j3, 11-03 08:00Z): j1, j2, j3 again.
    expect(overview).toMatchObject({ total_jobs: 3, total_cost: 1, success_rate: 66.67 });
    const costs = JSON.parse(await run('bash', ['-c', commands[1]!])) as { cost_by_provider: Record<string, unknown> };
    expect(costs.cost_by_provider.anthropic).toEqual({ total_cost: 0.9, avg_cost_per_job: 0.45, job_count: 2 });
    await run('bash', ['-c', commands[2]!]);
    expect(readFileSync(t.path('jobs_export.csv'), 'utf8').split('\n')).toHaveLength(5); // header + 3 jobs + final newline
  });

  const python = spawnSync('python3', ['-c', 'import requests'], { encoding: 'utf8' });
  it.skipIf(python.status !== 0)("runs the seed's Python example (needs python3 with requests)", async () => {
    const code = seedBlock('### Python', 'python').replaceAll('localhost:8000', `localhost:${server.port}`).replace('your_access_token_here', TOKEN);
    const out = await run('python3', ['-c', code]);
    expect(out.trim().split('\n')).toEqual(['Total Jobs: 3', 'Total Cost: $1.00', 'Success Rate: 66.7%', 'anthropic: $0.90 (2 jobs)', 'openai: $0.10 (1 jobs)']);
  });

  it("runs the seed's JavaScript example's fetch calls", async () => {
    const code = seedBlock('### JavaScript/TypeScript', 'typescript')
      .replaceAll('localhost:8000', `localhost:${server.port}`)
      .replace('days: number = 30', 'days = 30');
    const run = new Function('accessToken', `${code}; return Promise.all([fetchAnalytics(30), fetchTimeSeries()]);`) as (token: string) => Promise<[{ total_jobs: number }, { labels: string[]; datasets: { label: string; data: number[] }[] }]>;
    const [analytics, chart] = await run(TOKEN);
    expect(analytics.total_jobs).toBe(3);
    // 30 days up to 11-03 08:00Z: daily points 10-04 … 11-03 (31); jobs on 11-01, 11-02, 11-03.
    expect(chart.labels).toHaveLength(31);
    expect(chart.datasets[0]!.data.slice(-3)).toEqual([1, 1, 1]);
    expect(chart.datasets[1]!.data.slice(-3)).toEqual([0.4, 0.1, 0.5]);
  });

  it.each([
    ['/api/v1/analytics?days=abc', 400, /days must be a whole number/],
    ['/api/v1/analytics?days=0', 400, /days must be a whole number from 1/],
    ['/api/v1/analytics/time-series?interval=hour', 400, /interval must be one of day, week, month/],
    ['/api/v1/analytics?dataset=nope', 404, /no dataset named "nope"/],
    ["/api/v1/analytics?dataset=x'%3BDROP TABLE jobs", 404, /no dataset named/],
    ['/api/v1/analytics?limit=5', 400, /unknown parameter "limit"/],
    ['/api/v1/analytics/admin/overview', 404, /no such endpoint/],
  ])('GET %s -> %i with a clear message', async (path, status, message) => {
    const r = await get(path);
    expect(r.status).toBe(status);
    const body = (await r.json()) as { ok: false; error: { message: string } };
    expect(body.error.message).toMatch(message);
  });
});

describe('the gates', () => {
  it('refuses requests without the right token', async () => {
    expect((await get('/api/v1/analytics', {})).status).toBe(401);
    expect((await get('/api/v1/analytics', { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await get('/', {})).status).toBe(401);
    expect((await get(`/?token=wrong`, {})).status).toBe(401);
  });

  it('trades the first page load token for an HttpOnly cookie and redirects to /', async () => {
    const r = await fetch(`${base}/?token=${TOKEN}`, { redirect: 'manual' });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/');
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await fetch(`${base}/`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(await page.text()).toMatch(/<div id="root">/);
  });

  it('refuses other Host names (DNS rebinding) and other origins', async () => {
    expect(await curlStatus('-H', 'Host: attacker.example', '-H', `Authorization: Bearer ${TOKEN}`, `${base}/api/v1/analytics`)).toBe('421');
    const r = await fetch(`${base}/api/rpc/datasets`, { method: 'POST', headers: { ...auth, Origin: 'http://attacker.example', 'Content-Type': 'application/json' }, body: '{}' });
    expect(r.status).toBe(403);
  });

  it('refuses bodies over the limit, unknown methods and non-object arguments', async () => {
    const big = await fetch(`${base}/api/rpc/sql`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ args: { sql: 'x'.repeat(5 * 1024 * 1024) } }) });
    expect(big.status).toBe(413);
    const unknown = await fetch(`${base}/api/rpc/closeSync`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{}' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(/unknown method "closeSync"/);
    const list = await fetch(`${base}/api/rpc/rows`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{"args":[1,2]}' });
    expect(list.status).toBe(400);
    // A method's request must have its shape here as at the IPC door: no request, no query.
    for (const body of ['{}', '{"args":{}}', '{"args":{"dataset":7}}']) {
      const shapeless = await fetch(`${base}/api/rpc/query`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body });
      expect(shapeless.status, body).toBe(400);
      expect(((await shapeless.json()) as { error: { code: string } }).error.code).toBe('bad_request');
    }
  });

  it('serves only files of the built renderer', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/nope.js']) {
      expect(await curlStatus('--path-as-is', '-H', `Authorization: Bearer ${TOKEN}`, `${base}${path}`), path).toBe('404');
    }
  });
});

describe('the bridge', () => {
  it('answers service calls as InvokeOutcome, errors as data', async () => {
    const call = async (method: string, args: unknown) =>
      (await fetch(`${base}/api/rpc/${method}`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ args }) })).json();
    expect(await call('sql', { sql: 'SELECT count(*) AS n FROM jobs' })).toEqual({ ok: true, result: { columns: [{ name: 'n', type: 'BIGINT' }], data: [[4]], rowCount: 1 } });
    expect(await call('sql', { sql: 'DROP TABLE jobs' })).toMatchObject({ ok: false, error: { code: 'read_only' } });
  });

  it('sends repetitive text columns dictionary-encoded, which the client decodes to the engine answer', async () => {
    const sqlText = `SELECT CASE WHEN i % 3 = 0 THEN 'web' WHEN i % 3 = 1 THEN 'app' END AS source, i FROM range(100) t(i) ORDER BY i`;
    const res = (await (await fetch(`${base}/api/rpc/sql`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ args: { sql: sqlText } }) })).json()) as { ok: true; result: unknown };
    const sent = res.result as { data: unknown[] };
    expect(sent.data[0]).toEqual({ dictionary: ['web', 'app'], codes: Array.from({ length: 100 }, (_, i) => [0, 1, -1][i % 3]) });
    expect(sent.data[1]).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(decodeAnswer(res.result)).toEqual(await service.sql({ sql: sqlText }));
  });

  it('imports an uploaded file and streams an export back as an attachment', async () => {
    const up = await fetch(`${base}/api/upload?name=more%20jobs.csv`, {
      method: 'POST',
      headers: auth,
      body: JOBS_CSV.split('\n')[0] + '\nj9,2025-11-05T00:00:00Z,delivered,c.se,https://c.se/9,nine,openai,single_shot,0.1,0.25,,\n',
    });
    const { path } = (await up.json()) as { path: string };
    expect(path).toMatch(/more jobs\.csv$/);
    const summary = await service.importFiles({ dataset: 'jobs', paths: [path] });
    expect(summary).toMatchObject({ rows_read: 1, rows_imported: 1 });
    const r = await fetch(`${base}/api/export`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ sql: "SELECT job_id, cost FROM jobs WHERE provider = 'openai' ORDER BY job_id", format: 'csv', fileName: 'openai-jobs.csv' }),
    });
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="openai-jobs.csv"');
    expect(await r.text()).toBe('job_id,cost\nj2,0.1\nj4,0.9\nj9,0.25\n');
  });

  it('refuses upload names with folders', async () => {
    const r = await fetch(`${base}/api/upload?name=..%2Fescape.csv`, { method: 'POST', headers: auth, body: 'x' });
    expect(r.status).toBe(400);
  });
});

describe('the rate limit', () => {
  // Scripts may send 2 requests and then one every 1000 s; pages have their own 2.
  const TINY = { client: { perSecond: 0.001, burst: 2 }, total: { perSecond: 1000, burst: 1000 } };
  let limited: RunningServer;
  let at: string;
  beforeAll(async () => {
    limited = await startServer(service, new EventStream(), { staticDir: join(import.meta.dirname, '..', '..', 'out', 'renderer'), workDir: t.path('work-limited'), token: TOKEN, rateLimits: TINY });
    at = `http://127.0.0.1:${limited.port}`;
  });
  afterAll(() => limited.close());

  const rpc = (headers: Record<string, string>) => fetch(`${at}/api/rpc/datasets`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: '{}' });

  it('answers 429 with Retry-After and the error as data once a client is over its budget', async () => {
    // Requests without the token spend nobody's budget.
    for (let i = 0; i < 3; i++) expect((await rpc({})).status).toBe(401);
    expect((await rpc(auth)).status).toBe(200);
    expect((await fetch(`${at}/api/v1/analytics?days=30`, { headers: auth })).status).toBe(200);
    const refused = await rpc(auth);
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(wait) && wait >= 1 && wait <= 1000).toBe(true);
    expect(await refused.json()).toEqual({
      ok: false,
      error: {
        code: 'rate_limited',
        message: 'too many requests: one client may send 0.001 a second (bursts of 2)',
        hint: expect.stringMatching(/try again/) as unknown,
        detail: expect.stringMatching(/^client limit 0\.001\/s, burst 2; the next request is admitted in \d+ ms$/) as unknown,
      },
    });
    expect((await fetch(`${at}/api/v1/analytics`, { headers: auth })).status).toBe(429);
  });

  it('keeps the pages’ own budget, and never counts the event stream or static files', async () => {
    const page = { cookie: `tallybook_token=${TOKEN}` };
    expect((await rpc(page)).status).toBe(200);
    expect((await rpc(page)).status).toBe(200);
    expect((await rpc(page)).status).toBe(429);
    for (let i = 0; i < 3; i++) {
      expect((await fetch(`${at}/`, { headers: page })).status).toBe(200);
      const stream = new AbortController();
      const events = await fetch(`${at}/api/events`, { headers: page, signal: stream.signal });
      expect(events.status).toBe(200);
      expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
      stream.abort();
    }
  });
});
