/**
 * The jobs and events dashboards on a small workspace whose answers were worked out by hand:
 * KPIs for all time, the last 7 days and a custom range, every chart drawn, the filter bar
 * restored after a reload, and the top event's count.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { SCREENS_DIR, expect, test, type Seed } from './fixtures';

// Seed 002 CSV export headers. Generation time = Completed At − Started At.
const JOBS_CSV = `Job ID,Created At,Status,Publisher,Target URL,Anchor Text,Provider,Strategy,Estimated Cost,Actual Cost,Started At,Completed At
j1,2026-10-01T10:00:00Z,delivered,a.se,https://a.se/x,x,anthropic,multi_stage,0.5,0.50,2026-10-01T10:00:00Z,2026-10-01T10:00:30Z
j2,2026-10-02T10:00:00Z,delivered,b.se,https://b.se/x,x,openai,single_shot,0.3,0.30,2026-10-02T10:00:00Z,2026-10-02T10:00:50Z
j3,2026-10-05T10:00:00Z,blocked,a.se,https://a.se/y,y,anthropic,multi_stage,0.2,0.20,2026-10-05T10:00:00Z,2026-10-05T10:00:10Z
j4,2026-10-08T12:00:00Z,delivered,c.se,https://c.se/x,x,anthropic,multi_stage,1.0,1.00,2026-10-08T12:00:00Z,2026-10-08T12:01:00Z
j5,2026-10-09T12:00:00Z,aborted,b.se,https://b.se/y,y,openai,single_shot,0.3,,,
j6,2026-10-10T12:00:00Z,delivered,c.se,https://c.se/y,y,google,multi_stage,0.4,0.40,2026-10-10T12:00:00Z,2026-10-10T12:00:40Z
`;

// Hand-worked KPIs:
// all time: 6 jobs; cost 0.5+0.3+0.2+1.0+0.4 = 2.40; delivered 4/6 = 66.67%; generation (30+50+10+60+40)/5 = 38 s.
// last 7 days up to the watermark 10-10 12:00 (from 10-03 12:00): j3..j6 = 4 jobs; 1.60; 2/4 = 50%; (10+60+40)/3 = 36.67 s.
// custom 2026-10-01 – 2026-10-02: j1, j2 = 2 jobs; 0.80; 100%; (30+50)/2 = 40 s.

const event = (id: string, name: string, at: string, user: string, attributes: Record<string, unknown> = {}) =>
  JSON.stringify({ event_id: id, event_name: name, occurred_at: at, tenant_id: 't1', session_id: `s-${user}`, user_id: user, source: 'web', attributes });

// voice.turn_started ×3 is the top event; voice.first_response ×2 carries a latency.
const EVENTS_NDJSON = [
  event('e1', 'voice.turn_started', '2026-10-09T10:00:00Z', 'u1'),
  event('e2', 'voice.first_response', '2026-10-09T10:00:01Z', 'u1', { 'voice.first_response_ms': 400 }),
  event('e3', 'voice.turn_started', '2026-10-10T09:00:00Z', 'u2'),
  event('e4', 'voice.first_response', '2026-10-10T09:00:01Z', 'u2', { 'voice.first_response_ms': 800 }),
  event('e5', 'voice.turn_started', '2026-10-10T11:00:00Z', 'u1'),
  event('e6', 'commerce.view', '2026-10-10T11:05:00Z', 'u3'),
].join('\n');

const seedDashboards: Seed = async ({ workspace, dir, cli }) => {
  const jobs = join(dir, 'jobs.csv');
  const events = join(dir, 'events.ndjson');
  writeFileSync(jobs, JOBS_CSV);
  writeFileSync(events, EVENTS_NDJSON + '\n');
  await cli(['import', '-w', workspace, '-n', 'jobs', jobs]);
  await cli(['import', '-w', workspace, '-n', 'events', events]);
};

// A function-valued option is passed as a fixture that provides it (Playwright reads a bare
// function as the fixture itself). No dependencies: an empty pattern.
// eslint-disable-next-line no-empty-pattern
test.use({ seed: [async ({}, use) => use(seedDashboards), { scope: 'worker' }] });

async function open(page: Page, url: string, screen: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: screen }).click();
}

async function expectKpis(page: Page, values: Record<string, string>): Promise<void> {
  for (const [id, text] of Object.entries(values)) await expect(page.getByTestId(`kpi-${id}`)).toHaveText(text);
}

/** The bits of a canvas the check reads (the node tsconfig has no DOM types). */
interface CanvasLike {
  readonly width: number;
  readonly height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

/** Whether a chart's canvas has painted pixels. */
async function expectChartDrawn(page: Page, testId: string): Promise<void> {
  const canvas = page.getByTestId(testId).locator('canvas').first();
  await expect(canvas).toBeVisible();
  await expect
    .poll(() =>
      canvas.evaluate((el) => {
        const c = el as unknown as CanvasLike;
        const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
        let painted = 0;
        for (let i = 3; data && i < data.length; i += 4) if (data[i]! > 0) painted++;
        return painted;
      }),
    )
    .toBeGreaterThan(500);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 2000 });
  await page.waitForTimeout(500); // charts resize and settle their animation
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`) });
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('the jobs dashboard shows hand-worked KPIs for all time, the last 7 days and a custom range', async ({ app, page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await open(page, app.url, 'Jobs dashboard');
  const bar = page.getByRole('region', { name: 'Filters' });
  await bar.getByRole('button', { name: 'All', exact: true }).click();
  await expectKpis(page, { 'total-jobs': '6', 'total-cost': '$2.40', 'success-rate': '66.67%', 'avg-generation-time': '38 s' });
  for (const chart of ['jobs-over-time', 'cost-by-provider', 'success-rate-trend', 'provider-performance', 'status-distribution']) {
    await expectChartDrawn(page, `chart-${chart}`);
  }
  await expect(page.getByRole('region', { name: 'Recent jobs' }).locator('tbody tr')).toHaveCount(6);
  await expect(page.getByRole('region', { name: 'Recent jobs' }).locator('tbody tr').first()).toContainText('j6');

  await bar.getByRole('button', { name: '7d' }).click();
  await expectKpis(page, { 'total-jobs': '4', 'total-cost': '$1.60', 'success-rate': '50%', 'avg-generation-time': '36.67 s' });
  // The previous 7 days (09-26 12:00 – 10-03 12:00) hold j1 and j2: 2 → 4 jobs is +100%.
  await expect(page.locator('[data-kpi="total-jobs"] .kpi-change')).toContainText('100%');
  // The table follows the range: the 4 jobs of the last 7 days, newest (j6) first.
  await expect(page.getByRole('region', { name: 'Recent jobs' }).locator('tbody tr')).toHaveCount(4);
  await screenshot(page, 'jobs');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectChartDrawn(page, 'chart-jobs-over-time');
  await screenshot(page, 'jobs-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await bar.getByRole('button', { name: 'Custom' }).click();
  await bar.getByLabel('Range start').fill('2026-10-01');
  await bar.getByLabel('Range end').fill('2026-10-02');
  await expectKpis(page, { 'total-jobs': '2', 'total-cost': '$0.80', 'success-rate': '100%', 'avg-generation-time': '40 s' });

  // A dimension filter narrows every panel: provider = anthropic in 10-01 – 10-02 is j1 alone.
  await bar.getByLabel('Filter field').selectOption('provider');
  await bar.getByLabel('Filter value').fill('anthropic');
  await bar.getByRole('button', { name: 'Add filter' }).click();
  await expectKpis(page, { 'total-jobs': '1', 'total-cost': '$0.50', 'success-rate': '100%', 'avg-generation-time': '30 s' });
  const recent = page.getByRole('region', { name: 'Recent jobs' });
  await expect(recent.locator('tbody tr')).toHaveCount(1);
  await expect(recent.locator('tbody tr').first()).toContainText('j1');
  // Its export holds the same selection, all pages: one job.
  const download = page.waitForEvent('download');
  await recent.getByRole('button', { name: 'CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8').trim().split('\n');
  expect(csv).toHaveLength(2);
  expect(csv[1]).toMatch(/^j1,/);

  // The bar is kept with the workspace: a reload restores the custom range and the filter.
  await page.waitForTimeout(800); // the save is debounced
  await page.reload();
  await expectKpis(page, { 'total-jobs': '1', 'total-cost': '$0.50' });
  await expect(bar.getByLabel('Range start')).toHaveValue('2026-10-01');
  await bar.getByRole('button', { name: /Remove filter provider/ }).click();
  await expectKpis(page, { 'total-jobs': '2' });
  expect(errors).toEqual([]);
});

test('the events dashboard counts the top event and draws its panels', async ({ app, page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await open(page, app.url, 'Events dashboard');
  const bar = page.getByRole('region', { name: 'Filters' });
  await bar.getByRole('button', { name: 'All', exact: true }).click();
  await expectKpis(page, { events: '6', users: '3', sessions: '3' });
  // The filter form starts on event_name (not the unique event_id) and asks for its values only
  // once the value box is used: the most frequent first.
  await expect(bar.getByLabel('Filter field')).toHaveValue('event_name');
  const suggestions = page.locator('#filter-values-events option');
  await expect(suggestions).toHaveCount(0);
  await bar.getByLabel('Filter value').focus();
  await expect(suggestions).toHaveCount(3);
  expect(await suggestions.evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value))).toEqual(['voice.turn_started', 'voice.first_response', 'commerce.view']);
  for (const chart of ['volume-by-event', 'dau-wau-mau', 'top-events', 'latency-percentiles-of-voice-first-response-ms']) {
    await expectChartDrawn(page, `chart-${chart}`);
  }
  // The top event's count, from the chart's own data (its CSV export).
  const download = page.waitForEvent('download');
  await page.getByRole('figure', { name: 'Top events' }).getByRole('button', { name: 'CSV' }).click();
  const csv = await (await download).createReadStream();
  let text = '';
  for await (const chunk of csv) text += String(chunk);
  expect(text.split('\n').slice(0, 2)).toEqual(['event_name,count', 'voice.turn_started,3']);

  await bar.getByRole('button', { name: '7d' }).click();
  // Up to the watermark 10-10 11:05, the last 7 days hold all six events; 10-10 alone holds four.
  await expectKpis(page, { events: '6' });
  await bar.getByRole('button', { name: 'Custom' }).click();
  await bar.getByLabel('Range start').fill('2026-10-10');
  await bar.getByLabel('Range end').fill('2026-10-10');
  await expectKpis(page, { events: '4', users: '3' });
  await bar.getByRole('button', { name: 'All', exact: true }).click();
  await screenshot(page, 'events');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectChartDrawn(page, 'chart-volume-by-event');
  await screenshot(page, 'events-dark');
  expect(errors).toEqual([]);
});
