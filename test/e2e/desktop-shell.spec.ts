/**
 * The app's side of the desktop shell, in the browser: a stand-in for the Electron preload
 * (window.tallybook: invoke over the server's RPC, on, pathForFile) lets the specs send the
 * shell's commands (import, export, toggle-theme, workspace-opened) and drop files the way
 * Electron does; the browser mode's own drop uploads the files first. Both end on Import with
 * the files prefilled.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, type Seed } from './fixtures';

const JOBS = [
  'Job ID,Created At,Status,Publisher,Target URL,Anchor Text,Provider,Strategy,Estimated Cost,Actual Cost,Started At,Completed At',
  'j-001,2026-10-01T10:00:00Z,DELIVERED,a.se,https://x.example/1,anchor one,google,multi_stage,0.35,0.30,2026-10-01T10:00:05Z,2026-10-01T10:01:00Z',
  'j-002,2026-10-01T11:00:00Z,FAILED,b.se,https://x.example/2,anchor two,anthropic,single,0.50,,2026-10-01T11:00:03Z,',
].join('\n');

const seedJobs: Seed = async ({ workspace, dir, cli }) => {
  writeFileSync(join(dir, 'jobs.csv'), JOBS + '\n');
  await cli(['import', '-w', workspace, '-n', 'jobs', join(dir, 'jobs.csv')]);
};
// eslint-disable-next-line no-empty-pattern
test.use({ seed: [async ({}, use) => use(seedJobs), { scope: 'worker' }] });

/** The page's globals these specs touch (test/ is type-checked without the DOM library). */
type Listener = (payload: unknown) => void;
interface PageGlobals {
  __shell: { saved: unknown[]; emit(event: string, payload: unknown): void };
  tallybook: { invoke(method: string, args?: unknown): Promise<unknown> };
  DataTransfer: new () => { items: { add(file: File): void } };
}

/** The preload's bridge, faked: requests go to the server, saveExport is recorded (no dialog here). */
function fakeBridge(): void {
  const listeners: Record<string, Listener[]> = {};
  const saved: unknown[] = [];
  Object.assign(globalThis, {
    __shell: { saved, emit: (event: string, payload: unknown) => (listeners[event] ?? []).forEach((cb) => cb(payload)) },
    tallybook: {
      async invoke(method: string, args?: unknown) {
        if (method === 'saveExport') {
          saved.push(args);
          return { ok: true, result: null };
        }
        const res = await fetch(`/api/rpc/${method}`, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ args: args ?? {} }) });
        return res.json();
      },
      on(event: string, cb: Listener) {
        (listeners[event] ??= []).push(cb);
        return () => void listeners[event]!.splice(listeners[event]!.indexOf(cb), 1);
      },
      pathForFile: (file: File) => `/from-disk/${file.name}`,
    },
  });
}

const emit = (page: Page, payload: unknown) => page.evaluate((p) => (globalThis as unknown as PageGlobals).__shell.emit('shell', p), payload);
const saved = (page: Page) => page.evaluate(() => (globalThis as unknown as PageGlobals).__shell.saved);

async function openDesktop(page: Page, url: string): Promise<void> {
  await page.addInitScript(fakeBridge);
  await page.goto(url);
  await expect(page.locator('.workspace-name')).toHaveText('ws.tallybook');
}

/** Drags one small CSV over the window (overlay shown), then drops it. */
async function dropFile(page: Page, name: string): Promise<void> {
  const dt = await page.evaluateHandle((fileName) => {
    const data = new (globalThis as unknown as PageGlobals).DataTransfer();
    data.items.add(new File(['a,b\n1,2\n'], fileName, { type: 'text/csv' }));
    return data;
  }, name);
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: dt });
  await page.dispatchEvent('main', 'dragover', { dataTransfer: dt });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await page.dispatchEvent('main', 'drop', { dataTransfer: dt });
  await expect(page.getByTestId('drop-overlay')).toHaveCount(0);
}

const importPaths = (page: Page) => page.getByRole('textbox', { name: /one per line/ });

test.describe('the desktop shell\'s commands', () => {
  test('import goes to Import with the files prefilled, also when Import is already open', async ({ app, page }) => {
    await openDesktop(page, app.url);
    await emit(page, { command: 'import', paths: ['/data/a.csv', '/data/b.parquet'] });
    await expect(page).toHaveURL(/#\/import$/);
    await expect(importPaths(page)).toHaveValue('/data/a.csv\n/data/b.parquet');
    await emit(page, { command: 'import', paths: ['/data/c.ndjson'] });
    await expect(importPaths(page)).toHaveValue('/data/c.ndjson');
  });

  test('toggle-theme switches light and dark', async ({ app, page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await openDesktop(page, app.url);
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-theme', 'light');
    await emit(page, { command: 'toggle-theme' });
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await emit(page, { command: 'toggle-theme' });
    await expect(html).toHaveAttribute('data-theme', 'light');
  });

  test('export saves the table on screen as CSV; without one it goes to Datasets', async ({ app, page }) => {
    await openDesktop(page, app.url);
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Home' }).click();
    await emit(page, { command: 'export' });
    await expect(page).toHaveURL(/#\/dataset$/);
    await page.goto(`${app.origin}/#/dataset/jobs`);
    await expect(page.getByRole('group', { name: 'Export jobs' })).toBeVisible();
    await emit(page, { command: 'export' });
    await expect.poll(() => saved(page)).toHaveLength(1);
    const [req] = (await saved(page)) as { dataset?: string; format?: string; fileName?: string }[];
    expect(req).toMatchObject({ dataset: 'jobs', format: 'csv' });
    expect(req?.fileName).toMatch(/^jobs-\d{8}-\d{4}\.csv$/);
  });

  test('workspace-opened reloads the workspace the shell opened', async ({ app, page }) => {
    await openDesktop(page, app.url);
    const other = join(app.dir, 'other.tallybook');
    await page.evaluate((path) => (globalThis as unknown as PageGlobals).tallybook.invoke('openWorkspace', { path, create: true }), other);
    await expect(page.locator('.workspace-name')).toHaveText('ws.tallybook');
    await emit(page, { command: 'workspace-opened' });
    await expect(page.locator('.workspace-name')).toHaveText('other.tallybook');
    await page.evaluate((path) => (globalThis as unknown as PageGlobals).tallybook.invoke('openWorkspace', { path }), app.workspace);
    await emit(page, { command: 'workspace-opened' });
    await expect(page.locator('.workspace-name')).toHaveText('ws.tallybook');
  });

  test('a file dropped on the window is imported by its path on disk (no upload)', async ({ app, page }) => {
    await openDesktop(page, app.url);
    await dropFile(page, 'dropped.csv');
    await expect(page).toHaveURL(/#\/import$/);
    await expect(importPaths(page)).toHaveValue('/from-disk/dropped.csv');
  });
});

test('in the browser mode a dropped file is uploaded, then Import comes up with its path', async ({ app, page }) => {
  await page.goto(app.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Datasets' }).click();
  await dropFile(page, 'dropped events.csv');
  await expect(page).toHaveURL(/#\/import$/);
  await expect(importPaths(page)).toHaveValue(/[\\/]dropped events\.csv$/);
});
