import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { profileDataset } from '../../src-main/core/dataset/profile';
import { rowsPage } from '../../src-main/core/dataset/rows-page';
import { previewImport } from '../../src-main/core/import/preview';
import { importFiles } from '../../src-main/core/import/importer';
import type { Workspace } from '../../src-main/core/workspace';
import { makeDataset, tempDir, tempWorkspace, type TempDir } from '../helpers/workspace';

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

describe('import preview', () => {
  it('shows the detected kind, the mapping and the first rows without writing anything', async () => {
    writeFileSync(t.path('jobs.csv'), 'Job ID,Created At,Status,Actual Cost\nj1,2025-11-08T10:00:00Z,DELIVERED,0.3\nj2,2025-11-08T11:00:00Z,blocked,0.2\n');
    const p = await previewImport(ws, { paths: [t.path('jobs.csv')] });
    expect(p.kind).toBe('jobs');
    expect(p.mapping).toMatchObject({ job_id: ['Job ID'], created_at: ['Created At'], status: ['Status'], cost: ['Actual Cost'] });
    expect(p.sourceColumns.map((c) => c.name)).toEqual(['Job ID', 'Created At', 'Status', 'Actual Cost']);
    expect(p.rows.rowCount).toBe(2);
    expect(p.rows.data[0]).toEqual(['j1', 'j2']);
    expect(p.fields[0]).toBe('job_id');
    expect(await ws.datasetNames()).toEqual([]);
  });

  it('follows a forced kind and mapping, and names what is missing', async () => {
    writeFileSync(t.path('x.csv'), 'when,what\n2025-01-01T00:00:00Z,click\n');
    const p = await previewImport(ws, { paths: [t.path('x.csv')], kind: 'events', mapping: { occurred_at: 'when', event_name: 'what' } });
    expect(p.mapping).toMatchObject({ occurred_at: ['when'], event_name: ['what'] });
    await expect(previewImport(ws, { paths: [t.path('x.csv')], kind: 'jobs' })).rejects.toMatchObject({ code: 'wrong_kind' });
  });
});

