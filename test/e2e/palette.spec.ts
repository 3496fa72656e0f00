/**
 * The command palette (Ctrl+K) and the keyboard shortcuts overlay (?): running a screen
 * command, toggling the theme, opening a dataset by name, the help listing, and Esc closing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { SCREENS_DIR, expect, test, type Seed } from './fixtures';

// Two jobs, so the Jobs dashboard has data: 2 jobs in all.
const JOBS_CSV = `Job ID,Created At,Status,Publisher,Target URL,Anchor Text,Provider,Strategy,Estimated Cost,Actual Cost,Started At,Completed At
j1,2026-10-01T10:00:00Z,delivered,a.se,https://a.se/x,x,anthropic,multi_stage,0.5,0.50,2026-10-01T10:00:00Z,2026-10-01T10:00:30Z
j2,2026-10-02T10:00:00Z,blocked,b.se,https://b.se/x,x,openai,single_shot,0.3,0.30,2026-10-02T10:00:00Z,2026-10-02T10:00:50Z
`;

const seedJobs: Seed = async ({ workspace, dir, cli }) => {
  const jobs = join(dir, 'jobs.csv');
  writeFileSync(jobs, JOBS_CSV);
  await cli(['import', '-w', workspace, '-n', 'jobs', jobs]);
};

// eslint-disable-next-line no-empty-pattern
test.use({ seed: [async ({}, use) => use(seedJobs), { scope: 'worker' }] });

const palette = (page: Page) => page.getByRole('dialog', { name: 'Command palette' });
const help = (page: Page) => page.getByRole('dialog', { name: 'Keyboard shortcuts' });

async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('navigation', { name: 'Screens' }).getByText('ws.tallybook', { exact: true })).toBeVisible();
}

test('Ctrl+K, "jobs", Enter shows the Jobs dashboard', async ({ app, page }) => {
  await openApp(page, app.url);
  await page.keyboard.press('Control+k');
  await expect(palette(page)).toBeVisible();
  await expect(palette(page).getByRole('combobox')).toBeFocused();
  await page.keyboard.type('jobs');
  const options = palette(page).getByRole('option');
  await expect(options.first()).toContainText('Jobs dashboard');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await expect(options.filter({ hasText: 'Open jobs' })).toHaveCount(1);
  await page.screenshot({ path: join(SCREENS_DIR, 'palette.png') });
  await page.keyboard.press('Enter');
  await expect(palette(page)).toBeHidden();
  await expect(page).toHaveURL(/#\/jobs$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Jobs dashboard' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Jobs dashboard' })).toHaveAttribute('aria-current', 'page');
});

test('arrow keys pick the dataset, and Ctrl+K "theme" toggles the theme', async ({ app, page }) => {
  await openApp(page, app.url);
  await page.keyboard.press('Control+k');
  await page.keyboard.type('jobs');
  await expect(palette(page).getByRole('option').first()).toContainText('Jobs dashboard');
  await page.keyboard.press('ArrowDown');
  await expect(palette(page).getByRole('option', { selected: true })).toContainText('Open jobs');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/dataset\/jobs$/);

  const before = await page.locator('html').getAttribute('data-theme');
  const after = before === 'dark' ? 'light' : 'dark';
  await page.keyboard.press('Control+k');
  await page.keyboard.type('theme');
  await expect(palette(page).getByRole('option').first()).toContainText('Toggle theme');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-theme', after);
  await page.keyboard.press('Control+k');
  await page.keyboard.type('theme');
  await page.screenshot({ path: join(SCREENS_DIR, `palette-${after}.png`) });
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-theme', before ?? 'light');
});

test('? opens the shortcuts overlay listing Ctrl+K; Esc closes it and the palette', async ({ app, page }) => {
  await openApp(page, app.url);
  await page.keyboard.press('?');
  await expect(help(page)).toBeVisible();
  await expect(help(page).getByRole('definition').filter({ hasText: 'Open the command palette' })).toBeVisible();
  await expect(help(page).locator('dt', { hasText: 'Ctrl+K' })).toHaveCount(1);
  await expect(help(page).locator('dt', { hasText: 'Alt+4' })).toHaveCount(1);
  await expect(help(page).locator('dt', { hasText: 'Ctrl+Enter' })).toHaveCount(1);
  await page.screenshot({ path: join(SCREENS_DIR, 'palette-help.png') });
  // Focus stays inside the dialog.
  await expect(help(page).getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(help(page).getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(help(page).getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(help(page)).toBeHidden();

  // Typing "?" in a text field types it, and the palette reaches the overlay too.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('?');
  await expect(palette(page).getByRole('combobox')).toHaveValue('?');
  await expect(help(page)).toBeHidden();
  await page.getByRole('combobox').fill('shortcuts');
  await page.keyboard.press('Enter');
  await expect(help(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help(page)).toBeHidden();

  await page.keyboard.press('Control+k');
  await expect(palette(page)).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(palette(page).getByRole('combobox')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(palette(page)).toBeHidden();
});

test('saved dashboards, views and reports open from the palette', async ({ app, page }) => {
  await openApp(page, app.url);
  const put = async (args: object): Promise<string> => {
    const res = await page.request.post(`${app.origin}/api/rpc/savedPut`, { data: { args } });
    expect(res.ok()).toBe(true);
    return ((await res.json()) as { result: { id: string } }).result.id;
  };
  const spec = { dataset: 'jobs', measures: ['count'], dimensions: ['provider'] };
  const viewId = await put({ kind: 'view', name: 'Jobs per provider', body: { spec, chart: 'bar' } });
  const boardId = await put({ kind: 'dashboard', name: 'Ops weekly', body: { panels: [{ id: 'p1', viewId, title: 'Jobs per provider', w: 6, h: 2 }] } });

  await page.keyboard.press('Control+k');
  await page.keyboard.type('ops week');
  await expect(palette(page).getByRole('option')).toHaveText([/Dashboard\s*Open Ops weekly/i]);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/my-dashboards/${boardId}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Ops weekly' })).toBeVisible();

  await page.keyboard.press('Control+k');
  await page.keyboard.type('per provider');
  await expect(palette(page).getByRole('option').first()).toContainText('Open Jobs per provider');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/explore/${viewId}$`));

  const reportId = await put({ kind: 'report', name: 'October review', body: { title: 'October review', blocks: [] } });
  await page.keyboard.press('Control+k');
  await page.keyboard.type('october');
  await expect(palette(page).getByRole('option')).toHaveText([/Report\s*Open October review/i]);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/reports/${reportId}$`));
});

test('the navigation tooltip shows Alt+N only for screens with a key', async ({ app, page }) => {
  await openApp(page, app.url);
  const nav = page.getByRole('navigation', { name: 'Screens' });
  await expect(nav.getByRole('link', { name: 'Jobs dashboard' })).toHaveAttribute('title', 'Jobs dashboard (Alt+4)');
  await expect(nav.getByRole('link', { name: 'My dashboards' })).toHaveAttribute('title', 'My dashboards');
});
