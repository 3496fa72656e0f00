/**
 * The worst files a user can feed the importer. Each ends in either an import whose rows are all
 * accounted for (read = imported + duplicates + rejected + dropped) or one UserError naming the
 * file and saying what to do — never another exception, a hang, or a change to the data the
 * workspace already held (a fingerprint of the `keep` dataset, its cubes and the catalog).
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src-main/core/import/importer';
import { createService } from '../../src-main/core/service';
import { Workspace } from '../../src-main/core/workspace';
import { UserError } from '../../src-shared/errors';
import type { ImportSummary } from '../../src-shared/datasets';
import { tempDir, tempWorkspace, type TempDir } from '../helpers/workspace';

let t: TempDir;
let ws: Workspace;
let n = 0;

const event = (id: string, extra: Record<string, unknown> = {}) => JSON.stringify({ event_id: id, event_name: 'view', occurred_at: '2026-01-01T00:00:00Z', ...extra });
const lines = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => event(`${prefix}${i}`)).join('\n') + '\n';

/** Everything the workspace held before: the `keep` dataset, the catalog's history and the cubes. */
async function fingerprint(w: Workspace): Promise<string> {
  const rows = await w.db.rows(`SELECT
      (SELECT count(*) || ':' || coalesce(sum(hash(event_id, occurred_at)), 0) FROM keep) AS keep,
      (SELECT count(*) FROM tallybook.imports WHERE dataset = 'keep') AS imports,
      (SELECT coalesce(sum(hash(hour, event_name, n)), 0) FROM tallybook.event_hours WHERE dataset = 'keep') AS cubes`);
  return JSON.stringify(rows[0], (_, v) => (typeof v === 'bigint' ? String(v) : v));
}

type Outcome = { kind: 'imported'; summary: ImportSummary } | { kind: 'refused'; error: UserError };

/** Imports into a fresh dataset; any error that is not a UserError fails the test. */
async function attempt(paths: string[]): Promise<Outcome> {
  const before = await fingerprint(ws);
  let outcome: Outcome;
  try {
    outcome = { kind: 'imported', summary: await importFiles(ws, { dataset: `x${++n}`, paths }) };
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    outcome = { kind: 'refused', error: e };
  }
  expect(await fingerprint(ws)).toBe(before);
  if (outcome.kind === 'imported') {
    const s = outcome.summary;
    expect(s.rows_read).toBe(s.rows_imported + s.duplicates + s.rejected + s.dropped_no_consent);
  } else {
    expect(outcome.error.message.length).toBeGreaterThan(10);
    expect(outcome.error.hint ?? '').not.toBe('');
    expect(outcome.error.message).not.toMatch(/\n|\bat \w+ \(/);
  }
  return outcome;
}

const imported = (o: Outcome): ImportSummary => {
  if (o.kind !== 'imported') throw new Error(`expected an import, got: ${o.error.message}`);
  return o.summary;
};
const refused = (o: Outcome): UserError => {
  if (o.kind !== 'refused') throw new Error(`expected a refusal, got an import of ${o.summary.rows_imported} rows`);
  return o.error;
};

beforeAll(async () => {
  t = tempDir();
  ws = await tempWorkspace(t);
  writeFileSync(t.path('keep.ndjson'), lines(50, 'k'));
  await importFiles(ws, { dataset: 'keep', paths: [t.path('keep.ndjson')] });
});
afterAll(() => {
  ws.closeSync();
  t.cleanup();
});

/** Pseudo-random bytes (deterministic). */
function garbage(size: number, seed: number): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i++) b[i] = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16;
  return b;
}

