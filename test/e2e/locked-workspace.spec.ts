/**
 * A workspace another process is writing: Home says so and offers to open it read-only, which
 * opens a snapshot of its last save (the other process's unsaved rows are not in it).
 */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { holdWorkspace } from '../helpers/hold-workspace';
import { SCREENS_DIR, expect, test, type Seed } from './fixtures';

/** Two rows the other process adds and never checkpoints. */
const LATE_ROWS = "INSERT INTO shared (event_id, event_name, occurred_at) SELECT 'late-' || range, 'commerce.view', TIMESTAMPTZ '2026-10-02 00:00:00+00' FROM range(2)";

let holder: ChildProcess | null = null;

const seedShared: Seed = async ({ workspace, dir, cli }) => {
  const { writeFileSync } = await import('node:fs');
  const lines = Array.from({ length: 3 }, (_, i) => JSON.stringify({ event_id: `e${i}`, event_name: 'commerce.view', occurred_at: '2026-10-01T10:00:00Z' }));
  writeFileSync(join(dir, 'shared.ndjson'), lines.join('\n'));
  // The app starts on its own workspace; the shared one is opened from Home.
  await cli(['import', '-w', workspace, '-n', 'mine', join(dir, 'shared.ndjson')]);
  await cli(['import', '-w', join(dir, 'shared.tallybook'), '-n', 'shared', join(dir, 'shared.ndjson')]);
};

// eslint-disable-next-line no-empty-pattern
test.use({ seed: [async ({}, use) => use(seedShared), { scope: 'worker' }] });

test.afterEach(() => {
  holder?.kill('SIGKILL');
  holder = null;
});

test('a workspace open for writing elsewhere is offered read-only, as a snapshot of its last save', async ({ app, page }) => {
  const path = join(app.dir, 'shared.tallybook');
  holder = await holdWorkspace(path, LATE_ROWS);

  await page.goto(app.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Home' }).click();
  await page.getByLabel('Workspace file').fill(path);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByText(/is open for writing in another process/)).toBeVisible();
  await page.screenshot({ path: join(SCREENS_DIR, 'home-locked.png'), fullPage: true });

  await page.getByRole('button', { name: 'Open read-only' }).click();
  const card = page.locator('[data-dataset="shared"]');
  await expect(card).toContainText('3 rows');
  await expect(page.getByText('shared.tallybook (snapshot)').first()).toBeVisible();
  await page.screenshot({ path: join(SCREENS_DIR, 'home-snapshot.png'), fullPage: true });
});
