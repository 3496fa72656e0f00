/**
 * `tallybook bench --events 3000 --json` (issue 5): the JSON has exactly the promised shape and
 * every dashboard query's engine answer equals the hand-written SQL answer on the raw table.
 * Timings are never asserted.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli/main';
import type { Io } from '../../src-main/cli/io';

describe('tallybook bench', () => {
  it('measures import and queries and finds the engine answers identical to raw SQL', async () => {
    let out = '';
    let err = '';
    const io: Io = { out: (s) => void (out += s), err: (s) => void (err += s), interactive: false };
    const code = await main(['bench', '--events', '3000', '--json'], io);
    expect(err).not.toMatch(/^tallybook bench:/m);
    const r = JSON.parse(out) as Record<string, unknown> & { queries: Record<string, unknown>[] };

    expect(Object.keys(r).sort()).toEqual(['duckdb_import_s', 'events', 'import_s', 'queries', 'rss_mb']);
    expect(r.events).toBe(3000);
    for (const key of ['import_s', 'duckdb_import_s', 'rss_mb']) expect(typeof r[key]).toBe('number');
    expect(r.queries.map((q) => q.name)).toEqual([
      'daily counts by event', 'p95 latency_ms per day', 'DAU', 'WAU/MAU', '3-step funnel by session', 'top 10 users',
      'jobs overview', 'jobs cost breakdown', 'jobs time series',
    ]);
    for (const q of r.queries) {
      expect(Object.keys(q).sort()).toEqual(['ms', 'name', 'raw_ms', 'same']);
      expect(typeof q.ms).toBe('number');
      expect(typeof q.raw_ms).toBe('number');
      expect({ name: q.name, same: q.same }).toEqual({ name: q.name, same: true });
    }
    expect(err).toContain('bench: ');
    expect(code).toBe(0);
  });
});
