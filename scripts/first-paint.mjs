#!/usr/bin/env node
// npm run bench:paint -- WORKSPACE: how long the app takes, opening WORKSPACE afresh, to paint the
// Events dashboard (PRODUCT.md: within 1.5 s at 10M events). Starts `tallybook serve` on it (the
// same renderer and engine as the desktop app, behind the HTTP door), opens the app in Chromium,
// goes to the Events dashboard and waits until its key figures are in and every chart's canvas
// has painted. Prints the time to open the workspace (serve started to its URL printed) and to
// paint (Events dashboard clicked to everything painted), cold, then once more warm (reload).
// With --screens it then opens every other screen in turn and prints how long each took to
// settle (nothing loading) and every engine request slower than 150 ms on the way.
// Chromium: CHROMIUM_PATH, else /usr/bin/chromium. Needs `npm run build` first. Never a test.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const workspace = process.argv[2];
const everyScreen = process.argv.includes('--screens');
if (!workspace || !existsSync(workspace)) {
  console.error('usage: npm run bench:paint -- WORKSPACE [--screens] (an existing .tallybook file with an events dataset)');
  process.exit(2);
}

/** Starts `tallybook serve`; resolves to the app's URL and the ms it took to print it. */
function serve() {
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, 'bin', 'tallybook.js'), 'serve', '-w', workspace], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(out)?.[0];
      if (url) resolve({ child, url, ms: performance.now() - started });
    });
    child.stderr.on('data', (chunk) => void (err += chunk));
    child.on('exit', (code) => reject(new Error(`tallybook serve exited with ${code}: ${err}`)));
  });
}

/** Resolves once nothing is loading (key figures, panels) and every chart has painted pixels. */
async function painted(page) {
  await page.waitForFunction(
    () => {
      const doc = globalThis.document; // runs in the page
      const strip = doc.querySelector('.kpi-strip');
      if (!strip || strip.getAttribute('aria-busy') === 'true' || doc.querySelector('.state-loading')) return false;
      const charts = [...doc.querySelectorAll('[data-testid^="chart-"]')];
      if (charts.length === 0) return false;
      return charts.every((chart) => {
        const canvas = chart.querySelector('canvas');
        const data = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; data && i < data.length && painted <= 500; i += 4) if (data[i] > 0) painted++;
        return painted > 500;
      });
    },
    null,
    { polling: 'raf', timeout: 60_000 },
  );
}

/** Opens every screen but the Events dashboard; prints its settle time and its slow requests. */
async function visitScreens(page) {
  const started = new Map();
  page.on('request', (r) => started.set(r, performance.now()));
  page.on('requestfinished', (r) => {
    const ms = performance.now() - started.get(r);
    if (ms > 150 && r.url().includes('/api/')) console.log(`  ${ms.toFixed(0)} ms ${r.url().replace(/^.*\/api\/(rpc\/)?/, '').replace(/\?.*/, '')} ${(r.postData() ?? '').slice(0, 160)}`);
  });
  const nav = page.getByRole('navigation', { name: 'Screens' });
  const names = (await nav.getByRole('link').allTextContents()).map((n) => n.trim()).filter((n) => n !== 'Events dashboard');
  for (const name of names) {
    const start = performance.now();
    await nav.getByRole('link', { name, exact: true }).click();
    await page.waitForTimeout(100);
    await page.waitForFunction(() => !globalThis.document.querySelector('.state-loading'), null, { timeout: 60_000 });
    console.log(`${name}: settled in ${(performance.now() - start).toFixed(0)} ms`);
  }
}

const { child, url, ms: openMs } = await serve();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'], headless: true });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(url);
  const link = page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Events dashboard' });
  await link.waitFor();
  const cold = performance.now();
  await link.click();
  await painted(page);
  const coldMs = performance.now() - cold;
  const charts = await page.locator('[data-testid^="chart-"]').count();
  const errors = await page.locator('.state-error').allTextContents();
  if (errors.length) console.error(`panels that failed: ${errors.join('; ')}`);
  const warm = performance.now();
  await page.reload();
  await painted(page);
  const warmMs = performance.now() - warm;
  console.log(`opening ${workspace}: ${openMs.toFixed(0)} ms (serve started to ready)`);
  console.log(`Events dashboard (${charts} charts) painted, cold: ${coldMs.toFixed(0)} ms; after a reload (answers cached): ${warmMs.toFixed(0)} ms`);
  if (everyScreen) await visitScreens(page);
} finally {
  await browser.close();
  child.kill();
}
