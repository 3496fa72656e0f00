import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../src-shared/datasets';
import { importFiles } from '../../src-main/core/import/importer';
import type { Workspace } from '../../src-main/core/workspace';
import { tempDir, tempWorkspace, type TempDir } from '../helpers/workspace';

let t: TempDir;
let ws: Workspace;
beforeEach(async () => {
  t = tempDir();
  ws = await tempWorkspace(t);
});
afterEach(() => {
  ws.closeSync();
  t.cleanup();
});

// Seed 004 envelope, one row per bucket case. Worked out by hand:
// line 1 e1 imported (10:30+02:00 = 08:30Z), line 2 e2 imported, line 3 blank (not a row),
// line 4 e1 again -> duplicate, 5 malformed_row, 6 missing_event_id, 7 missing_event_name,
// 8 invalid_timestamp, 9 consent false -> dropped, 10 e6 epoch seconds 1736931600 = 2025-01-15T09:00:00Z.
// rows_read 9 = 3 imported + 1 duplicate + 4 rejected + 1 dropped.
const EVENTS = [
  '{"event_id":"e1","event_name":"commerce.view","occurred_at":"2025-01-15T10:30:00+02:00","tenant_id":"t1","session_id":"s1","user_id":"u1","source":"web","attributes":{"voice.first_response_ms":450},"context":{"consent":{"analytics":true}}}',
  '{"event_id":"e2","event_name":"commerce.add_to_cart","occurred_at":"2025-01-15T08:31:00Z","session_id":"s1","user_id":"u1","source":"web","attributes":{}}',
  '',
  '{"event_id":"e1","event_name":"other","occurred_at":"2025-01-15T08:00:00Z"}',
  'not json at all',
  '{"event_name":"x","occurred_at":"2025-01-15T08:00:00Z"}',
  '{"event_id":"e3","occurred_at":"2025-01-15T08:00:00Z"}',
  '{"event_id":"e4","event_name":"x","occurred_at":"yesterday"}',
  '{"event_id":"e5","event_name":"commerce.view","occurred_at":"2025-01-15T09:00:00Z","context":{"consent":{"analytics":false}}}',
  '{"event_id":"e6","event_name":"commerce.checkout","occurred_at":1736931600,"session_id":"s1"}',
];

const expectedEventsSummary = {
  kind: 'events',
  rows_read: 9,
  rows_imported: 3,
  duplicates: 1,
  rejected: 4,
  dropped_no_consent: 1,
  rejected_by_reason: { malformed_row: 1, missing_event_id: 1, missing_event_name: 1, invalid_timestamp: 1 },
};

