/**
 * Funnels and Retention on a small seed 004 workspace whose answers were worked out by hand:
 * view → cart → checkout by session (all, then by source), the sessions that dropped off before
 * checkout, and weekly retention of users in weeks 1–4.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { SCREENS_DIR, expect, test, type Seed } from './fixtures';

let n = 0;
const event = (name: string, at: string, session: string, user: string, source: string) =>
  JSON.stringify({ event_id: `e${++n}`, event_name: name, occurred_at: at, tenant_id: 't1', session_id: session, user_id: user, source, attributes: {} });

const VIEW = 'commerce.view';
const CART = 'commerce.add_to_cart';
const CHECKOUT = 'commerce.checkout';
const day = (d: string, time: string) => `2026-${d}T${time}Z`;

// Sessions on Monday 2026-10-05 (user uN has session sN):
// s1 web: view cart checkout · s2 web: view cart · s3 ads: view cart checkout · s4 ads: view
// s5 email: view · s6 ads: view cart.
// Funnel by session: view 6, cart 4 (s1 s2 s3 s6), checkout 2 (s1 s3); dropped before checkout: s2, s6.
// By source (first view): ads s3 s4 s6 -> 3 2 1; web s1 s2 -> 2 2 1; email s5 -> 1 0 0.
const FUNNEL = [
  event(VIEW, day('10-05', '10:00:00'), 's1', 'u1', 'web'),
  event(CART, day('10-05', '10:05:00'), 's1', 'u1', 'web'),
  event(CHECKOUT, day('10-05', '10:10:00'), 's1', 'u1', 'web'),
  event(VIEW, day('10-05', '11:00:00'), 's2', 'u2', 'web'),
  event(CART, day('10-05', '11:02:00'), 's2', 'u2', 'web'),
  event(VIEW, day('10-05', '12:00:00'), 's3', 'u3', 'ads'),
  event(CART, day('10-05', '12:03:00'), 's3', 'u3', 'ads'),
  event(CHECKOUT, day('10-05', '12:20:00'), 's3', 'u3', 'ads'),
  event(VIEW, day('10-05', '13:00:00'), 's4', 'u4', 'ads'),
  event(VIEW, day('10-05', '14:00:00'), 's5', 'u5', 'email'),
  event(VIEW, day('10-05', '15:00:00'), 's6', 'u6', 'ads'),
  event(CART, day('10-05', '15:30:00'), 's6', 'u6', 'ads'),
];
// Weeks start on Monday: 10-05 (cohort of u1..u6), 10-12, 10-19, 10-26, 11-02.
// u1 returns in weeks 1 and 2, u2 in week 1, u3 in week 3, u4 in week 4; u7 is new in week 10-12
// and returns a week later. Cohort 10-05: 6, then 2 1 1 1. Cohort 10-12: 1, then 1 0 0 (the
// last event, 11-03, lies in its week 3; week 4 is not observed yet).
const RETURNS = [
  event('app.open', day('10-13', '09:00:00'), 'r1', 'u1', 'web'),
  event('app.open', day('10-20', '09:00:00'), 'r2', 'u1', 'web'),
  event('app.open', day('10-14', '09:00:00'), 'r3', 'u2', 'web'),
  event('app.open', day('10-28', '09:00:00'), 'r4', 'u3', 'ads'),
  event('app.open', day('11-03', '09:00:00'), 'r5', 'u4', 'ads'),
  event('app.open', day('10-12', '09:00:00'), 'r6', 'u7', 'web'),
  event('app.open', day('10-19', '09:00:00'), 'r7', 'u7', 'web'),
];

const seed: Seed = async ({ workspace, dir, cli }) => {
  const file = join(dir, 'events.ndjson');
  writeFileSync(file, [...FUNNEL, ...RETURNS].join('\n') + '\n');
  await cli(['import', '-w', workspace, '-n', 'events', file]);
};

// eslint-disable-next-line no-empty-pattern
test.use({ seed: [async ({}, use) => use(seed), { scope: 'worker' }] });

async function open(page: Page, url: string, screen: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: screen }).click();
}

/** Counts column of the funnel table, per row. */
const countsOf = (page: Page, breakdown?: string) =>
  page.locator(`.funnel-table tbody tr${breakdown ? `[data-breakdown="${breakdown}"]` : ''} td:nth-child(${breakdown ? 3 : 2})`);