describe('empty, binary and broken files', () => {
  it.each(['empty.ndjson', 'empty.csv', 'empty.json'])('refuses %s as empty', async (name) => {
    writeFileSync(t.path(name), '');
    expect(refused(await attempt([t.path(name)])).message).toContain(name);
  });

  it('refuses binary garbage named .ndjson, naming the line and saying it is binary', async () => {
    writeFileSync(t.path('garbage.ndjson'), garbage(5000, 7));
    expect(refused(await attempt([t.path('garbage.ndjson')])).message).toMatch(/garbage\.ndjson line 1 holds binary data/);
  });

  it('refuses binary garbage named .csv', async () => {
    writeFileSync(t.path('garbage.csv'), garbage(5000, 9));
    expect(refused(await attempt([t.path('garbage.csv')])).message).toContain('garbage.csv');
  });

  it('refuses a truncated gzip and a corrupt one, and reads a whole one', async () => {
    const gz = gzipSync(lines(200, 'g'));
    writeFileSync(t.path('whole.ndjson.gz'), gz);
    writeFileSync(t.path('cut.ndjson.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
    writeFileSync(t.path('bad.ndjson.gz'), garbage(3000, 3));
    expect(imported(await attempt([t.path('whole.ndjson.gz')])).rows_imported).toBe(200);
    expect(refused(await attempt([t.path('cut.ndjson.gz')])).message).toContain('cut.ndjson.gz');
    expect(refused(await attempt([t.path('bad.ndjson.gz')])).message).toContain('bad.ndjson.gz');
  });
});

describe('encodings and line endings', () => {
  it('reads NDJSON and CSV with a byte order mark and CRLF line ends', async () => {
    writeFileSync(t.path('bom.ndjson'), '\uFEFF' + [event('a'), event('b')].join('\r\n') + '\r\n');
    writeFileSync(t.path('bom.csv'), '\uFEFFid,name\r\n1,café\r\n2,x\r\n');
    expect(imported(await attempt([t.path('bom.ndjson')])).rows_imported).toBe(2);
    const csv = imported(await attempt([t.path('bom.csv')]));
    expect(csv.rows_imported).toBe(2);
    expect(await ws.db.rows(`SELECT name FROM x${n} ORDER BY id`)).toEqual([{ name: 'café' }, { name: 'x' }]);
  });

  it('reads a Latin-1 CSV as Latin-1', async () => {
    writeFileSync(t.path('latin1.csv'), Buffer.from('id,name\n1,caf\xe9\n2,na\xefve\n', 'latin1'));
    expect(imported(await attempt([t.path('latin1.csv')])).rows_imported).toBe(2);
    expect(await ws.db.rows(`SELECT name FROM x${n} ORDER BY id`)).toEqual([{ name: 'café' }, { name: 'naïve' }]);
  });

  it('rejects an NDJSON line that is not UTF-8, naming its line, and keeps the others', async () => {
    writeFileSync(t.path('bad-utf8.ndjson'), Buffer.concat([Buffer.from(event('a') + '\n'), Buffer.from('{"event_id":"b","event_name":"v\xff\xfe","occurred_at":"2026-01-01T00:00:00Z"}\n', 'latin1'), Buffer.from(event('c') + '\n')]));
    const s = imported(await attempt([t.path('bad-utf8.ndjson')]));
    expect([s.rows_imported, s.rejected]).toEqual([2, 1]);
    expect(await ws.db.rows(`SELECT line, reason FROM tallybook.rejects WHERE dataset = 'x${n}'`)).toEqual([{ line: 2, reason: 'malformed_row' }]);
  });
});

describe('shapes', () => {
  it('reads a line over 2 MB', async () => {
    writeFileSync(t.path('long.ndjson'), [event('big', { attributes: { blob: 'x'.repeat(3_000_000) } }), event('small')].join('\n'));
    expect(imported(await attempt([t.path('long.ndjson')])).rows_imported).toBe(2);
  });

  it('reads a JSON array named .ndjson and NDJSON named .json', async () => {
    writeFileSync(t.path('array.ndjson'), JSON.stringify([JSON.parse(event('a')), JSON.parse(event('b'))]));
    writeFileSync(t.path('lines.json'), lines(3, 'l'));
    expect(imported(await attempt([t.path('array.ndjson')])).rows_imported).toBe(2);
    expect(imported(await attempt([t.path('lines.json')])).rows_imported).toBe(3);
  });

  it('reads an object nested 2,000 deep and one of 20,000 keys', async () => {
    const deep = '{"a":'.repeat(2000) + '1' + '}'.repeat(2000);
    const wide = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i]));
    writeFileSync(t.path('nested.ndjson'), `{"event_id":"deep","event_name":"v","occurred_at":"2026-01-01T00:00:00Z","attributes":${deep}}\n${event('wide', { attributes: wide })}\n`);
    expect(imported(await attempt([t.path('nested.ndjson')])).rows_imported).toBe(2);
  });

  it('reads a CSV of 1,000 columns, and refuses one of 5,000 saying how many it holds', async () => {
    const csv = (cols: number) => [Array.from({ length: cols }, (_, i) => `c${i}`).join(','), ...[1, 2].map((r) => Array.from({ length: cols }, (_, i) => String(r * i)).join(','))].join('\n');
    writeFileSync(t.path('cols1000.csv'), csv(1000));
    writeFileSync(t.path('cols5000.csv'), csv(5000));
    expect(imported(await attempt([t.path('cols1000.csv')])).rows_imported).toBe(2);
    expect(refused(await attempt([t.path('cols5000.csv')])).message).toBe('cols5000.csv has 5,000 columns; a dataset holds at most 2,000');
  }, 60_000);

  it('reads duplicate, empty and odd header names (quotes, newlines, unicode, SQL keywords)', async () => {
    writeFileSync(t.path('heads.csv'), 'a,a,,select,"we""ird","line\nbreak",ünï\n1,2,3,4,5,6,7\n');
    const s = imported(await attempt([t.path('heads.csv')]));
    expect(s.rows_imported).toBe(1);
    const cols = (await ws.columns(`x${n}`)).map((c) => c.name);
    expect(cols).toHaveLength(7);
    expect(new Set(cols.map((c) => c.toLowerCase())).size).toBe(7);
    expect(cols).toEqual(expect.arrayContaining(['select', 'we"ird', 'line\nbreak', 'ünï']));
  });

  it('reads a file whose path has spaces and quotes', async () => {
    mkdirSync(t.path(`a dir with 'quotes' and "more"`), { recursive: true });
    const path = t.path(`a dir with 'quotes' and "more"/my "weird" file's.ndjson`);
    writeFileSync(path, lines(5, 'q'));
    expect(imported(await attempt([path])).rows_imported).toBe(5);
  });
});

