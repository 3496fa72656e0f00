/**
 * The "done when": on one workspace, import seed 002 CSV and JSON job exports and seed
 * 004 events with the CLI, then preset, query, funnel, sql and check give numbers worked out by
 * hand below, with every row accounted for; bad input ends in one clear line and changes nothing.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { Workspace } from '../../src-main/core/workspace';
import { tempDir, type TempDir } from '../helpers/workspace';



// Seed 002 CSV export. In the 30 days before 2025-11-09T00:00Z: j1, j2, j3 (j3's +02:00 offset
// puts it at 08:00Z on Nov 3); j4 (September) is outside.
const JOBS_CSV = [
  'Job ID,Created At,Status,Publisher,Target URL,Anchor Text,Provider,Strategy,Estimated Cost,Actual Cost,Started At,Completed At',
  'j1,2025-11-01T10:00:00Z,DELIVERED,a.se,https://a.se/1,one,anthropic,multi_stage,0.30,0.40,2025-11-01T10:00:00Z,2025-11-01T10:00:30Z',
  'j2,2025-11-02T10:00:00Z,Blocked,a.se,https://a.se/2,two,openai,single_shot,0.20,0.10,2025-11-02T10:00:00Z,2025-11-02T10:01:00Z',
  'j3,2025-11-03T10:00:00+02:00,delivered,a.se,https://a.se/3,three,anthropic,multi_stage,0.30,0.50,,',
  'j4,2025-09-01T00:00:00Z,delivered,a.se,https://a.se/4,four,openai,single_shot,0.30,0.90,,',
].join('\n');
// Seed 002 JSON export: j2 again (a duplicate) and j5.
const JOBS_JSON = JSON.stringify([
  { job_id: 'j2', created_at: '2025-11-02T10:00:00Z', status: 'blocked', provider: 'openai', strategy: 'single_shot', cost: 0.1 },
  { job_id: 'j5', created_at: '2025-11-04T00:00:00Z', status: 'aborted', provider: 'openai', strategy: 'multi_stage', cost: 0.2 },
]);

const ev = (id: string, name: string, at: string, session: string, user: string, consent = true) =>
  JSON.stringify({ event_id: id, event_name: name, occurred_at: at, tenant_id: 't', session_id: session, user_id: user, source: 'web', attributes: {}, context: { consent: { analytics: consent } } });
// Sessions: s1 view -> cart (+300 s) -> checkout (+300 s); s2 view -> cart (+1800 s); s3 view;
// s4 view -> checkout without a cart. Line 9 repeats e1; line 10 has no consent.
const EVENTS = [
  ev('e1', 'commerce.view', '2025-11-01T10:00:00Z', 's1', 'u1'),
  ev('e2', 'commerce.add_to_cart', '2025-11-01T10:05:00Z', 's1', 'u1'),
  ev('e3', 'commerce.checkout', '2025-11-01T10:10:00Z', 's1', 'u1'),
  ev('e4', 'commerce.view', '2025-11-01T11:00:00Z', 's2', 'u2'),
  ev('e5', 'commerce.add_to_cart', '2025-11-01T11:30:00Z', 's2', 'u2'),
  ev('e6', 'commerce.view', '2025-11-01T12:00:00Z', 's3', 'u3'),
  ev('e7', 'commerce.view', '2025-11-02T13:00:00Z', 's4', 'u1'),
  ev('e8', 'commerce.checkout', '2025-11-02T13:05:00Z', 's4', 'u1'),
  ev('e1', 'commerce.view', '2025-11-01T10:00:00Z', 's1', 'u1'),
  ev('e9', 'commerce.view', '2025-11-01T14:00:00Z', 's5', 'u5', false),
].join('\n');

let t: TempDir;
let ws: string;

beforeAll(async () => {
  t = tempDir();
  ws = t.path('work.tallybook');
  writeFileSync(t.path('bacowr_jobs.csv'), JOBS_CSV);
  writeFileSync(t.path('bacowr_jobs.json'), JOBS_JSON);
  writeFileSync(t.path('events.ndjson'), EVENTS);
});
afterAll(() => t.cleanup());

describe('tallybook on seed 002 and seed 004 exports', () => {
  it('imports the CSV and JSON job exports and prints the contract JSON', async () => {
    const r = await cli('import', '-w', ws, '-n', 'jobs', '--json', t.path('bacowr_jobs.csv'), t.path('bacowr_jobs.json'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(Object.keys(s)).toEqual(['dataset', 'kind', 'rows_read', 'rows_imported', 'duplicates', 'rejected', 'dropped_no_consent', 'rejected_by_reason', 'files']);
    // 4 CSV rows + 2 JSON rows = 6; j2 twice -> 5 imported, 1 duplicate.
    expect(s).toMatchObject({ dataset: 'jobs', kind: 'jobs', rows_read: 6, rows_imported: 5, duplicates: 1, rejected: 0, dropped_no_consent: 0, rejected_by_reason: {} });
    expect(s.files).toHaveLength(2);
  });

  it('imports the events, accounting for the duplicate and the event without consent', async () => {
    const r = await cli('import', '-w', ws, '-n', 'events', '--json', t.path('events.ndjson'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ kind: 'events', rows_read: 10, rows_imported: 8, duplicates: 1, rejected: 0, dropped_no_consent: 1 });
    const human = await cli('import', '-w', ws, '-n', 'events', t.path('events.ndjson'));
    expect(human.out).toMatch(/^Imported 0 of 10 rows into events \(events\) from 1 file/);
  });

  it('prints the seed 002 overview', async () => {
    const r = await cli('preset', '-w', ws, '-d', 'jobs', 'overview', '--days', '30', '--now', '2025-11-09T00:00:00Z');
    expect(r.code).toBe(0);
    // In range: j1 delivered 0.40 (30 s), j2 blocked 0.10 (60 s), j3 delivered 0.50, j5 aborted 0.20.
    expect(JSON.parse(r.out)).toEqual({
      total_jobs: 4,
      jobs_by_status: { delivered: 2, aborted: 1, blocked: 1 },
      jobs_by_provider: { anthropic: 2, openai: 2 },
      jobs_by_strategy: { multi_stage: 3, single_shot: 1 },
      total_cost: 1.2,
      avg_generation_time: 45,
      success_rate: 50,
      period_start: '2025-10-10T00:00:00Z',
      period_end: '2025-11-09T00:00:00Z',
    });
  });

  it('runs a query spec', async () => {
    const spec = JSON.stringify({ dataset: 'events', measures: ['count', 'count_distinct(session_id)'], dimensions: ['event_name'], order: [{ field: 'event_name', dir: 'asc' }] });
    const r = await cli('query', '-w', ws, '--spec', spec, '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([
      { event_name: 'commerce.add_to_cart', count: 2, 'count_distinct(session_id)': 2 },
      { event_name: 'commerce.checkout', count: 2, 'count_distinct(session_id)': 2 },
      { event_name: 'commerce.view', count: 4, 'count_distinct(session_id)': 4 },
    ]);
  });

  it('runs the view -> cart -> checkout funnel by session', async () => {
    const r = await cli('funnel', '-w', ws, '-d', 'events', '--steps', 'commerce.view,commerce.add_to_cart,commerce.checkout', '--by', 'session', '--window', '1h', '--json');
    expect(r.code).toBe(0);
    // 4 sessions view; s1 and s2 add to cart (300 s and 1800 s: median 1050); only s1 checks out (300 s).
    expect(JSON.parse(r.out)).toEqual([
      { step: 1, event_name: 'commerce.view', count: 4, conversion_from_start: 100, conversion_from_previous: 100, median_seconds_to_convert: null },
      { step: 2, event_name: 'commerce.add_to_cart', count: 2, conversion_from_start: 50, conversion_from_previous: 50, median_seconds_to_convert: 1050 },
      { step: 3, event_name: 'commerce.checkout', count: 1, conversion_from_start: 25, conversion_from_previous: 50, median_seconds_to_convert: 300 },
    ]);
    const table = await cli('funnel', '-w', ws, '-d', 'events', '--steps', 'commerce.view,commerce.checkout');
    expect(table.out).toMatch(/commerce\.checkout/);
  });

  it('runs read-only SQL and refuses writes', async () => {
    const r = await cli('sql', '-w', ws, '--format', 'csv', 'SELECT count(*) AS n, sum(cost) AS c FROM jobs');
    // 5 jobs: 0.40 + 0.10 + 0.50 + 0.90 + 0.20 = 2.10
    expect(r.out).toBe('n,c\n5,2.1\n');
    const w = await cli('sql', '-w', ws, 'DELETE FROM jobs');
    expect(w.code).not.toBe(0);
    expect(w.err).toMatch(/^tallybook sql: refused: DELETE/);
  });

  it('checks rollups against raw rows and fails when they differ', async () => {
    const ok = await cli('check', '-w', ws);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/OK: rollups and cubes match raw rows/);
    const w = await Workspace.open(ws);
    await w.db.run(`UPDATE tallybook.rollups SET count = count + 1 WHERE grain = 'day' AND event_name = 'commerce.view'`);
    w.closeSync();
    const bad = await cli('check', '-w', ws, '--json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out).ok).toBe(false);
  });

  it('exports a dataset and the rejected rows', async () => {
    const r = await cli('export', '-w', ws, '-d', 'jobs', '-o', t.path('jobs.csv'));
    expect(r.out).toMatch(/^Wrote 5 rows to /);
    const rej = await cli('export', '-w', ws, '--rejects', 'events', '-o', t.path('rejects.json'), '--json');
    expect(JSON.parse(rej.out)).toMatchObject({ rows: 0, format: 'json' });
  });
});

describe('bad input ends in one clear line and changes nothing', () => {
  async function snapshot(): Promise<unknown> {
    const w = await Workspace.open(ws);
    try {
      return await w.db.rows(`SELECT (SELECT count(*) FROM tallybook.imports) AS imports, (SELECT count(*) FROM jobs) AS jobs, (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM tallybook.datasets) AS datasets`);
    } finally {
      w.closeSync();
    }
  }

  it.each([
    [['query', '--spec', '{"dataset":"events","measure":["count"]}'], /unknown field "measure" in the query spec/],
    [['preset', '-d', 'nope', 'overview'], /no dataset named "nope"/],
    [['import', '-n', 'bad name', '/nonexistent.csv'], /not a valid dataset name/],
    [['import', '-n', 'more', '/nonexistent/file.csv'], /no such file or folder/],
    [['import', '-n', 'jobs', '-k', 'jobs', 'EVENTS'], /does not look like jobs: no column for job_id/],
    [['import', '-n', 'jobs', '-k', 'events', 'EVENTS'], /dataset "jobs" holds jobs, not events/],
    [['preset', '-d', 'events', 'overview'], /holds events|not jobs|events dataset/],
    [['funnel', '-d', 'events', '--steps', 'a'], /at least two event names/],
    [['query', '--spec', '{not json'], /not valid JSON/],
    [['sql', '--format', 'xml', 'SELECT 1'], /unknown --format xml/],
    [['check', '--bogus'], /Unknown option '--bogus'/],
  ])('%j', async (args, message) => {
    const before = await snapshot();
    const argv = (args as string[]).map((a) => (a === 'EVENTS' ? t.path('events.ndjson') : a));
    const r = await cli(argv[0]!, '-w', ws, ...argv.slice(1));
    expect(r.code).not.toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message as RegExp);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(await snapshot()).toEqual(before);
  });

  it('says when the workspace does not exist', async () => {
    const r = await cli('sql', '-w', t.path('missing.tallybook'), 'SELECT 1');
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/workspace .*missing\.tallybook does not exist/);
  });
});

describe('the built command', () => {
  it('answers --help through npx tallybook after npm run build', () => {
    const out = execFileSync('node', ['bin/tallybook.js', '--help'], { encoding: 'utf8' });
    expect(out).toMatch(/^tallybook — local, offline analytics workbench/);
    expect(out).toMatch(/import\s+import files/);
  });
});