test('a 3-step funnel by session, broken down by source, with the sessions that dropped off', async ({ page, app }) => {
  await open(page, app.url, 'Funnels');
  await page.getByLabel('Step 1 event').selectOption(VIEW);
  await page.getByLabel('Step 2 event').selectOption(CART);
  await page.getByRole('button', { name: '+ Add step' }).click();
  await page.getByLabel('Step 3 event').selectOption(CHECKOUT);

  await expect(countsOf(page)).toHaveText(['6', '4', '2']);
  await expect(page.getByTestId('chart-conversion-by-step')).toBeVisible();
  await page.screenshot({ path: join(SCREENS_DIR, 'funnels.png'), fullPage: true });

  // Click the checkout step: the sessions that reached cart but not checkout.
  await page.locator('.funnel-table tbody tr[data-step="3"]').getByRole('button', { name: '2 dropped off' }).click();
  const grid = page.getByRole('grid', { name: /dropped off before step 3/ });
  await expect(grid.locator('.dg-row[aria-rowindex] [role="gridcell"]:nth-child(2)')).toHaveText(['s2', 's6']);
  const downloading = page.waitForEvent('download');
  await page.getByRole('group', { name: /Export Funnel drop-offs/ }).getByRole('button', { name: 'CSV' }).click();
  const csv = readFileSync((await (await downloading).path())!, 'utf8').trim().split('\n');
  expect(csv[0]).toBe('session_id,started_at,reached_at');
  expect(csv.slice(1).map((l) => l.split(',')[0])).toEqual(['s2', 's6']);

  await page.getByLabel('Breakdown').selectOption('source');
  await expect(countsOf(page, 'ads')).toHaveText(['3', '2', '1']);
  await expect(countsOf(page, 'web')).toHaveText(['2', '2', '1']);
  await expect(countsOf(page, 'email')).toHaveText(['1', '0', '0']);
  // Ads sessions that dropped off before checkout: s6 only.
  await page.locator('.funnel-table tbody tr[data-breakdown="ads"][data-step="3"]').getByRole('button', { name: '1 dropped off' }).click();
  await expect(page.getByRole('grid', { name: /source = ads/ }).locator('.dg-row[aria-rowindex] [role="gridcell"]:nth-child(2)')).toHaveText(['s6']);
  await page.screenshot({ path: join(SCREENS_DIR, 'funnels-breakdown.png'), fullPage: true });
});

test('weekly retention of users in weeks 1 to 4, and engagement', async ({ page, app }) => {
  await open(page, app.url, 'Retention');
  const first = page.locator('.cohort-table tr[data-cohort="2026-10-05"] td.cohort-cell');
  await expect(first).toHaveText(['100%', '33.33%', '16.67%', '16.67%', '16.67%']);
  expect(await first.evaluateAll((cells) => cells.map((c) => c.getAttribute('data-count')))).toEqual(['6', '2', '1', '1', '1']);
  const second = page.locator('.cohort-table tr[data-cohort="2026-10-12"] td.cohort-cell');
  expect(await second.evaluateAll((cells) => cells.map((c) => c.getAttribute('data-count')))).toEqual(['1', '1', '0', '0']);
  await expect(page.getByTestId('chart-retention-curve-average-per-period')).toBeVisible();
  await expect(page.getByTestId('chart-dau-wau-mau')).toBeVisible();
  await page.screenshot({ path: join(SCREENS_DIR, 'retention.png'), fullPage: true });
});

/** The [step, breakdown, count] rows of a funnel chart's CSV. */
function funnelCsvRows(csv: string): string[][] {
  const [head, ...lines] = csv.trim().split('\n').map((l) => l.split(','));
  const at = (name: string) => head!.indexOf(name);
  return lines.map((l) => [l[at('step')]!, l[at('breakdown')]!, l[at('count')]!]);
}

