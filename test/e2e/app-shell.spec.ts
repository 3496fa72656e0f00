/** The frame every screen lives in: token-gated loading, navigation, and no console errors. */
import { join } from 'node:path';
import { SCREENS_DIR, expect, test } from './fixtures';

test('the app loads behind the token and every screen is reachable from the navigation', async ({ app, page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  await page.goto(app.url);
  await expect(page).toHaveURL(`${app.origin}/`); // the token left the address bar for a cookie
  const nav = page.getByRole('navigation', { name: 'Screens' });
  for (const label of ['Home', 'Import', 'Datasets', 'Jobs dashboard', 'Events dashboard', 'Settings']) {
    await nav.getByRole('link', { name: label }).click();
    await expect(nav.getByRole('link', { name: label })).toHaveAttribute('aria-current', 'page');
  }
  await page.screenshot({ path: join(SCREENS_DIR, 'shell.png') });
  expect(errors).toEqual([]);
});

test('without the token the server refuses the page and the API', async ({ app, request }) => {
  const page = await request.get(`${app.origin}/`, { headers: { cookie: '' } });
  expect(page.status()).toBe(401);
  const rpc = await request.post(`${app.origin}/api/rpc/datasets`, { data: { args: {} }, headers: { cookie: '' } });
  expect(rpc.status()).toBe(401);
});
