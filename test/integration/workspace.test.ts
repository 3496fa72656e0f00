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
