/**
 * `npm ci` refuses a lock file that lacks any optional dependency of a locked package. The
 * registry mirror of our build machines serves only DuckDB's linux-x64 bindings, so a lock file
 * regenerated there silently drops the other platforms and `npm ci` then fails everywhere. The
 * lock keeps an entry (version, os, cpu) for every platform binding; this test guards it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface LockEntry {
  version: string;
  optional?: boolean;
  optionalDependencies?: Record<string, string>;
}

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockEntry> };

describe('package-lock.json', () => {
  it("lists every platform binding of @duckdb/node-bindings, so that npm ci accepts it", () => {
    const bindings = lock.packages['node_modules/@duckdb/node-bindings'];
    const wanted = Object.entries(bindings?.optionalDependencies ?? {});
    expect(wanted.length).toBeGreaterThanOrEqual(6);
    for (const [name, version] of wanted) {
      const entry = lock.packages[`node_modules/${name}`];
      expect(entry, `${name} is missing from package-lock.json: restore its entry (version, os, cpu, optional)`).toBeDefined();
      expect(entry).toMatchObject({ version, optional: true });
    }
  });
});