describe('import of seed 004 events', () => {
  it('puts every row in exactly one bucket and types the canonical columns', async () => {
    const file = t.path('events.ndjson');
    writeFileSync(file, EVENTS.join('\n') + '\n');
    const s = await importFiles(ws, { dataset: 'events', paths: [file] });
    expect(s).toMatchObject({ dataset: 'events', ...expectedEventsSummary });
    const rows = await ws.db.rows(`SELECT event_id, occurred_at, session_id, attributes->>'voice.first_response_ms' AS ms FROM events ORDER BY occurred_at`);
    expect(rows).toEqual([
      { event_id: 'e1', occurred_at: '2025-01-15T08:30:00Z', session_id: 's1', ms: '450' },
      { event_id: 'e2', occurred_at: '2025-01-15T08:31:00Z', session_id: 's1', ms: null },
      { event_id: 'e6', occurred_at: '2025-01-15T09:00:00Z', session_id: 's1', ms: null },
    ]);
    const rejects = await ws.db.rows(`SELECT line, reason, raw FROM tallybook.rejects ORDER BY line`);
    expect(rejects.map((r) => [r.line, r.reason])).toEqual([
      [5, 'malformed_row'],
      [6, 'missing_event_id'],
      [7, 'missing_event_name'],
      [8, 'invalid_timestamp'],
    ]);
    expect(rejects[0]!.raw).toBe('not json at all');
  });

  it('adds nothing when the same file is imported again', async () => {
    const file = t.path('events.ndjson');
    writeFileSync(file, EVENTS.join('\n'));
    await importFiles(ws, { dataset: 'events', paths: [file] });
    const again = await importFiles(ws, { dataset: 'events', paths: [file] });
    // e1, e2, e6 are in the dataset already, and line 4 repeats e1: 4 duplicates.
    expect(again).toMatchObject({ rows_read: 9, rows_imported: 0, duplicates: 4, rejected: 4, dropped_no_consent: 1 });
    expect(await ws.db.value('SELECT count(*) FROM events')).toBe(3);
  });

  it('reads the same rows from a gzip, BOM and CRLF variant', async () => {
    const file = t.path('events.ndjson.gz');
    writeFileSync(file, gzipSync(Buffer.from('\uFEFF' + EVENTS.join('\r\n') + '\r\n')));
    const s = await importFiles(ws, { dataset: 'events', paths: [file] });
    expect(s).toMatchObject(expectedEventsSummary);
    expect(await ws.db.value(`SELECT event_id FROM events ORDER BY occurred_at LIMIT 1`)).toBe('e1');
  });

  it('keeps events without consent when asked', async () => {
    const file = t.path('events.ndjson');
    writeFileSync(file, EVENTS.join('\n'));
    const s = await importFiles(ws, { dataset: 'events', paths: [file], keepNoConsent: true });
    expect(s).toMatchObject({ rows_imported: 4, dropped_no_consent: 0 });
  });

  it('redacts e-mails, phone numbers and IPs and reduces URLs to paths when asked', async () => {
    const file = t.path('pii.ndjson');
    writeFileSync(file, JSON.stringify({ event_id: 'p1', event_name: 'kb.search', occurred_at: '2025-01-15T08:00:00Z',
      attributes: { q: 'mail a.b@example.com or call +46 70 123 45 67', n: 123456789 },
      context: { ip: '10.1.2.3', page: { url: 'https://shop.example.com/cart/checkout?token=abc' } } }));
    await importFiles(ws, { dataset: 'ev', paths: [file], redact: true });
    const row = (await ws.db.rows(`SELECT attributes::VARCHAR AS a, context::VARCHAR AS c FROM ev`))[0]!;
    expect(JSON.parse(String(row.a))).toEqual({ q: 'mail [email] or call [phone]', n: 123456789 });
    expect(JSON.parse(String(row.c))).toEqual({ ip: '[ip]', page: { url: '/cart/checkout' } });
  });
});