describe('many files and files that change', () => {
  it('reads a directory of 10,000 small files, every row accounted for, each reject at its own file and line', async () => {
    const dir = t.path('many');
    mkdirSync(dir);
    for (let i = 0; i < 10_000; i++) writeFileSync(`${dir}/f${String(i).padStart(5, '0')}.ndjson`, lines(2, `m${i}-`));
    // f00005: a blank line 2 and a cut-off line 3; f00007: a line that is not UTF-8 (its batch
    // is then staged file by file, which places it exactly).
    writeFileSync(`${dir}/f00005.ndjson`, `${event('m5-0')}\n\n{"event_id":"m5-1",\n${event('m5-2')}\n`);
    writeFileSync(`${dir}/f00007.ndjson`, Buffer.concat([Buffer.from(`${event('m7-0')}\n`), Buffer.from('{"event_id":"m7-1","event_name":"\xff"}\n', 'latin1')]));
    const s = imported(await attempt([dir]));
    // 9,998 files of 2 rows, f00005 of 3 (its blank line is not a row), f00007 of 2.
    expect([s.files.length, s.rows_read, s.rows_imported, s.rejected]).toEqual([10_000, 20_001, 19_999, 2]);
    const rejects = await ws.db.rows(`SELECT file, line, reason FROM tallybook.rejects WHERE dataset = 'x${n}' ORDER BY file`);
    expect(rejects.map((r) => [basename(String(r.file)), r.line, r.reason])).toEqual([
      ['f00005.ndjson', 3, 'malformed_row'],
      ['f00007.ndjson', 2, 'malformed_row'],
    ]);
  }, 180_000);

  it('survives a file deleted while it is imported: imported whole, or refused clearly', async () => {
    const path = t.path('vanishing.ndjson');
    writeFileSync(path, lines(200_000, 'v'));
    setTimeout(() => unlinkSync(path), 30);
    const o = await attempt([path]);
    if (o.kind === 'imported') expect(o.summary.rows_imported).toBe(200_000);
    else expect(o.error.message).toContain('vanishing.ndjson');
  }, 60_000);

  it('survives a file growing while it is imported: rows read are rows accounted for', async () => {
    const path = t.path('growing.ndjson');
    writeFileSync(path, lines(100_000, 'w'));
    const timer = setInterval(() => appendFileSync(path, lines(1000, `w${Date.now()}-`)), 5);
    try {
      const s = imported(await attempt([path]));
      expect(s.rows_imported).toBeGreaterThanOrEqual(100_000);
    } finally {
      clearInterval(timer);
    }
  }, 60_000);
});

describe('a full disk', () => {
  const mount = `/tmp/tallybook-full-${process.pid}`;
  let mounted = false;
  beforeAll(() => {
    try {
      mkdirSync(mount, { recursive: true });
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', mount], { stdio: 'ignore' });
      mounted = true;
    } catch {
      mounted = false; // not root, or no mount allowed here: nothing to test
    }
  });
  afterAll(() => {
    if (mounted) execFileSync('umount', [mount], { stdio: 'ignore' });
    rmSync(mount, { recursive: true, force: true });
  });

  it('refuses an import that does not fit, says the disk is full, and reopens the workspace as it was', async (ctx) => {
    if (!mounted) ctx.skip();
    const service = createService(await Workspace.open(`${mount}/ws.tallybook`, { create: true }), { emit: () => undefined });
    try {
      writeFileSync(t.path('fits.ndjson'), lines(100, 'f'));
      await service.importFiles({ dataset: 'keep', paths: [t.path('fits.ndjson')] });
      writeFileSync(t.path('huge.ndjson'), Array.from({ length: 300_000 }, (_, i) => event(`h${i}`, { attributes: { pad: `${i}`.repeat(12) } })).join('\n'));
      const e = await service.importFiles({ dataset: 'huge', paths: [t.path('huge.ndjson')] }).then(
        () => null,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(UserError);
      expect(e).toMatchObject({ code: 'disk_full', message: 'the disk holding ws.tallybook is full: Tallybook stopped writing to it, and what it held before is kept' });
      // The service went on with the workspace reopened: the dataset it held is there, whole.
      expect((await service.datasets()).map((d) => [d.name, d.rowCount])).toEqual([['keep', 100]]);
      expect((await service.check({})).ok).toBe(true);
    } finally {
      service.closeSync();
    }
  }, 60_000);
});