describe('dataset profile and pages', () => {
  beforeEach(async () => {
    // 10 rows: n = 1..10, g = 'a' for n <= 6 else 'b', x NULL when n is even.
    await makeDataset(ws, 't', 'table', `SELECT n, CASE WHEN n <= 6 THEN 'a' ELSE 'b' END AS g, CASE WHEN n % 2 = 1 THEN n * 1.5 END AS x FROM range(1, 11) r(n)`, null);
  });

  it('profiles nulls, distinct values, min/max and histograms', async () => {
    const p = await profileDataset(ws, 't');
    expect(p.rowCount).toBe(10);
    const [n, g, x] = p.columns;
    expect(n).toMatchObject({ name: 'n', nullPercent: 0, distinct: 10, min: 1, max: 10, histogramKind: 'bins' });
    // 20 bins over [1, 10]: every value in its own bin, 10 in the last one; counts add up to 10.
    expect(n!.histogram.reduce((s, b) => s + b.count, 0)).toBe(10);
    expect(g).toMatchObject({ distinct: 2, histogramKind: 'top_values', histogram: [{ label: 'a', count: 6 }, { label: 'b', count: 4 }] });
    // x is NULL for the 5 even n: 50 %; odd n 1,3,5,7,9 -> 1.5 … 13.5.
    expect(x).toMatchObject({ nullPercent: 50, distinct: 5, min: 1.5, max: 13.5 });
  });

  it('profiles an id column by its count and lists the 10 smallest of all-distinct values as top values', async () => {
    // 12 events e01..e12 (e05 twice: the import keeps the first), users u1 (7 events) and u2 (5), session = event id.
    const lines = [...Array.from({ length: 12 }, (_, i) => i + 1), 5].map((i) =>
      JSON.stringify({ event_id: `e${String(i).padStart(2, '0')}`, event_name: 'view', occurred_at: `2026-10-01T00:00:${String(i).padStart(2, '0')}Z`, user_id: i <= 7 ? 'u1' : 'u2', session_id: `s${13 - i}` }),
    );
    writeFileSync(t.path('ev.ndjson'), lines.join('\n') + '\n');
    await importFiles(ws, { dataset: 'ev', paths: [t.path('ev.ndjson')] });
    const p = await profileDataset(ws, 'ev');
    const col = (name: string) => p.columns.find((c) => c.name === name)!;
    const once = (labels: string[]) => labels.map((label) => ({ label, count: 1 }));
    expect(col('event_id')).toMatchObject({ distinct: 12, min: 'e01', max: 'e12', histogramKind: 'top_values', histogram: once(['e01', 'e02', 'e03', 'e04', 'e05', 'e06', 'e07', 'e08', 'e09', 'e10']) });
    // s1..s12, all distinct: the 10 smallest as text (s1, s10, s11, s12, s2, …).
    expect(col('session_id')).toMatchObject({ distinct: 12, histogram: once(['s1', 's10', 's11', 's12', 's2', 's3', 's4', 's5', 's6', 's7']) });
    expect(col('user_id')).toMatchObject({ distinct: 2, histogram: [{ label: 'u1', count: 7 }, { label: 'u2', count: 5 }] });
  });

  it('pages rows sorted on the server and refuses unknown columns', async () => {
    const page = await rowsPage(ws, { dataset: 't', offset: 2, limit: 3, sort: [{ column: 'g', dir: 'desc' }, { column: 'n', dir: 'asc' }] });
    // g desc puts b (7,8,9,10) first; offset 2 -> 9, 10, then a's 1.
    expect(page.data[0]).toEqual([9, 10, 1]);
    expect(page.totalRows).toBe(10);
    await expect(rowsPage(ws, { dataset: 't', sort: [{ column: 'nope', dir: 'asc' }] })).rejects.toMatchObject({ code: 'unknown_field' });
    await expect(rowsPage(ws, { dataset: 't', limit: 20_000 })).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('pages rows within a time range and under spec filters, counting only those rows', async () => {
    // Day n of November 2025 for n = 1..10; [Nov 3, Nov 9) holds n = 3..8; g = 'a' keeps 3..6, x not null keeps 3 and 5.
    await makeDataset(ws, 'd', 'events', `SELECT n, g, x, TIMESTAMPTZ '2025-10-31 12:00:00+00' + to_days(n::INT) AS at FROM t`, 'at');
    const req = { dataset: 'd', from: '2025-11-03T00:00:00Z', to: '2025-11-09T00:00:00Z', sort: [{ column: 'n', dir: 'desc' as const }] };
    const inRange = await rowsPage(ws, req);
    expect(inRange.totalRows).toBe(6);
    expect(inRange.data[0]).toEqual([8, 7, 6, 5, 4, 3]);
    const filtered = await rowsPage(ws, { ...req, filters: [{ field: 'g', op: '=', value: 'a' }, { field: 'x', op: 'is not null' }], limit: 1 });
    expect(filtered.totalRows).toBe(2);
    expect(filtered.data[0]).toEqual([5]);
    await expect(rowsPage(ws, { ...req, filters: [{ field: 'g', op: 'like', value: 'a' } as never] })).rejects.toMatchObject({ code: 'bad_spec' });
    await expect(rowsPage(ws, { dataset: 't', from: '2025-11-03T00:00:00Z' })).rejects.toMatchObject({ code: 'bad_request' });
    const info = await ws.dataset('d');
    expect([info.minTime, info.maxTime]).toEqual(['2025-11-01T12:00:00Z', '2025-11-10T12:00:00Z']);
  });

  it('keeps settings and UI state with the workspace', async () => {
    expect(await ws.settings()).toEqual({ timeZone: 'UTC', weekStart: 'monday', currency: 'USD' });
    await ws.updateSettings({ timeZone: 'Europe/Stockholm', currency: 'SEK' });
    await expect(ws.updateSettings({ timeZone: 'Mars/Olympus' })).rejects.toMatchObject({ code: 'bad_request' });
    expect(await ws.settings()).toEqual({ timeZone: 'Europe/Stockholm', weekStart: 'monday', currency: 'SEK' });
    // Patches sent together (a quick user on the Settings screen) all land, a bad one in between too.
    await Promise.allSettled([ws.updateSettings({ timeZone: 'Asia/Tokyo' }), ws.updateSettings({ weekStart: 'sunday' }), ws.updateSettings({ currency: 'x' }), ws.updateSettings({ currency: 'EUR' })]);
    expect(await ws.settings()).toEqual({ timeZone: 'Asia/Tokyo', weekStart: 'sunday', currency: 'EUR' });
    await ws.setValue('state:filters:jobs', { range: '30d' });
    expect(await ws.getValue('state:filters:jobs')).toEqual({ range: '30d' });
  });
});

describe('grid pages in the table order', () => {
  it('gives the same rows by row-id range as by LIMIT … OFFSET, across imports and columns added later', async () => {
    const t2 = tempDir();
    const w = await tempWorkspace(t2);
    try {
      const write = (name: string, from: number, extra: boolean) =>
        writeFileSync(t2.path(name), Array.from({ length: 2500 }, (_, i) => JSON.stringify({ event_id: `e${from + i}`, event_name: 'v', occurred_at: '2026-01-01T00:00:00Z', ...(extra ? { plan: 'pro' } : {}) })).join('\n'));
      write('a.ndjson', 0, false);
      write('b.ndjson', 2500, true);
      await importFiles(w, { dataset: 'ev', paths: [t2.path('a.ndjson')] });
      await importFiles(w, { dataset: 'ev', paths: [t2.path('b.ndjson')] });
      for (const offset of [0, 2400, 4990]) {
        // Rows are stored in import order (same timestamp, then file and line): e0 … e4999.
        const page = await rowsPage(w, { dataset: 'ev', offset, limit: 200 });
        const ids = page.data[page.columns.findIndex((c) => c.name === 'event_id')];
        expect(ids).toEqual(Array.from({ length: Math.min(200, 5000 - offset) }, (_, i) => `e${offset + i}`));
      }
    } finally {
      w.closeSync();
      t2.cleanup();
    }
  });
});
