/**
 * Explore on a long minute series: the chart draws a thinned series (min/max per run of
 * buckets, asked of the engine with maxPoints) while the table and CSV keep every bucket.
 *
 * 3,000 minutes from 2026-10-01T00:00Z; minute m has 2 events when m % 3 = 1, else 1 (4,000
 * events). Thinned to 2,000 points, the buckets fall into 1,000 runs of 3 (m = 3r, 3r+1, 3r+2:
 * counts 1, 2, 1); each run keeps its lowest (the earliest 1, at 3r) and its highest (3r+1):
 * 2,000 buckets drawn, every count-2 minute among them.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCREENS_DIR, expect, test, type Seed } from './fixtures';

const MINUTES = 3000;
const START = Date.UTC(2026, 9, 1);

const seedMinutes: Seed = async ({ workspace, dir, cli }) => {
  const lines: string[] = [];
  for (let m = 0; m < MINUTES; m++) {
    const at = new Date(START + m * 60_000).toISOString();
    for (let k = 0; k < (m % 3 === 1 ? 2 : 1); k++) lines.push(JSON.stringify({ event_id: `m${m}-${k}`, event_name: 'tick', occurred_at: at }));
  }
  const file = join(dir, 'minutes.ndjson');
  writeFileSync(file, lines.join('\n') + '\n');
  await cli(['import', '-w', workspace, '-n', 'minutes', '-k', 'events', file]);
};

// eslint-disable-next-line no-empty-pattern
test.use({ seed: [async ({}, use) => use(seedMinutes), { scope: 'worker' }] });

test('draws a 3,000-minute series from 2,000 thinned buckets and keeps all 3,000 in the table', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Explore' }).click();
  await expect(page.getByRole('combobox', { name: 'Dataset', exact: true })).toHaveValue('minutes');
  await page.getByRole('combobox', { name: 'Grain' }).selectOption('minute');

  await expect(page.getByRole('heading', { name: /Result/ })).toHaveText(`Result · ${MINUTES} rows`);
  await expect(page.getByTestId('thinned-note')).toHaveText(/^Drawn from 2,000 of 3,000 buckets/);
  await expect(page.locator('.explore-chart canvas').first()).toBeVisible();

  // By the hour, 50 buckets: drawn as they are.
  await page.getByRole('combobox', { name: 'Grain' }).selectOption('hour');
  await expect(page.getByRole('heading', { name: /Result/ })).toHaveText('Result · 50 rows');
  await expect(page.getByTestId('thinned-note')).toHaveCount(0);

  await page.getByRole('combobox', { name: 'Grain' }).selectOption('minute');
  await expect(page.getByTestId('thinned-note')).toBeVisible();
  await page.setViewportSize({ width: 1440, height: 1100 });
  await page.waitForTimeout(500); // the chart resizes and settles its animation
  await page.screenshot({ path: join(SCREENS_DIR, 'explore-thinned.png') });
});