describe('import of seed 002 jobs', () => {
  // CSV export with the seed's headers. Worked out by hand:
  // j1 delivered (status "DELIVERED" lower-cased), started 10:00:10Z, completed 10:00:48.5Z -> 38.5 s;
  // j2 created with a +02:00 offset -> 2025-11-08T10:00:00Z, status "Blocked" -> blocked, no completion;
  // j1 again -> duplicate; a row without Job ID -> missing_job_id; created "not a date" -> invalid_timestamp;
  // cost "abc" -> invalid_number. JSON export: j2 (duplicate of the CSV's), j3 new.
  const CSV = [
    'Job ID,Created At,Status,Publisher,Target URL,Anchor Text,Provider,Strategy,Estimated Cost,Actual Cost,Started At,Completed At',
    'j1,2025-11-08T10:00:00Z,DELIVERED,pub.se,https://x.se/a,"buy, now",anthropic,multi_stage,0.30,0.32,2025-11-08T10:00:10Z,2025-11-08T10:00:48.5Z',
    'j2,2025-11-08T12:00:00+02:00,Blocked,pub.se,https://x.se/b,b,openai,single_shot,0.20,$0.25,,',
    'j1,2025-11-08T10:00:00Z,delivered,pub.se,https://x.se/a,a,anthropic,multi_stage,0.30,0.32,,',
    ',2025-11-08T10:00:00Z,delivered,pub.se,https://x.se/a,a,anthropic,multi_stage,0.30,0.32,,',
    'j5,not a date,delivered,pub.se,https://x.se/a,a,anthropic,multi_stage,0.30,0.32,,',
    'j6,2025-11-08T10:00:00Z,delivered,pub.se,https://x.se/a,a,anthropic,multi_stage,0.30,abc,,',
  ].join('\n');
  const JSON_EXPORT = JSON.stringify([
    { job_id: 'j2', created_at: '2025-11-08T10:00:00Z', status: 'blocked', provider: 'openai', cost: 0.25 },
    { job_id: 'j3', created_at: '2025-11-09T00:00:00Z', status: 'Aborted', provider: 'openai', strategy: 'single_shot', cost: 0.1, qc_status: 'pass', qc_score: 80 },
  ]);

  it('maps the CSV and JSON exports to one typed jobs dataset in a single import', async () => {
    writeFileSync(t.path('jobs.csv'), CSV);
    writeFileSync(t.path('jobs.json'), JSON_EXPORT);
    const s = await importFiles(ws, { dataset: 'jobs', paths: [t.path('jobs.csv'), t.path('jobs.json')] });
    expect(s).toMatchObject({
      kind: 'jobs', rows_read: 8, rows_imported: 3, duplicates: 2, rejected: 3, dropped_no_consent: 0,
      rejected_by_reason: { missing_job_id: 1, invalid_timestamp: 1, invalid_number: 1 },
    });
    expect(s.mapping.job_id).toBe('Job ID | job_id');
    expect(s.files.map((f) => f.rows_read)).toEqual([6, 2]);
    const rows = await ws.db.rows(`SELECT job_id, created_at, status, cost, generation_seconds, anchor_text, qc_status FROM jobs ORDER BY job_id`);
    expect(rows).toEqual([
      { job_id: 'j1', created_at: '2025-11-08T10:00:00Z', status: 'delivered', cost: 0.32, generation_seconds: 38.5, anchor_text: 'buy, now', qc_status: null },
      { job_id: 'j2', created_at: '2025-11-08T10:00:00Z', status: 'blocked', cost: 0.25, generation_seconds: null, anchor_text: 'b', qc_status: null },
      { job_id: 'j3', created_at: '2025-11-09T00:00:00Z', status: 'aborted', cost: 0.1, generation_seconds: null, anchor_text: null, qc_status: 'PASS' },
    ]);
    const rejects = await ws.db.rows(`SELECT line, reason FROM tallybook.rejects ORDER BY line`);
    // Header is line 1: the rows without id, with a bad date and with a bad cost are lines 5, 6, 7.
    expect(rejects).toEqual([
      { line: 5, reason: 'missing_job_id' },
      { line: 6, reason: 'invalid_timestamp' },
      { line: 7, reason: 'invalid_number' },
    ]);
  });

  it('rejects a CSV row the reader cannot parse, with its line and text, and numbers later rows right', async () => {
    // Line 1 header, 2 good, 3 has an extra field (reader reject), 4 a bad date, 5 good.
    writeFileSync(t.path('jobs.csv'), 'job_id,created_at,status\nj1,2025-01-01T00:00:00Z,done\nj2,2025-01-01T00:00:00Z,done,extra\nj3,someday,done\nj4,2025-01-02T00:00:00Z,done\n');
    const s = await importFiles(ws, { dataset: 'jobs', paths: [t.path('jobs.csv')] });
    expect(s).toMatchObject({ rows_read: 4, rows_imported: 2, rejected: 2, rejected_by_reason: { malformed_row: 1, invalid_timestamp: 1 } });
    const rej = await ws.db.rows(`SELECT line, reason, raw FROM tallybook.rejects ORDER BY line`);
    expect(rej.map((r) => [r.line, r.reason])).toEqual([[3, 'malformed_row'], [4, 'invalid_timestamp']]);
    expect(String(rej[0]!.raw)).toContain('j2,2025-01-01T00:00:00Z,done,extra');
    expect(String(rej[1]!.raw)).toContain('someday');
  });
});

