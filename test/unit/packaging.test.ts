/**
 * The desktop packaging, checked without running electron-builder (it needs the Electron zip,
 * which cannot be downloaded here): electron-builder.yml as electron-builder itself loads and
 * validates it, its targets, that `files` ships the built app, that asarUnpack keeps DuckDB's
 * native files (as present in node_modules) out of the asar archive, and that the built main
 * bundle leaves @duckdb/node-api external. Needs `npm run build` first (npm test does it).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const requireFromRoot = createRequire(join(ROOT, 'package.json'));
// electron-builder's own config loader, schema and glob matcher (minimatch), not look-alikes.
const requireFromBuilder = createRequire(requireFromRoot.resolve('app-builder-lib/package.json'));
const { getConfig, validateConfiguration } = requireFromBuilder('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
};
const { DebugLogger } = requireFromBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const { minimatch } = requireFromBuilder('minimatch') as { minimatch(path: string, pattern: string, options?: { dot?: boolean }): boolean };

type FilesEntry = string | { filter?: string | string[] };
interface BuilderConfig {
  appId?: string;
  productName?: string;
  files?: FilesEntry[];
  asar?: boolean;
  asarUnpack?: string | string[];
  icon?: string;
  linux?: { target?: string[] };
  mac?: { target?: string[] };
  win?: { target?: string[] };
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const filesPatterns = (config: BuilderConfig): string[] => (config.files ?? []).flatMap((f) => (typeof f === 'string' ? [f] : list(f.filter)));
const matchesAny = (path: string, patterns: readonly string[]) => patterns.some((p) => minimatch(path, p, { dot: true }));
const posix = (p: string) => p.split(sep).join('/');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

let config: BuilderConfig;
beforeAll(async () => {
  config = await getConfig(ROOT, null, null);
});

describe('electron-builder.yml', () => {
  it('is the configuration electron-builder finds, and passes its schema', async () => {
    expect(existsSync(join(ROOT, 'electron-builder.yml'))).toBe(true);
    expect(config.appId).toBe('app.tallybook.desktop');
    expect(config.productName).toBe('Tallybook');
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('flips the Electron fuses that close Node, debugger and non-asar entry points', () => {
    expect((config as { electronFuses?: unknown }).electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds AppImage and deb on Linux, dmg on macOS, nsis on Windows', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
  });

  it('ships only the built app (main, preload, renderer) and package.json', () => {
    const patterns = filesPatterns(config);
    for (const file of ['out/main/index.js', 'out/main/cli.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/renderer/assets/index.js', 'package.json']) {
      expect(matchesAny(file, patterns), file).toBe(true);
    }
    for (const file of ['src-main/electron/main.ts', 'src-renderer/App.tsx', 'test/unit/packaging.test.ts', 'README.md', '.tmp/demo.tallybook', 'resources/icon.svg']) {
      expect(matchesAny(file, patterns), file).toBe(false);
    }
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
    expect(matchesAny(pkg.main, patterns)).toBe(true);
    expect(pkg.scripts.dist).toBe('electron-vite build && electron-builder');
  });

  it('unpacks every native DuckDB file present in node_modules from the asar archive', () => {
    expect(config.asar).toBe(true);
    const unpack = list(config.asarUnpack);
    const duckdb = dirname(dirname(requireFromRoot.resolve('@duckdb/node-api/package.json')));
    const natives = walk(duckdb).map((f) => posix(relative(ROOT, f))).filter((f) => /\.(node|so|dylib|dll)$/.test(f));
    expect(natives.some((f) => f.endsWith('/duckdb.node'))).toBe(true);
    expect(natives.some((f) => /\/libduckdb\.(so|dylib|dll)$/.test(f))).toBe(true);
    for (const file of natives) expect(matchesAny(file, unpack), file).toBe(true);
    // …and nothing else: the app itself stays packed.
    expect(matchesAny('out/main/index.js', unpack)).toBe(false);
  });

  it('uses a 512 px PNG icon under 100 KB', () => {
    const icon = readFileSync(join(ROOT, config.icon ?? ''));
    expect(icon.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([512, 512]);
    expect(icon.length).toBeLessThan(100 * 1024);
  });
});

describe('the built main bundle', () => {
  const main = join(ROOT, 'out', 'main', 'index.js');

  /** Every file the entry reaches through relative static imports, and every bare specifier they import. */
  function bundleGraph(entry: string): { files: string[]; specifiers: Set<string> } {
    const files: string[] = [];
    const specifiers = new Set<string>();
    const pending = [entry];
    while (pending.length) {
      const file = pending.pop()!;
      if (files.includes(file)) continue;
      files.push(file);
      const code = readFileSync(file, 'utf8');
      for (const [, spec] of code.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']/gm)) {
        if (spec === undefined) continue;
        if (spec.startsWith('.')) pending.push(resolve(dirname(file), spec));
        else specifiers.add(spec);
      }
    }
    return { files, specifiers };
  }

  it('exists (run `npm run build` first)', () => {
    expect(existsSync(main), `${main} is missing: run npm run build`).toBe(true);
  });

  it('imports @duckdb/node-api instead of bundling it, and the import resolves from the package root', () => {
    const { files, specifiers } = bundleGraph(main);
    expect(specifiers).toContain('@duckdb/node-api');
    expect(specifiers).toContain('electron');
    expect(requireFromRoot.resolve('@duckdb/node-api')).toContain(`${sep}node_modules${sep}@duckdb${sep}node-api${sep}`);
    // No copy of DuckDB's JS wrapper or its binding loader ended up inside the bundle.
    for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toMatch(/@duckdb\/node-bindings|duckdb\.node/);
  });
});
