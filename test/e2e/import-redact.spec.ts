/**
 * The Import screen's "Redact personal data" switch: off by default; on, it reaches the import
 * request (redact: true) and the dataset's grid shows the event with its e-mail, phone, IP and
 * URL replaced, while the numbers stay as they were.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCREENS_DIR, expect, test, type Seed } from './fixtures';

const EVENT = {
  event_id: 'r1',
  event_name: 'kb.search',
  occurred_at: '2026-10-01T10:00:00Z',
  session_id: 's1',
  attributes: { q: 'please email anna.berg@example.com or call +46 70 123 45 67', latency_ms: 812 },
  context: { ip: '203.0.113.9', page: { url: 'https://shop.example.com/help/search?token=SECRET123#top' } },
};

const seedFile: Seed = async ({ dir }) => {
  writeFileSync(join(dir, 'contacts.ndjson'), JSON.stringify(EVENT) + '\n');
};

// A function-valued option must be given in fixture form, else Playwright would call it as the fixture.
// eslint-disable-next-line no-empty-pattern
test.use({ seed: [async ({}, use) => use(seedFile), { scope: 'worker' }] });

test('the redact switch reaches the import and the grid shows the event redacted', async ({ app, page }) => {
  await page.goto(app.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Import' }).click();
  await page.getByLabel(/one per line/).fill(join(app.dir, 'contacts.ndjson'));
  await page.getByLabel('Dataset (new or existing)').fill('voice');

  const redact = page.getByRole('switch', { name: 'Redact personal data' });
  await expect(redact).not.toBeChecked();
  await redact.check();
  await expect(page.getByTestId('redact-note')).toContainText('[email], [phone] and [ip]');
  await page.screenshot({ path: join(SCREENS_DIR, 'import-redact.png'), fullPage: true });

  const request = page.waitForRequest((r) => r.url().endsWith('/api/rpc/importFiles'));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  expect((await request).postDataJSON()).toMatchObject({ args: { dataset: 'voice', redact: true } });
  const summary = page.getByRole('region', { name: 'Import summary' });
  await expect(summary.locator('[data-stat="imported"]')).toContainText('1');

  await summary.getByRole('button', { name: 'Open voice' }).click();
  const grid = page.getByRole('grid', { name: 'voice rows' });
  const row = grid.locator('.dg-row[aria-rowindex="2"]');
  await expect(row).toContainText('please email [email] or call [phone]');
  await expect(row).toContainText('"latency_ms":812');
  await expect(row).toContainText('"ip":"[ip]"');
  await expect(row).toContainText('"url":"/help/search"');
  for (const secret of ['anna.berg', '123 45 67', '203.0.113.9', 'shop.example.com', 'SECRET123']) await expect(grid).not.toContainText(secret);
  await row.getByRole('gridcell').filter({ hasText: '[phone]' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENS_DIR, 'import-redact-dataset.png'), fullPage: true });
});