describe('import of seeds 001, 003 and 000', () => {
  it('maps seed 001 rows (type, data, generated_at) to events', async () => {
    writeFileSync(t.path('analytics.csv'), 'id,user_id,type,data,generated_at\n1,7,job_view,"{""job_id"": 3}",2024-05-06 12:00:00\n2,7,job_apply,"{""job_id"": 3}",2024-05-06 12:05:00\n');
    const s = await importFiles(ws, { dataset: 'app', paths: [t.path('analytics.csv')] });
    expect(s).toMatchObject({ kind: 'events', rows_imported: 2 });
    expect(s.mapping).toMatchObject({ event_id: 'id', event_name: 'type', occurred_at: 'generated_at', attributes: 'data' });
    const rows = await ws.db.rows(`SELECT event_id, event_name, user_id, occurred_at, attributes->>'job_id' AS job FROM app ORDER BY event_id`);
    expect(rows[0]).toEqual({ event_id: '1', event_name: 'job_view', user_id: '7', occurred_at: '2024-05-06T12:00:00Z', job: '3' });
  });

  it('names seed 003 events entity_type.action and keeps domain, entity_type, action and entity_id', async () => {
    writeFileSync(t.path('crawler.ndjson'), [
      '{"event_id":"a","domain":"jav","entity_type":"movie","action":"view","entity_id":"m1","occurred_at":"2025-02-01T00:00:00Z"}',
      '{"event_id":"b","domain":"jav","entity_type":"movie","action":"download","entity_id":"m1","occurred_at":"2025-02-01T01:00:00Z"}',
    ].join('\n'));
    const s = await importFiles(ws, { dataset: 'crawler', paths: [t.path('crawler.ndjson')] });
    expect(s.kind).toBe('events');
    const rows = await ws.db.rows(`SELECT event_name, domain, entity_type, action, entity_id FROM crawler ORDER BY event_id`);
    expect(rows).toEqual([
      { event_name: 'movie.view', domain: 'jav', entity_type: 'movie', action: 'view', entity_id: 'm1' },
      { event_name: 'movie.download', domain: 'jav', entity_type: 'movie', action: 'download', entity_id: 'm1' },
    ]);
  });

  it('flattens seed 000 snapshots into metric paths', async () => {
    writeFileSync(t.path('snap1.json'), '{\n  "timestamp": "2024-05-06T12:00:00",\n  "cache": {"hits": 10, "misses": 2, "evictions": 1},\n  "planner": {"resolution_rate": 0.75}\n}\n');
    writeFileSync(t.path('snap2.json'), '{\n  "timestamp": "2024-05-06T13:00:00",\n  "cache": {"hits": 15, "misses": 5, "evictions": 0}\n}\n');
    const s = await importFiles(ws, { dataset: 'runs', paths: [t.path('snap1.json'), t.path('snap2.json')] });
    expect(s).toMatchObject({ kind: 'metrics', rows_read: 2, rows_imported: 2 });
    const rows = await ws.db.rows(`SELECT ts, metric, value FROM runs ORDER BY ts, metric`);
    expect(rows).toEqual([
      { ts: '2024-05-06T12:00:00Z', metric: 'cache.evictions', value: 1 },
      { ts: '2024-05-06T12:00:00Z', metric: 'cache.hits', value: 10 },
      { ts: '2024-05-06T12:00:00Z', metric: 'cache.misses', value: 2 },
      { ts: '2024-05-06T12:00:00Z', metric: 'planner.resolution_rate', value: 0.75 },
      { ts: '2024-05-06T13:00:00Z', metric: 'cache.evictions', value: 0 },
      { ts: '2024-05-06T13:00:00Z', metric: 'cache.hits', value: 15 },
      { ts: '2024-05-06T13:00:00Z', metric: 'cache.misses', value: 5 },
    ]);
    const again = await importFiles(ws, { dataset: 'runs', paths: [t.path('snap1.json')] });
    expect(again).toMatchObject({ rows_imported: 0, duplicates: 1 });
  });
});