test('the funnel by source and weekly retention saved on one dashboard, drawn after a reload', async ({ page, app }) => {
  await open(page, app.url, 'Funnels');
  await page.getByLabel('Step 1 event').selectOption(VIEW);
  await page.getByLabel('Step 2 event').selectOption(CART);
  await page.getByRole('button', { name: '+ Add step' }).click();
  await page.getByLabel('Step 3 event').selectOption(CHECKOUT);
  await page.getByLabel('Breakdown').selectOption('source');
  await expect(countsOf(page, 'ads')).toHaveText(['3', '2', '1']);

  await page.getByLabel('View name').fill('Checkout funnel by source');
  await page.getByLabel('Dashboard to add to').selectOption({ label: 'New dashboard…' });
  await page.getByLabel('New dashboard name').fill('Shop answers');
  await page.getByRole('button', { name: 'Add to dashboard' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added to the new dashboard “Shop answers”' })).toBeVisible();
  await expect(page).toHaveURL(/#\/funnels\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: /Funnels · Checkout funnel by source/ })).toBeVisible();
  await page.screenshot({ path: join(SCREENS_DIR, 'funnels-saved.png') });

  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Retention' }).click();
  await expect(page.locator('.cohort-table tr[data-cohort="2026-10-05"] td.cohort-cell')).toHaveCount(5);
  await page.getByLabel('View name').fill('Weekly retention');
  await page.getByLabel('Dashboard to add to').selectOption({ label: 'Shop answers' });
  await page.getByRole('button', { name: 'Add to dashboard' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added to “Shop answers”' })).toBeVisible();
  await page.screenshot({ path: join(SCREENS_DIR, 'retention-saved.png') });

  await page.reload();
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'My dashboards' }).click();
  await page.getByRole('button', { name: 'Open dashboard Shop answers' }).click();
  const funnel = page.getByRole('region', { name: 'Checkout funnel by source' });
  await expect(funnel.locator('canvas').first()).toBeVisible();
  // The chart's data, by hand: ads 3 2 1, web 2 2 1, email 1 0 0 (blocks by step-1 count).
  const downloading = page.waitForEvent('download');
  await funnel.getByRole('button', { name: 'CSV' }).click();
  expect(funnelCsvRows(readFileSync((await (await downloading).path())!, 'utf8'))).toEqual([
    ['1', 'ads', '3'], ['2', 'ads', '2'], ['3', 'ads', '1'],
    ['1', 'web', '2'], ['2', 'web', '2'], ['3', 'web', '1'],
    ['1', 'email', '1'], ['2', 'email', '0'], ['3', 'email', '0'],
  ]);
  const retention = page.getByRole('region', { name: 'Weekly retention' });
  const cells = retention.locator('.cohort-table tr[data-cohort="2026-10-05"] td.cohort-cell');
  await expect(cells).toHaveText(['100%', '33.33%', '16.67%', '16.67%', '16.67%']);
  expect(await cells.evaluateAll((c) => c.map((td) => td.getAttribute('data-count')))).toEqual(['6', '2', '1', '1', '1']);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(SCREENS_DIR, 'saved-analyses.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(SCREENS_DIR, 'saved-analyses-dark.png') });
  await page.emulateMedia({ colorScheme: 'light' });

  // "Edit view" opens the saved funnel on the Funnels screen, its steps and breakdown loaded.
  await page.getByRole('button', { name: 'Edit the view of Checkout funnel by source' }).click();
  await expect(page).toHaveURL(/#\/funnels\/[0-9a-f-]{36}$/);
  await expect(countsOf(page, 'web')).toHaveText(['2', '2', '1']);
  await expect(page.getByLabel('Breakdown')).toHaveValue('source');
  await page.goBack();
  await page.getByRole('button', { name: 'Edit the view of Weekly retention' }).click();
  await expect(page).toHaveURL(/#\/retention\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: /Retention · Weekly retention/ })).toBeVisible();
});
