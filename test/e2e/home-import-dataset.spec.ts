/**
 * Home, Import and Dataset screens on a workspace seeded with three jobs: importing a second
 * file by path (one duplicate, one bad timestamp), the rejected rows and their CSV export, the
 * dataset cards, and the dataset's profile and sorted grid.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCREENS_DIR, expect, test, type Seed } from './fixtures';

const HEADER = 'Job ID,Created At,Status,Publisher,Target URL,Anchor Text,Provider,Strategy,Estimated Cost,Actual Cost,Started At,Completed At';
const J3 = 'j-003,2026-10-02T09:00:00Z,DELIVERED,a.se,https://x.example/3,anchor three,openai,multi_stage,0.40,0.45,2026-10-02T09:00:02Z,2026-10-02T09:00:40Z';

/** Seeded with the CLI: j-001..j-003; j-002 has no completion time. */
const FIRST = [
  HEADER,
  'j-001,2026-10-01T10:00:00Z,DELIVERED,a.se,https://x.example/1,anchor one,google,multi_stage,0.35,0.30,2026-10-01T10:00:05Z,2026-10-01T10:01:00Z',
  'j-002,2026-10-01T11:00:00Z,FAILED,b.se,https://x.example/2,anchor two,anthropic,single,0.50,,2026-10-01T11:00:03Z,',
  J3,
].join('\n');

/** Imported through the screen: j-003 again (duplicate), j-004 with a bad timestamp (line 3), two new jobs; j-006 never completed. */
const SECOND = [
  HEADER,
  J3,
  'j-004,not-a-date,DELIVERED,c.se,https://x.example/4,anchor four,google,single,0.20,0.25,,',
  'j-005,2026-10-03T08:00:00Z,DELIVERED,c.se,https://x.example/5,anchor five,google,single,0.20,0.18,2026-10-03T08:00:01Z,2026-10-03T08:00:30Z',
  'j-006,2026-10-03T12:00:00Z,PENDING,d.se,https://x.example/6,anchor six,anthropic,multi_stage,0.60,,,',
].join('\n');

const seedJobs: Seed = async ({ workspace, dir, cli }) => {
  writeFileSync(join(dir, 'jobs-first.csv'), FIRST + '\n');
  writeFileSync(join(dir, 'jobs-second.csv'), SECOND + '\n');
  await cli(['import', '-w', workspace, '-n', 'jobs', join(dir, 'jobs-first.csv')]);
};

// A function-valued option must be given in fixture form, else Playwright would call it as the fixture.
// eslint-disable-next-line no-empty-pattern
test.use({ seed: [async ({}, use) => use(seedJobs), { scope: 'worker' }] });

test.describe.configure({ mode: 'serial' });

