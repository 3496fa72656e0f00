/**
 * The SQL console on a workspace seeded with four jobs: a grouped query run with Ctrl+Enter and
 * its values, the full result exported as CSV, a refused write, completion of a dataset name,
 * cancelling a slow statement, and the history kept with the workspace.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { SCREENS_DIR, expect, test, type Seed } from './fixtures';

const HEADER = 'Job ID,Created At,Status,Publisher,Target URL,Anchor Text,Provider,Strategy,Estimated Cost,Actual Cost,Started At,Completed At';
/** google: 0.30 + 0.25 = 0.55 over 2 jobs; anthropic: 1 job without a cost; openai: 1 job, 0.45. */
const JOBS = [
  HEADER,
  'j-001,2026-10-01T10:00:00Z,DELIVERED,a.se,https://x.example/1,anchor one,google,multi_stage,0.35,0.30,2026-10-01T10:00:05Z,2026-10-01T10:01:00Z',
  'j-002,2026-10-01T11:00:00Z,FAILED,b.se,https://x.example/2,anchor two,anthropic,single,0.50,,2026-10-01T11:00:03Z,',
  'j-003,2026-10-02T09:00:00Z,DELIVERED,a.se,https://x.example/3,anchor three,openai,multi_stage,0.40,0.45,2026-10-02T09:00:02Z,2026-10-02T09:00:40Z',
  'j-004,2026-10-03T08:00:00Z,DELIVERED,c.se,https://x.example/4,anchor four,google,single,0.20,0.25,2026-10-03T08:00:01Z,2026-10-03T08:00:30Z',
].join('\n');

const seedJobs: Seed = async ({ workspace, dir, cli }) => {
  writeFileSync(join(dir, 'jobs.csv'), JOBS + '\n');
  await cli(['import', '-w', workspace, '-n', 'jobs', join(dir, 'jobs.csv')]);
};

// eslint-disable-next-line no-empty-pattern
test.use({ seed: [async ({}, use) => use(seedJobs), { scope: 'worker' }] });
test.describe.configure({ mode: 'serial' });

const GROUPED = 'SELECT provider, count(*) AS n, round(sum(cost), 2) AS total FROM jobs GROUP BY provider ORDER BY provider';

async function openConsole(page: Page, url: string, theme: 'light' | 'dark' = 'light') {
  await page.emulateMedia({ colorScheme: theme });
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'SQL' }).click();
  const editor = page.getByTestId('sql-editor');
  await expect(editor).toBeVisible();
  return editor;
}

async function typeSql(page: Page, editor: ReturnType<Page['getByTestId']>, sql: string) {
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.type(sql);
  await page.keyboard.press('Escape');
}

test('runs a grouped query with Ctrl+Enter, shows its rows and exports the full result as CSV', async ({ app, page }) => {
  const editor = await openConsole(page, app.url);
  await typeSql(page, editor, GROUPED);
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByTestId('sql-status')).toContainText('3 rows');
  const grid = page.getByRole('grid', { name: 'Query result' });
  await expect(grid.getByRole('gridcell')).toHaveText(['anthropic', '1', 'null', 'google', '2', '0.55', 'openai', '1', '0.45']);

  await page.getByRole('button', { name: 'Chart this result' }).click();
  await expect(page.getByLabel('Y', { exact: true })).toHaveValue('1');
  await page.screenshot({ path: join(SCREENS_DIR, 'sql.png'), fullPage: true });

  const downloading = page.waitForEvent('download');
  await page.getByRole('group', { name: 'Export Query result' }).getByRole('button', { name: 'CSV' }).click();
  const lines = readFileSync(await (await downloading).path(), 'utf8').trim().split('\n');
  expect(lines).toEqual(['provider,n,total', 'anthropic,1,', 'google,2,0.55', 'openai,1,0.45']);
});

test('refuses a write with the gate message and leaves the rows as they were', async ({ app, page }) => {
  const editor = await openConsole(page, app.url);
  await typeSql(page, editor, 'DELETE FROM jobs');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByRole('alert')).toContainText('refused: DELETE statements change the workspace');
  await typeSql(page, editor, 'SELECT count(*) AS c FROM jobs');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByTestId('sql-status')).toContainText('1 row');
  await expect(page.getByRole('grid', { name: 'Query result' }).getByRole('gridcell')).toHaveText(['4']);
});

test('completes a dataset name and runs it', async ({ app, page }) => {
  const editor = await openConsole(page, app.url, 'dark');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.type('SELECT * FROM jo');
  const option = page.getByRole('option', { name: /^jobs/ });
  await expect(option).toBeVisible();
  await page.screenshot({ path: join(SCREENS_DIR, 'sql-complete-dark.png') });
  await page.keyboard.press('Enter');
  await expect(editor).toHaveText('SELECT * FROM jobs');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByTestId('sql-status')).toContainText('4 rows');
  await page.screenshot({ path: join(SCREENS_DIR, 'sql-dark.png'), fullPage: true });
});

test('cancels a slow statement and shows "Cancelled"', async ({ app, page }) => {
  const editor = await openConsole(page, app.url);
  await typeSql(page, editor, 'SELECT sum(a.range * b.range) FROM range(1000000) a, range(1000000) b');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByText('Running…')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).first().click();
  await expect(page.getByText('Cancelled', { exact: true })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Query history' }).getByRole('button').first()).toContainText('cancelled');
});

test('keeps the history with the workspace and loads an entry on click', async ({ app, page }) => {
  await openConsole(page, app.url);
  const history = page.getByRole('list', { name: 'Query history' });
  const grouped = history.getByRole('button', { name: new RegExp(`^${GROUPED.slice(0, 30).replace(/[()*]/g, '\\$&')}`) });
  await expect(grouped).toBeVisible();
  await expect(grouped).toContainText('3 rows');
  await expect(history.getByRole('button', { name: /^DELETE FROM jobs/ })).toContainText('failed');
  await grouped.click();
  await expect(page.getByTestId('sql-editor')).toHaveText(GROUPED);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('sql-status')).toContainText('3 rows');
});

test('keeps the editor text when leaving the screen and coming back', async ({ app, page }) => {
  const editor = await openConsole(page, app.url);
  await typeSql(page, editor, 'SELECT 7 AS seven');
  const nav = page.getByRole('navigation', { name: 'Screens' });
  await nav.getByRole('link', { name: 'Home' }).click();
  await nav.getByRole('link', { name: 'SQL' }).click();
  await expect(page.getByTestId('sql-editor')).toHaveText('SELECT 7 AS seven');
});
