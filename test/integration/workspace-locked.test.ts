/**
 * Second instance (issue 6): a workspace another process holds for writing is never opened for
 * writing a second time. The refusal says so and offers read-only, which gives a snapshot copy of
 * the file as of its last checkpoint (DuckDB refuses even readers while a writer holds the lock),
 * never the other process's WAL. Inside one process the same rule holds.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { createService } from '../../src-main/core/service';
import { Workspace } from '../../src-main/core/workspace';
import { makeDataset, tempDir, type TempDir } from '../helpers/workspace';
import { cli } from '../helpers/cli';
import { holdWorkspace } from '../helpers/hold-workspace';

/** What the other process writing the workspace adds: 2 events left in its WAL (no checkpoint). */
const LATE_ROWS = "INSERT INTO events VALUES ('e4', TIMESTAMPTZ '2026-01-04 00:00:00+00'), ('e5', TIMESTAMPTZ '2026-01-05 00:00:00+00')";

let t: TempDir;
let holder: ChildProcess | null = null;

afterEach(async () => {
  if (holder && holder.exitCode === null && holder.signalCode === null) {
    holder.kill('SIGKILL');
    await once(holder, 'exit');
  }
  holder = null;
  t?.cleanup();
});

/** A workspace with 3 events, checkpointed and closed. */
async function threeEvents(path: string): Promise<void> {
  const ws = await Workspace.open(path, { create: true });
  await makeDataset(ws, 'events', 'events', `SELECT * FROM (VALUES ('e1', TIMESTAMPTZ '2026-01-01 00:00:00+00'), ('e2', TIMESTAMPTZ '2026-01-02 00:00:00+00'), ('e3', TIMESTAMPTZ '2026-01-03 00:00:00+00')) v(event_id, occurred_at)`, 'occurred_at');
  ws.closeSync();
}

async function holdInAnotherProcess(path: string): Promise<ChildProcess> {
  holder = await holdWorkspace(path, LATE_ROWS);
  return holder;
}

describe('a workspace open in another process', () => {
  it('refuses a second writer with a clear message that offers read-only', async () => {
    t = tempDir();
    const path = t.path('ws.tallybook');
    await threeEvents(path);
    const other = await holdInAnotherProcess(path);
    await expect(Workspace.open(path)).rejects.toMatchObject({
      code: 'locked',
      message: `workspace ${path} is open for writing in another process (PID ${other.pid})`,
      hint: 'close the other Tallybook window or command, or open it read-only (a snapshot as of its last save; on the command line: --read-only)',
    });
    await expect(Workspace.open(path, { create: true })).rejects.toMatchObject({ code: 'locked' });
    // The command line takes the same offer.
    expect(await cli('sql', '-w', path, '--format', 'json', 'SELECT count(*) AS n FROM events')).toMatchObject({ code: 2, err: expect.stringMatching(/is open for writing in another process/) });
    const readOnly = await cli('sql', '-w', path, '--read-only', '--format', 'json', 'SELECT count(*) AS n FROM events');
    expect(readOnly).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(readOnly.out)).toEqual([{ n: 3 }]);
  });

  it('opens read-only as a snapshot of the last checkpoint, without the other process\'s WAL, and cleans it up', async () => {
    t = tempDir();
    const path = t.path('ws.tallybook');
    await threeEvents(path);
    await holdInAnotherProcess(path);
    expect(existsSync(`${path}.wal`)).toBe(true);

    const ws = await Workspace.open(path, { readOnly: true });
    expect(ws.snapshot).toBe(true);
    expect(ws.path).toBe(path);
    expect(ws.db.path).not.toBe(path);
    expect(existsSync(`${ws.db.path}.wal`)).toBe(false);
    expect((await ws.dataset('events')).rowCount).toBe(3);
    await expect(ws.setValue('x', 1)).rejects.toMatchObject({ code: 'read_only' });
    const copy = ws.db.path;
    ws.closeSync();
    expect(existsSync(copy)).toBe(false);
  });

  it('lets the service offer the same: locked, then a read-only snapshot, then writing once the other process is gone', async () => {
    t = tempDir();
    const path = t.path('ws.tallybook');
    await threeEvents(path);
    const other = await holdInAnotherProcess(path);
    const service = createService(null);
    try {
      await expect(service.openWorkspace({ path })).rejects.toMatchObject({ code: 'locked' });
      expect(await service.workspace()).toBeNull();

      expect(await service.openWorkspace({ path, readOnly: true })).toEqual({ path, name: 'ws.tallybook (snapshot)', readOnly: true });
      expect((await service.datasets()).map((d) => [d.name, d.rowCount])).toEqual([['events', 3]]);
      // Still locked: asking to write keeps the snapshot open.
      await expect(service.openWorkspace({ path })).rejects.toMatchObject({ code: 'locked' });
      expect(await service.workspace()).toEqual({ path, name: 'ws.tallybook (snapshot)', readOnly: true });

      other.kill('SIGKILL');
      await once(other, 'exit');
      // The other process died without a checkpoint: its 2 events replay from its WAL.
      expect(await service.openWorkspace({ path })).toEqual({ path, name: 'ws.tallybook', readOnly: false });
      expect((await service.datasets()).map((d) => [d.name, d.rowCount])).toEqual([['events', 5]]);
    } finally {
      service.closeSync();
    }
  });
});

describe('a workspace open in this process', () => {
  it('is not opened by a second writer or a reader beside the writer', async () => {
    t = tempDir();
    const path = t.path('ws.tallybook');
    await threeEvents(path);
    const ws = await Workspace.open(path);
    await expect(Workspace.open(path)).rejects.toMatchObject({ code: 'locked', message: `workspace ${path} is already open in this Tallybook` });
    await expect(Workspace.open(path, { readOnly: true })).rejects.toMatchObject({ code: 'locked' });
    ws.closeSync();
    const again = await Workspace.open(path);
    expect((await again.dataset('events')).rowCount).toBe(3);
    again.closeSync();
  });
});
