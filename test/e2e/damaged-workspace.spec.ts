/**
 * A damaged workspace: Home says what happened (moved aside, nothing deleted) and offers to
 * rebuild it from its recorded sources, which brings its dataset back whole.
 */
import { openSync, writeSync, closeSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SCREENS_DIR, expect, test, type Seed } from './fixtures';

const seedDamaged: Seed = async ({ workspace, dir, cli }) => {
  const { writeFileSync } = await import('node:fs');
  const lines = Array.from({ length: 4 }, (_, i) => JSON.stringify({ event_id: `e${i}`, event_name: 'commerce.view', occurred_at: '2026-10-01T10:00:00Z' }));
  writeFileSync(join(dir, 'events.ndjson'), lines.join('\n'));
  await cli(['import', '-w', workspace, '-n', 'mine', join(dir, 'events.ndjson')]);
  await cli(['import', '-w', join(dir, 'broken.tallybook'), '-n', 'kept', join(dir, 'events.ndjson')]);
  // Garble the file's header: DuckDB can no longer read it.
  const fd = openSync(join(dir, 'broken.tallybook'), 'r+');
  writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 0);
  closeSync(fd);
};

// eslint-disable-next-line no-empty-pattern
test.use({ seed: [async ({}, use) => use(seedDamaged), { scope: 'worker' }] });

test('a damaged workspace is moved aside and rebuilt from its sources', async ({ app, page }) => {
  const path = join(app.dir, 'broken.tallybook');
  await page.goto(app.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Home' }).click();
  await page.getByLabel('Workspace file').fill(path);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByText(/is damaged .*it was moved aside to broken\.tallybook\.damaged-/)).toBeVisible();
  // Moved aside, not deleted: the damaged file (and the record of its sources, copied beside it).
  expect(readdirSync(app.dir).filter((f) => /^broken\.tallybook\.damaged-[\dTZ-]+$/.test(f))).toHaveLength(1);
  await page.screenshot({ path: join(SCREENS_DIR, 'home-damaged.png'), fullPage: true });

  await page.getByRole('button', { name: 'Rebuild from its sources' }).click();
  await expect(page.locator('[data-dataset="kept"]')).toContainText('4 rows');
  await expect(page.getByRole('status')).toContainText('Rebuilt broken.tallybook: 1 import, 4 rows. Every recorded source was imported again.');
  expect(existsSync(path)).toBe(true);
  await page.screenshot({ path: join(SCREENS_DIR, 'home-rebuilt.png'), fullPage: true });
});
