/** The engine's DuckDB settings: bounded memory, spills beside the workspace, no extension loading, progress tracked. */
import { afterEach, describe, expect, it } from 'vitest';
import { Db, memoryLimit } from '../../src-main/core/db';
import { tempDir, type TempDir } from '../helpers/workspace';

let t: TempDir | null = null;
afterEach(() => {
  t?.cleanup();
  t = null;
});

describe('DuckDB settings', () => {
  it('limits memory to half of the machine, at least 1 GB, unless TALLYBOOK_MEMORY_LIMIT says otherwise', () => {
    expect(memoryLimit(24 * 1024 ** 3, undefined)).toBe('12288MB');
    expect(memoryLimit(2 * 1024 ** 3, undefined)).toBe('1024MB');
    expect(memoryLimit(24 * 1024 ** 3, '3GB')).toBe('3GB');
    expect(memoryLimit(24 * 1024 ** 3, 'lots')).toBe('12288MB');
  });

  it('opens a workspace with that limit, a temp directory beside the file and extension autoloading off', async () => {
    t = tempDir();
    const path = t.path('w.tallybook');
    const db = await Db.open(path);
    try {
      const [row] = await db.rows(
        `SELECT current_setting('memory_limit') AS mem, current_setting('temp_directory') AS tmp, current_setting('autoload_known_extensions') AS autoload`,
      );
      // DuckDB prints the limit in its own units (MiB / GiB).
      const want = Number(memoryLimit().replace('MB', '')) * 1e6;
      const [, num, unit] = /^([\d.]+)\s*(\w+)$/.exec(String(row!.mem))!;
      const bytes = Number(num) * ({ KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4 } as Record<string, number>)[unit!]!;
      expect(Math.abs(bytes - want) / want).toBeLessThan(0.01);
      expect(row!.tmp).toBe(`${path}.tmp`);
      expect(row!.autoload).toBe(false);
      // The running statement's progress is tracked (the import's bar reads it), never printed.
      const [bar] = await db.rows(`SELECT current_setting('enable_progress_bar') AS tracked, current_setting('enable_progress_bar_print') AS printed`);
      expect(bar).toEqual({ tracked: true, printed: false });
      expect(db.progress()).toBe(-1); // nothing running
    } finally {
      db.closeSync();
    }
  });

  it('opens the file afresh on reopen, with the same settings, the data kept and statements queued behind it', async () => {
    t = tempDir();
    const db = await Db.open(t.path('w.tallybook'), { settings: { memory_limit: '1GB' } });
    try {
      await db.run(`CREATE TABLE t AS SELECT range AS n FROM range(1000)`);
      await db.run(`CREATE TEMP TABLE scratch (x INTEGER)`);
      const [reopened, counted] = await Promise.all([db.reopen(), db.value(`SELECT sum(n) FROM t`)]);
      expect(reopened).toBeUndefined();
      expect(Number(counted)).toBe(499_500);
      // A new DuckDB: what lived only in the old one's connection is gone.
      expect(Number(await db.value(`SELECT count(*) FROM duckdb_tables() WHERE table_name = 'scratch'`))).toBe(0);
      const [row] = await db.rows(
        `SELECT current_setting('memory_limit') AS mem, current_setting('TimeZone') AS tz, current_setting('enable_progress_bar') AS tracked`,
      );
      expect(row).toEqual({ mem: '953.6 MiB', tz: 'UTC', tracked: true });
      await expect(db.run(`SET memory_limit = '2GB'`)).rejects.toThrow(/locked/);
    } finally {
      db.closeSync();
    }
  });
});
