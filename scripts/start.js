#!/usr/bin/env node
// npm start: the desktop app when the Electron runtime is installed (node_modules/electron/path.txt);
// otherwise — offline, where it cannot be downloaded — one line saying so, then the same app in the
// browser mode. Both open the demo workspace .tmp/demo.tallybook, created on first use (Electron
// gets it through TALLYBOOK_WORKSPACE). Builds only when out/ is missing. Exits with the code of
// the first command that fails, else of the last one.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const electronVite = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
const tallybook = join(root, 'bin', 'tallybook.js');
const demoWorkspace = join('.tmp', 'demo.tallybook');

/** Runs `node <args>` in the repository root with the terminal attached; exits on failure. */
function node(args) {
  const { status, signal } = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  const code = status ?? (signal ? 1 : 0);
  if (code !== 0) process.exit(code);
}

if (!existsSync(join(root, 'out'))) node([electronVite, 'build']);

const desktop = existsSync(join(root, 'node_modules', 'electron', 'path.txt'));
if (!desktop) {
  console.log('tallybook: the Electron runtime is not available on this machine (offline); opening the browser mode instead');
}
if (!existsSync(join(root, demoWorkspace))) {
  mkdirSync(join(root, '.tmp'), { recursive: true });
  node([tallybook, 'demo', '-w', demoWorkspace]);
}

if (desktop) {
  process.env.TALLYBOOK_WORKSPACE = join(root, demoWorkspace);
  node([electronVite, 'preview', '--skipBuild']);
} else {
  node([tallybook, 'serve', '-w', demoWorkspace]);
}
