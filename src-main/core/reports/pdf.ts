/**
 * writePdf: print a report's HTML to PDF with a headless Chromium found on this machine
 * ($CHROMIUM_PATH, /usr/bin/chromium, chromium-browser, chromium, google-chrome on the PATH);
 * a clear UserError when there is none or it fails.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UserError } from '../../../src-shared/errors';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const TIMEOUT_MS = 60_000;

export function findChromium(): string | null {
  const env = process.env.CHROMIUM_PATH;
  if (env && existsSync(env)) return env;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of NAMES) if (existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

export async function writePdf(htmlPath: string, pdfPath: string): Promise<void> {
  const chromium = findChromium();
  if (!chromium) {
    throw new UserError('not_found', 'no Chromium found to print the PDF', 'install chromium, set CHROMIUM_PATH, or write .html and print it from a browser');
  }
  const profile = mkdtempSync(join(tmpdir(), 'tallybook-pdf-'));
  const out = resolve(pdfPath);
  const args = [
    '--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', `--user-data-dir=${profile}`, `--print-to-pdf=${out}`,
    pathToFileURL(resolve(htmlPath)).href,
  ];
  try {
    await new Promise<void>((done, fail) => {
      execFile(chromium, args, { timeout: TIMEOUT_MS }, (err, _stdout, stderr) => {
        if (err) fail(new UserError('internal', `Chromium could not print the PDF: ${(stderr || err.message).split('\n')[0]}`, 'write .html and print it from a browser'));
        else done();
      });
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  if (!existsSync(out) || statSync(out).size === 0) throw new UserError('internal', 'Chromium printed no PDF', 'write .html and print it from a browser');
}