describe('tables, formats and failures', () => {
  it('imports any CSV as a typed table and adds nothing when the same file comes again', async () => {
    writeFileSync(t.path('sales.tsv'), 'region\tunits\tprice\twhen\tok\nnorth\t3\t9.5\t2024-01-01\ttrue\nsouth\t4\t10\t2024-01-02\tfalse\n');
    const s = await importFiles(ws, { dataset: 'sales', paths: [t.path('sales.tsv')] });
    expect(s).toMatchObject({ kind: 'table', rows_imported: 2 });
    const cols = (await ws.dataset('sales')).columns;
    expect(cols).toEqual([
      { name: 'region', type: 'VARCHAR' },
      { name: 'units', type: 'BIGINT' },
      { name: 'price', type: 'DOUBLE' },
      { name: 'when', type: 'TIMESTAMP WITH TIME ZONE' },
      { name: 'ok', type: 'BOOLEAN' },
    ]);
    const again = await importFiles(ws, { dataset: 'sales', paths: [t.path('sales.tsv')] });
    expect(again).toMatchObject({ rows_read: 2, rows_imported: 0, duplicates: 2 });
  });

  it('reads Parquet files and JSON arrays', async () => {
    await ws.db.run(`COPY (SELECT 'p' || i AS event_id, 'x' AS event_name, TIMESTAMPTZ '2025-01-01 00:00:00+00' + INTERVAL (i) HOUR AS occurred_at FROM range(3) t(i)) TO '${t.path('ev.parquet')}' (FORMAT parquet)`);
    writeFileSync(t.path('ev.json'), JSON.stringify([{ event_id: 'a1', event_name: 'y', occurred_at: '2025-01-02T00:00:00Z' }, 5]));
    const s = await importFiles(ws, { dataset: 'ev', paths: [t.path('ev.parquet'), t.path('ev.json')] });
    // 3 parquet rows + 1 good array element + 1 element that is not an object.
    expect(s).toMatchObject({ kind: 'events', rows_read: 5, rows_imported: 4, rejected_by_reason: { malformed_row: 1 } });
  });

  it('imports folders and globs', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(t.path('d/sub'), { recursive: true });
    writeFileSync(t.path('d/a.csv'), 'k,v\n1,2\n');
    writeFileSync(t.path('d/sub/b.csv'), 'k,v\n3,4\n');
    writeFileSync(t.path('d/notes.md'), 'ignored');
    expect((await importFiles(ws, { dataset: 'kv', paths: [t.path('d')] })).rows_imported).toBe(2);
    expect((await importFiles(ws, { dataset: 'kv2', paths: [t.path('d/**/*.csv')] })).rows_imported).toBe(2);
  });

  it('stops with a clear message and leaves the workspace as it was when the kind is wrong', async () => {
    writeFileSync(t.path('events.ndjson'), EVENTS.join('\n'));
    await importFiles(ws, { dataset: 'events', paths: [t.path('events.ndjson')] });
    await expect(importFiles(ws, { dataset: 'jobs', paths: [t.path('events.ndjson')], kind: 'jobs' })).rejects.toMatchObject({
      code: 'wrong_kind',
      message: expect.stringMatching(/events\.ndjson does not look like jobs: no column for job_id/),
    });
    await expect(importFiles(ws, { dataset: 'events', paths: [t.path('events.ndjson')], kind: 'jobs' })).rejects.toMatchObject({ code: 'wrong_kind' });
    expect(await ws.datasetNames()).toEqual(['events']);
    expect(await ws.db.value('SELECT count(*) FROM tallybook.imports')).toBe(1);
  });

  it('fails cleanly on a missing file, a corrupt gzip and a bad dataset name', async () => {
    await expect(importFiles(ws, { dataset: 'x', paths: [t.path('nope.csv')] })).rejects.toMatchObject({ code: 'not_found' });
    writeFileSync(t.path('bad.ndjson.gz'), Buffer.from('this is not gzip'));
    await expect(importFiles(ws, { dataset: 'x', paths: [t.path('bad.ndjson.gz')] })).rejects.toMatchObject({ code: 'bad_format' });
    await expect(importFiles(ws, { dataset: 'bad name', paths: [t.path('bad.ndjson.gz')] })).rejects.toMatchObject({ code: 'bad_name' });
    expect(await ws.datasetNames()).toEqual([]);
  });

  it('reports progress and can be cancelled without changing the workspace', async () => {
    writeFileSync(t.path('events.ndjson'), EVENTS.join('\n'));
    const seen: ImportProgress[] = [];
    await importFiles(ws, { dataset: 'events', paths: [t.path('events.ndjson')] }, { onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => p.phase)).toEqual(expect.arrayContaining(['hashing', 'reading', 'validating', 'writing', 'done']));
    expect(seen.at(-1)!.fraction).toBe(1);
    // The bar never goes back, and each phase stays in its part of it.
    const fractions = seen.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(seen.filter((p) => p.phase === 'writing').every((p) => p.fraction >= 0.5 && p.fraction < 1)).toBe(true);
    const controller = new AbortController();
    controller.abort();
    await expect(importFiles(ws, { dataset: 'other', paths: [t.path('events.ndjson')] }, { signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });
    expect(await ws.datasetNames()).toEqual(['events']);
  });
});

