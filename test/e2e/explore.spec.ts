/**
 * Explore and My dashboards on a small jobs dataset whose answers were worked out by hand:
 * p95 of generation time per day by provider, saved as a view, added to a new dashboard, and
 * found again (panel drawn) after a reload and after reopening the workspace from Home.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { SCREENS_DIR, expect, test, type Seed } from './fixtures';

const HEADER = 'Job ID,Created At,Status,Publisher,Target URL,Anchor Text,Provider,Strategy,Estimated Cost,Actual Cost,Started At,Completed At';
/** A delivered job created, started and completed on `day` (at 10:00), taking `seconds`. */
const job = (id: string, day: string, provider: string, seconds: number) => {
  const start = new Date(`${day}T10:00:00Z`);
  const end = new Date(start.getTime() + seconds * 1000);
  return `${id},${start.toISOString()},delivered,a.se,https://a.se/${id},x,${provider},multi_stage,0.1,0.10,${start.toISOString()},${end.toISOString()}`;
};

// generation_seconds per day and provider:
//   2026-10-01 anthropic 10, 20, 30, 40, 50 -> p95 = 40 + 0.8 × 10 = 48 (position 0.95 × 4 = 3.8)
//   2026-10-01 openai    100                -> 100
//   2026-10-02 anthropic 60                 -> 60
//   2026-10-02 openai    10, 30             -> p95 = 10 + 0.95 × 20 = 29
// Default order: time, then p95 descending.
const JOBS_CSV = [
  HEADER,
  job('j1', '2026-10-01', 'anthropic', 10),
  job('j2', '2026-10-01', 'anthropic', 20),
  job('j3', '2026-10-01', 'anthropic', 30),
  job('j4', '2026-10-01', 'anthropic', 40),
  job('j5', '2026-10-01', 'anthropic', 50),
  job('j6', '2026-10-01', 'openai', 100),
  job('j7', '2026-10-02', 'anthropic', 60),
  job('j8', '2026-10-02', 'openai', 10),
  job('j9', '2026-10-02', 'openai', 30),
].join('\n');

const EXPECTED = [
  ['2026-10-01T00:00:00Z', 'openai', '100'],
  ['2026-10-01T00:00:00Z', 'anthropic', '48'],
  ['2026-10-02T00:00:00Z', 'anthropic', '60'],
  ['2026-10-02T00:00:00Z', 'openai', '29'],
];

const seedJobs: Seed = async ({ workspace, dir, cli }) => {
  const file = join(dir, 'jobs.csv');
  writeFileSync(file, JOBS_CSV + '\n');
  await cli(['import', '-w', workspace, '-n', 'jobs', file]);
};

// eslint-disable-next-line no-empty-pattern
test.use({ seed: [async ({}, use) => use(seedJobs), { scope: 'worker' }] });

const nav = (page: Page, screen: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: screen }).click();