test('home shows the seeded dataset as a card with its rows and time range', async ({ app, page }) => {
  await page.goto(app.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Home' }).click();
  const card = page.locator('[data-dataset="jobs"]');
  await expect(card).toContainText('3 rows');
  await expect(card).toContainText('2026-10-01 → 2026-10-02');
  await page.screenshot({ path: join(SCREENS_DIR, 'home.png'), fullPage: true });
  await card.click();
  await expect(page).toHaveURL(/#\/dataset\/jobs$/);
});

test('importing a second file by path counts one duplicate and one bad timestamp, and exports the rejected rows', async ({ app, page }) => {
  await page.goto(app.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Import' }).click();
  await page.getByLabel(/one per line/).fill(join(app.dir, 'jobs-second.csv'));
  await page.getByLabel('Dataset (new or existing)').fill('jobs');
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByTestId('detected-kind')).toHaveText('jobs');
  await expect(page.getByLabel('Source column for job_id')).toHaveValue('Job ID');
  await expect(page.getByRole('table', { name: 'First rows' }).locator('tbody tr')).toHaveCount(4);

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const summary = page.getByRole('region', { name: 'Import summary' });
  await expect(summary.locator('[data-stat="rows read"]')).toContainText('4');
  await expect(summary.locator('[data-stat="imported"]')).toContainText('2');
  await expect(summary.locator('[data-stat="duplicates"]')).toContainText('1');
  await expect(summary.locator('[data-stat="rejected"]')).toContainText('1');
  await expect(summary.locator('[data-reason="invalid_timestamp"]')).toContainText('1');

  await summary.getByRole('button', { name: 'View rejected rows' }).click();
  const rejected = page.getByRole('table', { name: 'Rejected rows' });
  await expect(rejected.locator('tbody tr')).toHaveCount(1);
  await expect(rejected.locator('tbody tr').first()).toContainText('invalid_timestamp');
  await expect(rejected.locator('tbody tr').first()).toContainText('j-004');
  await page.screenshot({ path: join(SCREENS_DIR, 'import.png'), fullPage: true });

  const downloading = page.waitForEvent('download');
  await summary.getByRole('group', { name: 'Export jobs rejected rows' }).getByRole('button', { name: 'CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^jobs-rejected-rows-.*\.csv$/);
  const lines = readFileSync(await download.path(), 'utf8').trim().split('\n');
  expect(lines[0]).toBe('file,line,reason,raw');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain('jobs-second.csv,3,invalid_timestamp,');
  expect(lines[1]).toContain('not-a-date');
});

test('the dataset screen profiles the five jobs and sorts the grid on the server', async ({ app, page }) => {
  await page.goto(app.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Datasets' }).click();
  await expect(page.getByLabel('Dataset', { exact: true })).toHaveValue('jobs');
  await expect(page.getByTestId('profile-rows')).toContainText('5 rows');
  // j-002 and j-006 never completed: 2 of 5.
  await expect(page.locator('[data-column="completed_at"] [data-field="null-percent"]')).toHaveText('40%');
  // j-006 never started: 1 of 5.
  await expect(page.locator('[data-column="started_at"] [data-field="null-percent"]')).toHaveText('20%');

  const grid = page.getByRole('grid', { name: 'jobs rows' });
  const firstJob = grid.locator('.dg-row[aria-rowindex="2"] [role="gridcell"]').first();
  await expect(firstJob).not.toBeEmpty();
  const header = grid.getByRole('columnheader', { name: /job_id/ });
  await header.click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expect(firstJob).toHaveText('j-001');
  await header.click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await expect(firstJob).toHaveText('j-006');
  await expect(grid.locator('.dg-row')).toHaveCount(5);
  await page.screenshot({ path: join(SCREENS_DIR, 'dataset.png'), fullPage: true });
});

test('a file uploaded from the browser imports into a new dataset', async ({ app, page }) => {
  await page.goto(app.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Import' }).click();
  await page.getByLabel('…or upload files from this browser').setInputFiles({ name: 'uploaded-jobs.csv', mimeType: 'text/csv', buffer: Buffer.from(FIRST + '\n') });
  await expect(page.getByLabel(/one per line/)).toHaveValue(/uploaded-jobs\.csv$/);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const summary = page.getByRole('region', { name: 'Import summary' });
  // The dataset is named after the file when no name is given.
  await expect(summary.getByRole('heading')).toContainText('uploaded_jobs');
  await expect(summary.locator('[data-stat="imported"]')).toContainText('3');
  await expect(summary.locator('[data-stat="rejected"]')).toContainText('0');
});

test('home creates a new empty workspace by path and reopens the first from the recent list', async ({ app, page }) => {
  await page.goto(app.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Home' }).click();
  await page.getByLabel('Workspace file').fill(join(app.dir, 'fresh.tallybook'));
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { name: /Datasets in fresh\.tallybook/ })).toBeVisible();
  await expect(page.getByText('This workspace has no datasets yet')).toBeVisible();
  await page.getByRole('region', { name: 'Recent workspaces' }).getByRole('button', { name: /ws\.tallybook/ }).click();
  await expect(page.getByRole('heading', { name: /Datasets in ws\.tallybook/ })).toBeVisible();
  await expect(page.locator('[data-dataset="jobs"]')).toContainText('5 rows');
});
