/**
 * `tallybook rebuild` (issue 6): a damaged workspace is rebuilt from its recorded source files,
 * every import again in order with its options; sources that changed or vanished are listed and
 * left out. The history comes from WS.sources.json (written after every import through the
 * service) or, without it, from the damaged file's own catalog.
 */
import { appendFileSync, closeSync, existsSync, openSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportRequest } from '../../src-shared/datasets';
import { cli } from '../helpers/cli';
import { importFiles } from '../../src-main/core/import/importer';
import { readSourcesRecord, sidecarPath } from '../../src-main/core/recovery/sources-record';
import { createService } from '../../src-main/core/service';
import { Workspace } from '../../src-main/core/workspace';
import { tempDir, type TempDir } from '../helpers/workspace';

let t: TempDir;
afterEach(() => t?.cleanup());


const ev = (id: string, at: string, consent = true) =>
  JSON.stringify({ event_id: id, event_name: 'commerce.view', occurred_at: at, session_id: 's1', user_id: 'u1', attributes: {}, context: { consent: { analytics: consent } } });

interface Sources {
  /** e1, e2, e3, e1 again: 3 events imported, 1 duplicate. */
  readonly eventsA: string;
  /** j1, j2, j3: 3 jobs. */
  readonly jobs: string;
  /** e3 again and e4 without consent: with --keep-no-consent, 1 more event. */
  readonly eventsB: string;
}

function writeSources(t: TempDir): Sources {
  const s = { eventsA: t.path('events-a.ndjson'), jobs: t.path('jobs.csv'), eventsB: t.path('events-b.ndjson') };
  writeFileSync(s.eventsA, [ev('e1', '2026-01-01T00:00:00Z'), ev('e2', '2026-01-01T01:00:00Z'), ev('e3', '2026-01-02T00:00:00Z'), ev('e1', '2026-01-01T00:00:00Z')].join('\n'));
  writeFileSync(s.jobs, ['Job ID,Created At,Status,Actual Cost', 'j1,2026-01-01T00:00:00Z,delivered,0.5', 'j2,2026-01-02T00:00:00Z,blocked,0.1', 'j3,2026-01-03T00:00:00Z,delivered,0.2'].join('\n'));
  writeFileSync(s.eventsB, [ev('e3', '2026-01-02T00:00:00Z'), ev('e4', '2026-01-03T00:00:00Z', false)].join('\n'));
  return s;
}

const requests = (s: Sources): ImportRequest[] => [
  { dataset: 'events', paths: [s.eventsA] },
  { dataset: 'jobs', paths: [s.jobs], kind: 'jobs' },
  { dataset: 'events', paths: [s.eventsB], keepNoConsent: true },
];

async function rowCounts(path: string): Promise<Record<string, number>> {
  const ws = await Workspace.open(path);
  try {
    return Object.fromEntries((await ws.datasets()).map((d) => [d.name, d.rowCount]));
  } finally {
    ws.closeSync();
  }
}

/** Overwrites the file's first 64 bytes: DuckDB can no longer read it. */
function garbleHeader(path: string): void {
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(64, 0xab), 0, 64, 0);
  closeSync(fd);
}

async function damagedOnOpen(path: string): Promise<void> {
  await expect(Workspace.open(path)).rejects.toMatchObject({ code: 'damaged' });
  expect(existsSync(path)).toBe(false);
}

/** Three imports through the service (which writes WS.sources.json after each), then a damaged file. */
async function importedThenDamaged(path: string, s: Sources): Promise<void> {
  const service = createService(await Workspace.open(path, { create: true }));
  for (const req of requests(s)) await service.importFiles(req);
  service.closeSync();
  expect(await rowCounts(path)).toEqual({ events: 4, jobs: 3 });
  garbleHeader(path);
  await damagedOnOpen(path);
}

