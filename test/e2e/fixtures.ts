/**
 * The browser-mode app for end-to-end tests. A worker-scoped `app` fixture creates a temporary
 * workspace, lets the spec fill it (`test.use({ seed })`, typically with `cli(['import', …])`),
 * starts `tallybook serve` on a free port with HOME pointing into the temp folder (so recent
 * workspaces and uploads stay there), and stops it afterwards. `app.url` carries the token.
 */
import { test as base, expect } from '@playwright/test';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'tallybook.js');

export interface SeedContext {
  /** The workspace file the server will open. */
  readonly workspace: string;
  /** A temp folder for the spec's files. */
  readonly dir: string;
  /** Runs the tallybook CLI; resolves to stdout, rejects with stderr. */
  cli(args: readonly string[]): Promise<string>;
}

export type Seed = (ctx: SeedContext) => Promise<void>;

export interface App {
  /** http://127.0.0.1:PORT/?token=… */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly workspace: string;
  readonly dir: string;
  cli(args: readonly string[]): Promise<string>;
}

/** Where specs keep screenshots of every screen (looked at by people, kept as artifacts). */
export const SCREENS_DIR = join(ROOT, 'test-results', 'screens');
mkdirSync(SCREENS_DIR, { recursive: true });

async function cliIn(home: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, HOME: home }, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`tallybook ${args.join(' ')} failed: ${err.stderr || err.message}`, { cause: e });
  }
}

function startServe(home: string, workspace: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '-w', workspace], { cwd: ROOT, env: { ...process.env, HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolveStart, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`tallybook serve did not start: ${out}${err}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(out)?.[0];
      if (url) {
        clearTimeout(timer);
        resolveStart({ child, url });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => void (err += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`tallybook serve exited with ${code}: ${err}`));
    });
  });
}

export const test = base.extend<object, { seed: Seed; app: App }>({
  // Playwright reads a fixture's dependencies from its first parameter's pattern: none here.
  // eslint-disable-next-line no-empty-pattern
  seed: [async ({}, use) => use(async () => undefined), { scope: 'worker', option: true }],
  app: [
    async ({ seed }, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'tallybook-e2e-'));
      const workspace = join(dir, 'ws.tallybook');
      const cli = (args: readonly string[]) => cliIn(dir, args);
      await seed({ workspace, dir, cli });
      const { child, url } = await startServe(dir, workspace);
      const parsed = new URL(url);
      await use({ url, origin: parsed.origin, token: parsed.searchParams.get('token') ?? '', workspace, dir, cli });
      await new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      });
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

export { expect };
