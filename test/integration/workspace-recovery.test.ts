/**
 * Recovery (issue 6): a workspace whose WAL cannot be replayed or whose file is damaged is never
 * opened blindly. The files are moved aside byte for byte (never deleted), the error says what
 * happened and offers `tallybook rebuild`; a healthy WAL left by a crash still just replays.
 */
import { createHash } from 'node:crypto';
import { existsSync, openSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src-shared/errors';
import { Workspace } from '../../src-main/core/workspace';
import { makeDataset, tempDir, type TempDir } from '../helpers/workspace';

let t: TempDir;
afterEach(() => t?.cleanup());

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Overwrites n bytes at offset with 0xAB, as a bad sector or a torn copy would. */
function garble(path: string, offset: number, n: number): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, Buffer.alloc(n, 0xab), 0, n, offset);
  } finally {
    closeSync(fd);
  }
}

/**
 * A workspace with a 20,000-row `events` dataset checkpointed into the file, and `extra` rows
 * written after the checkpoint and left in the WAL (the process "dies" without checkpointing).
 */
async function workspaceWithWal(path: string, extra: number): Promise<void> {
  const ws = await Workspace.open(path, { create: true });
  await makeDataset(ws, 'events', 'events', `SELECT 'e' || range AS event_id, md5(range::VARCHAR) AS event_name, TIMESTAMPTZ '2026-01-01 00:00:00+00' AS occurred_at FROM range(20000)`, 'occurred_at');
  await ws.db.run('CHECKPOINT');
  await ws.db.run('PRAGMA disable_checkpoint_on_shutdown');
  await ws.db.run(`INSERT INTO events SELECT 'x' || range, md5(range::VARCHAR), TIMESTAMPTZ '2026-01-02 00:00:00+00' FROM range(${extra})`);
  ws.closeSync();
}

/** The files beside the workspace whose names start with its name, sorted. */
const siblings = (t: TempDir, name: string) => readdirSync(t.dir).filter((n) => n.startsWith(name)).sort();

async function openError(path: string, opts: { readOnly?: boolean } = {}): Promise<UserError> {
  const e: unknown = await Workspace.open(path, opts).then(
    (ws) => {
      ws.closeSync();
      return null;
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(UserError);
  return e as UserError;
}

describe('recovery of damaged workspaces', () => {
  it('replays the WAL a crash left behind: that is not damage', async () => {
    t = tempDir();
    const path = t.path('ws.tallybook');
    await workspaceWithWal(path, 300);
    expect(existsSync(`${path}.wal`)).toBe(true);
    const ws = await Workspace.open(path);
    expect((await ws.dataset('events')).rowCount).toBe(20_300);
    ws.closeSync();
    expect(siblings(t, 'ws.tallybook').filter((n) => n.includes('damaged'))).toEqual([]);
  });

  it('moves a workspace whose WAL cannot be replayed aside with its WAL, unchanged, and offers a rebuild', async () => {
    t = tempDir();
    const path = t.path('ws.tallybook');
    await workspaceWithWal(path, 20_000);
    const walSize = statSync(`${path}.wal`).size;
    garble(`${path}.wal`, Math.floor(walSize / 2), 4096);
    const before = { file: sha(path), wal: sha(`${path}.wal`) };

    const e = await openError(path);
    expect(e.code).toBe('damaged');
    expect(e.message).toMatch(/is damaged \(.*WAL.*\); it was moved aside to ws\.tallybook\.damaged-.* \(and its WAL to ws\.tallybook\.damaged-.*\.wal\), nothing was deleted/);
    expect(e.hint).toBe(`rebuild it from its source files: tallybook rebuild -w ${path}`);

    const names = siblings(t, 'ws.tallybook');
    expect(names).toHaveLength(2);
    const [aside, asideWal] = names as [string, string];
    expect(aside).toMatch(/^ws\.tallybook\.damaged-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
    expect(asideWal).toBe(`${aside}.wal`);
    expect(e.detail).toBe(`tallybook rebuild -w ${path} --from ${t.path(aside)}`);
    expect({ file: sha(t.path(aside)), wal: sha(t.path(asideWal)) }).toEqual(before);

    // The name is free again: a new workspace starts empty, nothing of the old WAL replayed into it.
    const fresh = await Workspace.open(path, { create: true });
    expect(await fresh.datasetNames()).toEqual([]);
    fresh.closeSync();
  });

  it('moves a truncated workspace file aside', async () => {
    t = tempDir();
    const path = t.path('ws.tallybook');
    await workspaceWithWal(path, 0);
    const size = statSync(path).size;
    truncateSync(path, Math.floor(size / 3));
    const before = sha(path);

    const e = await openError(path);
    expect(e.code).toBe('damaged');
    expect(e.message).toMatch(/Could not read enough bytes/);
    expect(existsSync(path)).toBe(false);
    const [aside, ...rest] = siblings(t, 'ws.tallybook');
    expect(rest).toEqual([]);
    expect(sha(t.path(aside!))).toBe(before);
  });

  it('moves a workspace with a garbled header aside', async () => {
    t = tempDir();
    const path = t.path('ws.tallybook');
    await workspaceWithWal(path, 0);
    garble(path, 0, 64);
    const e = await openError(path);
    expect(e.code).toBe('damaged');
    expect(e.message).toMatch(/is damaged \(the file has no DuckDB header\)/);
    expect(siblings(t, 'ws.tallybook')).toHaveLength(1);
    expect(existsSync(path)).toBe(false);
  });

  it('moves nothing when the damaged workspace is opened read-only', async () => {
    t = tempDir();
    const path = t.path('ws.tallybook');
    await workspaceWithWal(path, 0);
    garble(path, 0, 64);
    const e = await openError(path, { readOnly: true });
    expect(e.code).toBe('damaged');
    expect(e.hint).toMatch(/open it without --read-only to move it aside, then rebuild it from its sources: tallybook rebuild -w /);
    expect(siblings(t, 'ws.tallybook')).toEqual(['ws.tallybook']);
  });

  it('never moves a file that was not a workspace: it is only reported unreadable', async () => {
    t = tempDir();
    const path = t.path('events.csv');
    writeFileSync(path, 'a,b\n1,2\n');
    const e = await openError(path);
    expect(e.code).toBe('unreadable_file');
    expect(readFileSync(path, 'utf8')).toBe('a,b\n1,2\n');
    expect(readdirSync(t.dir)).toEqual(['events.csv']);
  });
});
