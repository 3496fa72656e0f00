import { afterEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../src-main/core/workspace';
import { CATALOG_VERSION } from '../../src-main/core/catalog/migrations';
import { makeDataset, tempDir, type TempDir } from '../helpers/workspace';

let t: TempDir;
afterEach(() => t?.cleanup());

describe('workspace', () => {
  it('creates a new file at the current catalog version', async () => {
    t = tempDir();
    const ws = await Workspace.open(t.path('a.tallybook'), { create: true });
    expect(await ws.catalogVersion()).toBe(CATALOG_VERSION);
    expect(await ws.datasetNames()).toEqual([]);
    ws.closeSync();
  });

  it('opens a workspace written by an older build and migrates it without losing data', async () => {
    t = tempDir();
    const old = await Workspace.open(t.path('old.tallybook'), { create: true, migrateTo: 1 });
    expect(await old.catalogVersion()).toBe(1);
    await makeDataset(old, 'events', 'events', `SELECT 'e1' AS event_id, TIMESTAMPTZ '2024-01-01 00:00:00+00' AS occurred_at`, 'occurred_at');
    old.closeSync();

    const ws = await Workspace.open(t.path('old.tallybook'));
    expect(await ws.catalogVersion()).toBe(CATALOG_VERSION);
    const info = await ws.dataset('events');
    expect(info.rowCount).toBe(1);
    expect(await ws.db.value(`SELECT count(*) FROM tallybook.saved`)).toBe(0);
    ws.closeSync();
  });

  it("fills each user's previous active day into user_days when migrating to catalog 5", async () => {
    t = tempDir();
    const old = await Workspace.open(t.path('v4.tallybook'), { create: true, migrateTo: 4 });
    await old.db.run(`INSERT INTO tallybook.user_days VALUES
      ('ev', '2026-03-01 00:00:00+00', 'u1'), ('ev', '2026-03-09 00:00:00+00', 'u1'), ('ev', '2026-03-04 00:00:00+00', 'u1'),
      ('ev', '2026-03-04 00:00:00+00', 'u2'), ('other', '2026-03-02 00:00:00+00', 'u1')`);
    old.closeSync();

    const ws = await Workspace.open(t.path('v4.tallybook'));
    const rows = await ws.db.rows(`SELECT dataset, user_id, strftime(day, '%d') AS day, strftime(prev_day, '%d') AS prev FROM tallybook.user_days ORDER BY ALL`);
    // Per dataset and user, in day order: u1 in ev was active on the 1st, 4th and 9th.
    expect(rows).toEqual([
      { dataset: 'ev', user_id: 'u1', day: '01', prev: null },
      { dataset: 'ev', user_id: 'u1', day: '04', prev: '01' },
      { dataset: 'ev', user_id: 'u1', day: '09', prev: '04' },
      { dataset: 'ev', user_id: 'u2', day: '04', prev: null },
      { dataset: 'other', user_id: 'u1', day: '02', prev: null },
    ]);
    ws.closeSync();
  });

  it('refuses to open a missing workspace unless asked to create it', async () => {
    t = tempDir();
    await expect(Workspace.open(t.path('missing.tallybook'))).rejects.toThrow(/does not exist/);
  });

  it('names the datasets it has when asked for one it does not', async () => {
    t = tempDir();
    const ws = await Workspace.open(t.path('a.tallybook'), { create: true });
    await makeDataset(ws, 'jobs', 'jobs', `SELECT 'j1' AS job_id`, null);
    await expect(ws.dataset('nope')).rejects.toMatchObject({ code: 'not_found', hint: 'datasets here: jobs' });
    ws.closeSync();
  });
});
