/**
 * The crash loop (issue 6, "atomic imports and crash safety"). A workspace holds one small
 * dataset (the bench generator's 3,000 seed 002 jobs); then, over and over, the real CLI
 * (`node bin/tallybook.js import -w WS -n big FILE`, a separate process) imports a large NDJSON
 * file of seed 004 events and is killed with SIGKILL at a random moment. After every kill the
 * workspace must open (a WAL left behind replays; nothing is reported damaged), hold exactly the
 * datasets it had — `small` with its 3,000 rows, `big` absent or complete with every row — and
 * pass `tallybook check`.
 *
 * Kill moments: half uniform over the whole import (as measured by one uncrashed run), half in
 * its last 45%, where the dataset, history and rollups are written, committed and checkpointed.
 * A `big` that landed whole is reset from the baseline so that every kill hits a real import.
 *
 * TALLYBOOK_CRASH_KILLS (default 20), TALLYBOOK_CRASH_EVENTS (default 500,000),
 * TALLYBOOK_CRASH_SECONDS (time budget of the loop, default 150) and TALLYBOOK_CRASH_SEED (the
 * kill moments; printed, so a failure can be replayed). Needs the built CLI (npm run build).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_ROWS, writeBenchFiles, type BenchFiles } from '../../src-main/core/bench/generate';
import { Db } from '../../src-main/core/db';
import { Workspace } from '../../src-main/core/workspace';
import { seededRandom } from '../helpers/random';
import { tempDir, type TempDir } from '../helpers/workspace';

const KILLS = Number(process.env.TALLYBOOK_CRASH_KILLS ?? '20');
const EVENTS = Number(process.env.TALLYBOOK_CRASH_EVENTS ?? '500000');
const BUDGET_MS = Number(process.env.TALLYBOOK_CRASH_SECONDS ?? '150') * 1000;
const SEED = Number(process.env.TALLYBOOK_CRASH_SEED ?? String(Date.now() % 1_000_000));

const BIN = resolve('bin/tallybook.js');
const CLI_BUILD = resolve('out/main/cli.js');

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly out: string;
  readonly err: string;
}

/** Runs the tallybook CLI; killAfterMs kills it with SIGKILL unless it has exited by then. */
function tallybook(args: readonly string[], killAfterMs?: number): Promise<Exit & { killed: boolean; ms: number }> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => void (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => {
      killed = child.kill('SIGKILL');
    }, killAfterMs);
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, out, err, killed: killed && signal === 'SIGKILL', ms: performance.now() - started });
    });
  });
}

async function datasetRows(path: string): Promise<Record<string, number>> {
  const ws = await Workspace.open(path);
  try {
    return Object.fromEntries((await ws.datasets()).map((d) => [d.name, d.rowCount]));
  } finally {
    ws.closeSync();
  }
}

const walSize = (path: string) => (existsSync(`${path}.wal`) ? statSync(`${path}.wal`).size : 0);

/** The workspace and everything DuckDB keeps beside it. */
function removeWorkspace(path: string): void {
  for (const f of [path, `${path}.wal`, `${path}.tmp`, `${path}.sources.json`]) rmSync(f, { recursive: true, force: true });
}

let t: TempDir;
let files: BenchFiles;
let base: string;
/** One uncrashed import: how long it takes and how many rows a complete `big` has. */
let full: { ms: number; rows: number };

beforeAll(async () => {
  if (!existsSync(CLI_BUILD)) throw new Error('the crash loop runs the built CLI: run `npm run build` first');
  t = tempDir('tallybook-crash-');
  const db = await Db.open(':memory:');
  try {
    files = await writeBenchFiles(db, t.dir, EVENTS);
  } finally {
    db.closeSync();
  }
  base = t.path('base.tallybook');
  const small = await tallybook(['import', '-w', base, '-n', 'small', files.jobs]);
  expect(small.code, small.err).toBe(0);

  const probe = t.path('probe.tallybook');
  copyFileSync(base, probe);
  const run = await tallybook(['import', '-w', probe, '-n', 'big', '--json', files.events]);
  expect(run.code, run.err).toBe(0);
  const summary = JSON.parse(run.out) as { rows_read: number; rows_imported: number; dropped_no_consent: number; duplicates: number; rejected: number };
  // The generator writes EVENTS distinct, valid events; some sessions have no consent.
  expect(summary.rows_read).toBe(EVENTS);
  expect(summary.rows_imported + summary.dropped_no_consent).toBe(EVENTS);
  expect(summary.duplicates + summary.rejected).toBe(0);
  full = { ms: run.ms, rows: summary.rows_imported };
  removeWorkspace(probe);
});

afterAll(() => t?.cleanup());

describe('kill -9 during large imports', () => {
  it('always leaves a workspace that opens with exactly its datasets and passes check', async () => {
    const ws = t.path('ws.tallybook');
    copyFileSync(base, ws);
    const next = seededRandom(SEED);
    const outcomes = { absent: 0, complete: 0, finished: 0, duringWrite: 0 };
    const loopStart = performance.now();
    let kills = 0;
    let importMs = full.ms;
    for (; kills < KILLS && performance.now() - loopStart < BUDGET_MS; kills++) {
      const late = kills % 2 === 1;
      const delay = Math.round(importMs * (late ? 0.55 + 0.45 * next() : 1.1 * next()));
      const sizeBefore = statSync(ws).size + walSize(ws);
      const run = await tallybook(['import', '-w', ws, '-n', 'big', files.events], delay);
      if (!run.killed) {
        expect(run.code, run.err).toBe(0);
        outcomes.finished++;
        // Warm runs are faster than the first: aim later kills at the shortest import seen.
        importMs = Math.min(importMs, run.ms);
      }
      // The file or its WAL grew: the kill came while the dataset was being written or checkpointed.
      if (run.killed && statSync(ws).size + walSize(ws) > sizeBefore) outcomes.duringWrite++;

      const rows = await datasetRows(ws);
      const big = rows.big;
      expect(rows.small, `kill ${kills} after ${delay} ms (seed ${SEED})`).toBe(JOB_ROWS);
      expect(Object.keys(rows).sort()).toEqual(big === undefined ? ['small'] : ['big', 'small']);
      if (big !== undefined) expect(big, `kill ${kills} after ${delay} ms (seed ${SEED})`).toBe(full.rows);
      if (run.killed) outcomes[big === undefined ? 'absent' : 'complete']++;

      const check = await tallybook(['check', '-w', ws]);
      expect(check.code, `${check.out}${check.err}`).toBe(0);
      expect(check.out).toMatch(/^OK: /m);

      if (big !== undefined) {
        removeWorkspace(ws);
        copyFileSync(base, ws);
      }
    }
    console.log(
      `crash loop: ${kills} runs of a ${EVENTS.toLocaleString('en')}-event import (${(full.ms / 1000).toFixed(1)} s uncrashed), seed ${SEED}: ` +
        `killed with big absent ${outcomes.absent}, killed with big complete ${outcomes.complete}, finished before the kill ${outcomes.finished}; ` +
        `${outcomes.duringWrite} kills came after the writing had begun; ` +
        `${((performance.now() - loopStart) / 1000).toFixed(0)} s`,
    );
    expect(kills).toBeGreaterThanOrEqual(Math.min(KILLS, 3));
  });
});
