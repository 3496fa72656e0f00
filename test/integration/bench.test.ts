/**
 * `tallybook bench --events 3000 --json` (issue 5): the JSON has exactly the promised shape and
 * every dashboard query's engine answer equals the hand-written SQL answer on the raw table.
 * Timings are never asserted.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';

describe('tallybook bench', () => {
  it('measures import and queries and finds the engine answers identical to raw SQL', async () => {
    const { code, out, err } = await cli('bench', '--events', '3000', '--json');
    expect(err).not.toMatch(/^tallybook bench:/m);
    const r = JSON.parse(out) as Record<string, unknown> & { queries: Record<string, unknown>[]; transport: { name: string; rows: number; json_bytes: number; wire_bytes: number; ipc_plain_bytes: number; ipc_bytes: number; ipc_plain_ms: number; ipc_ms: number; ms: number }[] };

    expect(Object.keys(r).sort()).toEqual(['cold_dashboard_ms', 'duckdb_import_s', 'events', 'import_s', 'queries', 'rss_mb', 'transport']);
    expect(r.events).toBe(3000);
    for (const key of ['import_s', 'duckdb_import_s', 'rss_mb', 'cold_dashboard_ms']) expect(typeof r[key]).toBe('number');
    expect(r.queries.map((q) => q.name)).toEqual([
      'daily counts by event', 'p95 latency_ms per day', 'DAU', 'WAU/MAU', 'KPIs, last 30 days vs the 30 before', 'DAU/WAU/MAU, last 30 days',
      '3-step funnel by session', 'top 10 users',
      'jobs overview', 'jobs cost breakdown', 'jobs time series',
    ]);
    for (const q of r.queries) {
      expect(Object.keys(q).sort()).toEqual(['ms', 'name', 'raw_ms', 'same']);
      expect(typeof q.ms).toBe('number');
      expect(typeof q.raw_ms).toBe('number');
      expect({ name: q.name, same: q.same }).toEqual({ name: q.name, same: true });
    }
    // Transport: the grid page starting at row 1,500 holds the rest of the rows kept (3,000 less
    // the ~2% of sessions without analytics consent); a week of minutes (about 360 of the 3,000
    // events fall in it) is short enough to come whole either way.
    const [page, whole, thinned] = r.transport;
    expect(r.transport.map((x) => x.name)).toEqual(['grid page of 10,000 rows at offset 1,500', 'minute counts over a week, every point', 'minute counts over a week, maxPoints 2000']);
    expect(page!.rows).toBeGreaterThan(1400);
    expect(page!.rows).toBeLessThan(1500);
    expect(whole!.rows).toBeGreaterThan(100);
    expect(thinned!.rows).toBe(whole!.rows);
    for (const x of r.transport) expect(x.json_bytes).toBeGreaterThan(x.rows);
    // The page's event names, tenants and sources repeat: dictionary-encoded it is smaller.
    expect(page!.wire_bytes).toBeLessThan(page!.json_bytes);
    // Over IPC too (structured clone) the page is smaller for its dictionaries.
    for (const x of r.transport) expect([x.ipc_ms, x.ipc_plain_ms]).toEqual([expect.any(Number), expect.any(Number)]);
    expect(page!.ipc_bytes).toBeLessThan(page!.ipc_plain_bytes);
    expect(err).toContain('bench: ');
    expect(code).toBe(0);
  });
});