describe('tallybook rebuild', () => {
  it('records every import beside the workspace, with its files and options', async () => {
    t = tempDir();
    const s = writeSources(t);
    const path = t.path('ws.tallybook');
    const service = createService(await Workspace.open(path, { create: true }));
    for (const req of requests(s)) await service.importFiles(req);
    service.closeSync();
    const record = readSourcesRecord(sidecarPath(path));
    expect(record?.imports.map((i) => [i.import_id, i.dataset, i.kind, i.keepNoConsent, i.files.map((f) => [f.path, f.size])])).toEqual([
      [1, 'events', 'events', false, [[s.eventsA, statSync(s.eventsA).size]]],
      [2, 'jobs', 'jobs', false, [[s.jobs, statSync(s.jobs).size]]],
      [3, 'events', 'events', true, [[s.eventsB, statSync(s.eventsB).size]]],
    ]);
    expect(record?.imports[0]?.files[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rebuilds a damaged workspace from its sources: the same datasets with the same rows', async () => {
    t = tempDir();
    const s = writeSources(t);
    const path = t.path('ws.tallybook');
    await importedThenDamaged(path, s);

    const r = await cli('rebuild', '-w', path);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Rebuilt .*ws\.tallybook from 3 imports recorded in .*ws\.tallybook\.damaged-.*\.sources\.json \(sources record\):/);
    expect(r.out).toContain('Complete: every recorded source was imported again.');
    // e1, e2, e3 from the first file; e4 (no consent) kept because that import said so.
    expect(await rowCounts(path)).toEqual({ events: 4, jobs: 3 });
    expect(readSourcesRecord(sidecarPath(path))?.imports).toHaveLength(3);
    // The damaged file and its record are still there; the scratch file is gone.
    const names = readdirSync(t.dir).filter((n) => n.startsWith('ws.tallybook')).sort();
    expect(names).toEqual(['ws.tallybook', expect.stringMatching(/^ws\.tallybook\.damaged-[^.]+$/), expect.stringMatching(/^ws\.tallybook\.damaged-.*\.sources\.json$/), 'ws.tallybook.sources.json', expect.stringMatching(/^ws\.tallybook\.sources\.json\.replaced-/)]);
  });

  it('lists sources that changed or vanished, leaves them out and exits 1', async () => {
    t = tempDir();
    const s = writeSources(t);
    const path = t.path('ws.tallybook');
    await importedThenDamaged(path, s);
    appendFileSync(s.jobs, '\nj4,2026-01-04T00:00:00Z,delivered,0.9');
    rmSync(s.eventsB);

    const r = await cli('rebuild', '-w', path, '--json');
    expect(r.code).toBe(1);
    const result = JSON.parse(r.out) as { complete: boolean; skipped: { dataset: string; path: string; reason: string }[]; imports: { dataset: string; files_imported: number; rows_imported: number }[] };
    expect(result.complete).toBe(false);
    expect(result.skipped.map((x) => [x.reason, x.path, x.dataset])).toEqual([
      ['changed', s.jobs, 'jobs'],
      ['missing', s.eventsB, 'events'],
    ]);
    expect(result.imports.map((i) => [i.dataset, i.files_imported, i.rows_imported])).toEqual([
      ['events', 1, 3],
      ['jobs', 0, 0],
      ['events', 0, 0],
    ]);
    expect(await rowCounts(path)).toEqual({ events: 3 });

    rmSync(path);
    const text = await cli('rebuild', '-w', path);
    expect(text.code).toBe(1);
    expect(text.out).toContain(`  changed    ${s.jobs}  (dataset jobs)\n  missing    ${s.eventsB}  (dataset events)\n`);
  });

  it('rebuilds from the damaged file\'s own catalog when there is no sources record', async () => {
    t = tempDir();
    const s = writeSources(t);
    const path = t.path('ws.tallybook');
    const ws = await Workspace.open(path, { create: true });
    for (const req of requests(s)) await importFiles(ws, req);
    // Later writes stay in the WAL, which then gets damaged: the file alone still has every import.
    await ws.db.run('PRAGMA disable_checkpoint_on_shutdown');
    await ws.db.run(`CREATE TABLE scratch AS SELECT md5(range::VARCHAR) AS v FROM range(20000)`);
    ws.closeSync();
    expect(existsSync(sidecarPath(path))).toBe(false);
    const wal = `${path}.wal`;
    const fd = openSync(wal, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0xab), 0, 4096, Math.floor(statSync(wal).size / 2));
    closeSync(fd);
    await damagedOnOpen(path);
    const damaged = readdirSync(t.dir).find((n) => /^ws\.tallybook\.damaged-[^.]+$/.test(n))!;

    const r = await cli('rebuild', '-w', path, '--from', t.path(damaged));
    expect(r.code).toBe(0);
    expect(r.out).toContain(`from 3 imports recorded in ${t.path(damaged)} (catalog):`);
    expect(await rowCounts(path)).toEqual({ events: 4, jobs: 3 });
  });

  it('never replaces an existing workspace', async () => {
    t = tempDir();
    const path = t.path('ws.tallybook');
    (await Workspace.open(path, { create: true })).closeSync();
    const r = await cli('rebuild', '-w', path);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`tallybook rebuild: workspace ${path} exists; a rebuild writes a new one and never replaces a file — name a new file with -w, or move the existing one away first\n`);
  });
});