describe('a large NDJSON file', () => {
  it('numbers lines, skips blank ones, rejects a malformed one and dedupes, as for small files', async () => {
    // 200,000 lines of ~100 bytes (20 MB):
    // line 1,000 is blank, line 150,000 is cut in half, line 199,999 repeats the id of line 1.
    const lines = Array.from({ length: 200_000 }, (_, i) => JSON.stringify({ event_id: `e${i}`, event_name: 'view', occurred_at: '2026-01-01T00:00:00Z', attributes: { n: i } }));
    lines[999] = '';
    lines[149_999] = lines[149_999]!.slice(0, 30);
    lines[199_998] = JSON.stringify({ event_id: 'e0', event_name: 'view', occurred_at: '2026-01-02T00:00:00Z' });
    writeFileSync(t.path('large.ndjson'), lines.join('\n'));
    const seen: number[] = [];
    const s = await importFiles(ws, { dataset: 'large', paths: [t.path('large.ndjson')] }, { onProgress: (p) => seen.push(p.fraction) });
    expect([s.rows_read, s.rows_imported, s.duplicates, s.rejected]).toEqual([199_999, 199_997, 1, 1]);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(await ws.db.rows(`SELECT line, reason FROM tallybook.rejects WHERE dataset = 'large'`)).toEqual([{ line: 150_000, reason: 'malformed_row' }]);
    expect(await ws.db.value(`SELECT sum(CAST(json_extract(attributes, '$.n') AS BIGINT)) FROM large`)).toBe(199_999 * 200_000 / 2 - 999 - 149_999 - 199_998);
  }, 60_000);

  /** Imports `text` as one file; returns the rejects and whether the lines were read as CSV (the careful path). */
  async function importText(text: string): Promise<{ rejects: Record<string, unknown>[]; readAsCsv: boolean; imported: number }> {
    writeFileSync(t.path('one.ndjson'), text);
    const statements: string[] = [];
    const run = ws.db.run.bind(ws.db);
    ws.db.run = (q, params) => (statements.push(q), run(q, params));
    try {
      const s = await importFiles(ws, { dataset: 'one', paths: [t.path('one.ndjson')] });
      const rejects = await ws.db.rows(`SELECT line, reason, raw FROM tallybook.rejects WHERE dataset = 'one' ORDER BY line`);
      return { rejects, readAsCsv: statements.some((q) => q.includes('read_csv(')), imported: s.rows_imported };
    } finally {
      ws.db.run = run;
    }
  }
  /** 20,000 lines of ~110 bytes (2 MB, past the small files read in batches). */
  const clean = () => Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ event_id: `e${i}`, event_name: 'view', occurred_at: '2026-01-01T00:00:00Z', attributes: { pad: 'x'.repeat(40) } }));

  it("reads a clean file with DuckDB's JSON reader: line numbers hold, values that are not objects are rejected as they were", async () => {
    const lines = clean();
    lines[499] = '7';
    lines[599] = '[1, 2]';
    const r = await importText(lines.join('\n')); // no newline at the end
    expect(r.readAsCsv).toBe(false);
    expect(r.imported).toBe(19_998);
    expect(r.rejects).toEqual([
      { line: 500, reason: 'malformed_row', raw: '7' },
      { line: 600, reason: 'malformed_row', raw: '[1, 2]' },
    ]);
  });

  it('reads a file as CSV lines when the JSON reader would trim a line or skip a blank one', async () => {
    for (const [what, edit] of [
      ['a trailing space', (l: string[]) => (l[499] = '7 ')],
      ['a blank line', (l: string[]) => (l[299] = '')],
      ['a line of spaces', (l: string[]) => (l[299] = '   ')],
    ] as const) {
      const lines = clean();
      lines[499] = '7';
      edit(lines);
      const r = await importText(lines.join('\n') + '\n');
      expect({ what, readAsCsv: r.readAsCsv }).toEqual({ what, readAsCsv: true });
      expect(r.rejects.at(-1)).toEqual({ line: 500, reason: 'malformed_row', raw: lines[499] });
      await ws.db.run(`DELETE FROM tallybook.rejects WHERE dataset = 'one'`);
    }
  });

  it('reads two large files as they are: lines per file, BOM and CRLF stripped, rows stored in time order', async () => {
    // a: 30,000 events a0…, one a minute in time order. b: BOM and CRLF, 30,000 events b0… going
    // back in time; line 7 of b is not JSON and line 20,000 of b repeats the id of a's line 5.
    const event = (id: string, minute: number) =>
      JSON.stringify({ event_id: id, event_name: 'view', occurred_at: new Date(Date.UTC(2026, 0, 1) + minute * 60_000).toISOString(), attributes: { pad: 'x'.repeat(40) } });
    const a = Array.from({ length: 30_000 }, (_, i) => event(`a${i}`, i));
    const b = Array.from({ length: 30_000 }, (_, i) => event(`b${i}`, 60_000 - i));
    b[6] = 'not json';
    b[19_999] = event('a4', 99_999);
    writeFileSync(t.path('a.ndjson'), a.join('\n'));
    writeFileSync(t.path('b.ndjson'), '\uFEFF' + b.join('\r\n') + '\r\n');
    const s = await importFiles(ws, { dataset: 'two', paths: [t.path('a.ndjson'), t.path('b.ndjson')] });
    expect([s.rows_read, s.rows_imported, s.duplicates, s.rejected]).toEqual([60_000, 59_998, 1, 1]);
    expect(await ws.db.rows(`SELECT file, line, reason FROM tallybook.rejects WHERE dataset = 'two'`)).toEqual([{ file: t.path('b.ndjson'), line: 7, reason: 'malformed_row' }]);
    expect(await ws.db.value(`SELECT count(*) FROM two WHERE event_id LIKE 'b%'`)).toBe(29_998);
    // Stored in time order: a0 first, b0 (the latest) last, no row earlier than the one before it.
    expect(await ws.db.value(`SELECT count(*) FROM (SELECT occurred_at < lag(occurred_at) OVER (ORDER BY rowid) AS down FROM two) WHERE down`)).toBe(0);
    expect(await ws.db.rows(`SELECT event_id FROM two WHERE rowid IN (0, 59_997) ORDER BY rowid`)).toEqual([{ event_id: 'a0' }, { event_id: 'b0' }]);
  }, 60_000);
});
