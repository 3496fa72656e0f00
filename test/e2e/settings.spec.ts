/** Settings: the theme switch applies at once and survives a reload; workspace settings save with feedback. */
import { join } from 'node:path';
import { SCREENS_DIR, expect, test } from './fixtures';

test('switching the theme sets the page theme and is remembered', async ({ app, page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(app.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Settings' }).click();
  const theme = () => page.locator('html').getAttribute('data-theme');

  await page.getByRole('radio', { name: 'Dark' }).check({ force: true });
  await expect.poll(theme).toBe('dark');
  await page.screenshot({ path: join(SCREENS_DIR, 'settings-dark.png'), fullPage: true });
  await page.reload();
  await expect.poll(theme).toBe('dark');

  await page.getByRole('radio', { name: 'Light' }).check({ force: true });
  await expect.poll(theme).toBe('light');

  await page.getByRole('radio', { name: 'System' }).check({ force: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(theme).toBe('dark');
});

test('time zone, week start and currency are saved to the workspace', async ({ app, page }) => {
  await page.goto(app.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Time zone').selectOption('Europe/Stockholm');
  await expect(page.getByText('Saved')).toBeVisible();
  await page.getByLabel('Week starts on').selectOption('sunday');
  await page.getByLabel('Currency').selectOption('SEK');
  await expect(page.getByText('Saved')).toBeVisible();
  await page.screenshot({ path: join(SCREENS_DIR, 'settings.png'), fullPage: true });

  // After a reload the values come back from the engine, so they were written to the workspace.
  await page.reload();
  await expect(page.getByLabel('Time zone')).toHaveValue('Europe/Stockholm');
  await expect(page.getByLabel('Week starts on')).toHaveValue('sunday');
  await expect(page.getByLabel('Currency')).toHaveValue('SEK');
});