async function screenshot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 1300 });
  await page.waitForTimeout(500); // charts resize and settle their animation
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`) });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(SCREENS_DIR, `${name}-dark.png`) });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function expectDashboardPanel(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Latency board' })).toBeVisible();
  const panel = page.getByRole('region', { name: 'p95 by provider' });
  await expect(panel.locator('canvas').first()).toBeVisible();
}

test('builds p95 per day by provider, saves it to a dashboard and finds it after a reload and a reopen', async ({ page, app }) => {
  await page.goto(app.url);
  await nav(page, 'Explore');
  await expect(page.getByRole('combobox', { name: 'Dataset', exact: true })).toHaveValue('jobs');

  await page.getByLabel('Measure function').selectOption('p95');
  await page.getByLabel('Measure field').fill('generation_seconds');
  await page.getByRole('button', { name: 'Add measure' }).click();
  await page.getByRole('button', { name: 'Remove count' }).click();
  await page.getByLabel('Add a dimension').selectOption('provider');
  await expect(page.getByRole('combobox', { name: 'Grain' })).toHaveValue('day');

  const table = page.getByRole('table', { name: 'Explore result' });
  await expect(table.locator('thead th')).toHaveText(['#', 'time', 'provider', 'p95(generation_seconds)']);
  await expect(table.locator('tbody tr')).toHaveCount(4);
  for (const [i, row] of EXPECTED.entries()) {
    await expect(table.locator('tbody tr').nth(i).locator('td')).toHaveText([String(i + 1), ...row]);
  }
  await expect(page.locator('.explore-chart canvas').first()).toBeVisible();

  // top 1 provider by p95 over the whole range folds the other into "Other"
  // (anthropic's p95 over 10..60 = 50 + 0.75 × 10 = 57.5 < openai's over 10, 30, 100 = 30 + 0.9 × 70 = 93)
  await page.getByLabel(/Top N/).fill('1');
  await expect(table.locator('tbody tr').first().locator('td')).toHaveText(['1', '2026-10-01T00:00:00Z', 'openai', '100']);
  await expect(table.locator('tbody tr').nth(1).locator('td')).toHaveText(['2', '2026-10-01T00:00:00Z', 'Other', '48']);
  await page.getByLabel(/Top N/).fill('');
  await expect(table.locator('tbody tr').nth(1).locator('td')).toHaveText(['2', ...EXPECTED[1]!]);

  await page.getByLabel('View name').fill('p95 by provider');
  await page.getByRole('button', { name: 'Save view' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved “p95 by provider”' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open view p95 by provider' })).toBeVisible();

  await page.getByLabel('Dashboard to add to').selectOption({ label: 'New dashboard…' });
  await page.getByLabel('New dashboard name').fill('Latency board');
  await page.getByRole('button', { name: 'Add to dashboard' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added to the new dashboard “Latency board”' })).toBeVisible();
  await screenshot(page, 'explore');

  await nav(page, 'My dashboards');
  await page.getByRole('button', { name: 'Open dashboard Latency board' }).click();
  await expectDashboardPanel(page);
  await screenshot(page, 'my-dashboards');

  await page.reload();
  await expectDashboardPanel(page);

  // Reopen the workspace via Home: another workspace first, then back through Recent workspaces.
  await nav(page, 'Home');
  await page.getByLabel('Workspace file').fill(join(app.dir, 'other.tallybook'));
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { name: /Datasets in other\.tallybook/ })).toBeVisible();
  await nav(page, 'My dashboards');
  await expect(page.getByText('No saved dashboards yet')).toBeVisible();
  await nav(page, 'Home');
  await page.getByRole('region', { name: 'Recent workspaces' }).getByRole('button', { name: /ws\.tallybook/ }).click();
  await expect(page.getByRole('heading', { name: /Datasets in ws\.tallybook/ })).toBeVisible();
  await nav(page, 'My dashboards');
  await page.getByRole('button', { name: 'Open dashboard Latency board' }).click();
  await expectDashboardPanel(page);
});

test('copies the built-in Jobs dashboard into an editable saved dashboard', async ({ page, app }) => {
  await page.goto(app.url);
  await nav(page, 'My dashboards');
  await page.getByRole('button', { name: 'Copy the Jobs dashboard' }).click();
  await expect(page.getByRole('heading', { name: /Jobs dashboard \(jobs, copy\)/ })).toBeVisible();
  for (const title of ['Jobs over time', 'Cost by provider', 'Success rate trend', 'Status distribution']) {
    await expect(page.getByRole('region', { name: title }).locator('canvas').first()).toBeVisible();
  }
  // 9 jobs at 0.10 each, all anthropic or openai
  await expect(page.getByRole('table', { name: 'Provider performance' }).locator('tbody tr')).toHaveCount(2);

  const first = page.locator('.sd-panel').first();
  await expect(first).toHaveAttribute('aria-label', 'Jobs over time');
  await page.getByRole('button', { name: 'Move Jobs over time later' }).click();
  await expect(page.locator('.sd-panel').first()).toHaveAttribute('aria-label', 'Cost by provider');
  await page.getByLabel('Width of Cost by provider').selectOption('12');
  await page.getByRole('button', { name: 'Remove Status distribution' }).click();
  await expect(page.getByRole('region', { name: 'Status distribution' })).toHaveCount(0);
  await page.reload();
  await expect(page.locator('.sd-panel').first()).toHaveAttribute('aria-label', 'Cost by provider');
  await expect(page.getByLabel('Width of Cost by provider')).toHaveValue('12');
  await expect(page.locator('.sd-panel')).toHaveCount(4);
  await screenshot(page, 'my-dashboards-jobs-copy');
});
