/**
 * Reports: compose a report from saved views (made through the API) and text, save it, export
 * the HTML, open the downloaded file with JavaScript off and the network blocked and read the
 * numbers worked out by hand; verify it in the app (unchanged), import one more job, and verify
 * again (the changed panels and the new source are listed).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { SCREENS_DIR, expect, test, type Seed } from './fixtures';

// Four jobs: 2 delivered (anthropic 0.40, 0.50), openai blocked 0.10 and failed 0.20.
// Count 4; cost by provider anthropic 0.9, openai 0.3; anthropic jobs by status: delivered 2.
const JOBS_CSV = [
  'Job ID,Created At,Status,Provider,Actual Cost',
  'j1,2025-11-01T10:00:00Z,delivered,anthropic,0.40',
  'j2,2025-11-01T12:00:00Z,blocked,openai,0.10',
  'j3,2025-11-02T10:00:00Z,delivered,anthropic,0.50',
  'j4,2025-11-02T11:00:00Z,failed,openai,0.20',
].join('\n');
// One more openai job: count and cost by provider change, the anthropic table does not.
const MORE_CSV = ['Job ID,Created At,Status,Provider,Actual Cost', 'j5,2025-11-03T09:00:00Z,delivered,openai,0.30'].join('\n');

const seedReports: Seed = async ({ workspace, dir, cli }) => {
  writeFileSync(join(dir, 'jobs.csv'), JOBS_CSV);
  writeFileSync(join(dir, 'more.csv'), MORE_CSV);
  await cli(['import', '-w', workspace, '-n', 'jobs', join(dir, 'jobs.csv')]);
};

// eslint-disable-next-line no-empty-pattern
test.use({ seed: [async ({}, use) => use(seedReports), { scope: 'worker' }] });

async function rpc<T>(page: Page, method: string, args: unknown): Promise<T> {
  const out = await page.evaluate(async ([m, a]) => {
    const res = await fetch(`/api/rpc/${m as string}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ args: a }) });
    return (await res.json()) as { ok: boolean; result?: unknown; error?: unknown };
  }, [method, args] as const);
  if (!out.ok) throw new Error(`${method}: ${JSON.stringify(out.error)}`);
  return out.result as T;
}

test('compose, save and export a report that opens offline and verifies', async ({ app, page, browser }) => {
  await page.goto(app.url);
  await rpc(page, 'savedPut', { kind: 'view', name: 'Cost by provider', body: { spec: { dataset: 'jobs', measures: ['sum(cost)'], dimensions: ['provider'], order: [{ field: 'provider' }] }, chart: 'bar' } });
  await rpc(page, 'savedPut', { kind: 'view', name: 'Job count', body: { spec: { dataset: 'jobs', measures: ['count'] }, chart: 'number' } });
  await rpc(page, 'savedPut', { kind: 'view', name: 'Anthropic by status', body: { spec: { dataset: 'jobs', measures: ['count'], dimensions: ['status'], filters: [{ field: 'provider', op: '=', value: 'anthropic' }] }, chart: 'table' } });

  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByText('This report has no blocks yet')).toBeVisible();
  await page.getByLabel('Report title').fill('Weekly jobs');
  const view = page.getByLabel('Saved view', { exact: true });
  await view.selectOption({ label: 'Job count' });
  await page.getByRole('button', { name: 'Add as KPI' }).click();
  await view.selectOption({ label: 'Cost by provider' });
  await page.getByRole('button', { name: 'Add view', exact: true }).click();
  await view.selectOption({ label: 'Anthropic by status' });
  await page.getByRole('button', { name: 'Add as table' }).click();
  await page.getByRole('button', { name: 'Add text' }).click();
  await page.getByLabel('Markdown of Text block 4').fill('## Notes\nCosts look **fine**.');
  await page.getByRole('button', { name: 'Move Text block 4 up' }).click();
  await page.getByRole('button', { name: 'Move Text block 3 up' }).click();
  await page.getByRole('button', { name: 'Move Text block 2 up' }).click();
  await expect(page.locator('.rp-block .badge')).toHaveText(['Text', 'KPI', 'Saved view', 'Table']);
  await page.getByRole('button', { name: 'Remove Table block 4' }).click();
  await view.selectOption({ label: 'Anthropic by status' });
  await page.getByRole('button', { name: 'Add as table' }).click();

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Open report Weekly jobs' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Report title')).toHaveValue('Weekly jobs');
  await expect(page.locator('.rp-block')).toHaveCount(4);

  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.frameLocator('iframe[title="Report preview"]').locator('h1')).toHaveText('Weekly jobs');
  await page.screenshot({ path: join(SCREENS_DIR, 'reports.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: join(SCREENS_DIR, 'reports-dark.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export HTML' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^weekly-jobs-\d{4}-\d\d-\d\d\.html$/);
  const file = join(app.dir, 'weekly.html');
  await download.saveAs(file);
  const html = readFileSync(file, 'utf8');
  expect(html).not.toMatch(/https?:\/\//);

  // The same report as PDF, printed by the machine's Chromium through the server.
  const printing = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export PDF' }).click();
  const pdf = await printing;
  expect(pdf.suggestedFilename()).toMatch(/^weekly-jobs-\d{4}-\d\d-\d\d\.pdf$/);
  expect(readFileSync(await pdf.path()).subarray(0, 5).toString()).toBe('%PDF-');

  // Offline: no JavaScript, every request but the file itself refused.
  const offline = await browser.newContext({ javaScriptEnabled: false });
  const report = await offline.newPage();
  const refused: string[] = [];
  await report.route('**', (route) => (route.request().url().startsWith('file:') ? route.continue() : (refused.push(route.request().url()), route.abort())));
  await report.goto(`file://${file}`);
  await expect(report.locator('h1')).toHaveText('Weekly jobs');
  await expect(report.locator('.text h3')).toHaveText('Notes');
  await expect(report.locator('.kpi .label')).toHaveText('Job count');
  await expect(report.locator('.kpi .value')).toHaveText('4');
  await expect(report.locator('.chart svg')).toHaveCount(1);
  await expect(report.locator('section.chart details tbody tr')).toHaveText(['anthropic0.9', 'openai0.3']);
  await expect(report.locator('section.table tbody tr')).toHaveText(['delivered2']);
  await expect(report.locator('.sources tbody tr').first()).toContainText('jobs.csv');
  await report.screenshot({ path: join(SCREENS_DIR, 'reports-export.png'), fullPage: true });
  expect(refused).toEqual([]);
  await offline.close();

  // Verify in the app: unchanged, then after one more job.
  const picker = page.getByLabel('Report file to verify');
  await picker.setInputFiles(file);
  await expect(page.locator('.rp-verify [role="status"]')).toHaveText('weekly.html: every panel and source matches this workspace.');
  await rpc(page, 'importFiles', { dataset: 'jobs', paths: [join(app.dir, 'more.csv')] });
  await picker.setInputFiles(file);
  await expect(page.locator('.rp-verify [role="status"]')).toHaveText('weekly.html: 2 panel(s) and 1 source(s) changed.');
  await expect(page.locator('.rp-verify tbody tr')).toHaveText([
    'panelJob countchanged (1 → 1 rows)', 'panelCost by providerchanged (2 → 2 rows)', 'panelAnthropic by statussame',
    'sourcejobs/jobs.csvsame', 'sourcejobs/more.csvnew',
  ]);
  await page.screenshot({ path: join(SCREENS_DIR, 'reports-verify.png'), fullPage: true });
});
