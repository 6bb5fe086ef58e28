/**
 * The printed access link always works in one browser: two hosts on two ports each keep their own cookie
 * (browsers send a host's cookies to every port, so the cookie is named per port), the first link still
 * works after visiting the second, and a host restarted on the same port takes its new link over the
 * cookie the old run left.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_LIBRARY } from '../support/demo-library';
import { startHost, type RunningHost } from '../support/web-host';

const ARTIFACTS = 'test-results/screenshots';
const hosts: RunningHost[] = [];

test.beforeAll(() => {
  mkdirSync(ARTIFACTS, { recursive: true });
});
test.afterAll(async () => {
  for (const host of hosts) await host.stop();
});

async function host(options: { port?: number } = {}): Promise<RunningHost> {
  const started = await startHost(options);
  hosts.push(started);
  return started;
}

/** The app (not the "needs its access link" page) is open, and the page's own API calls are let in. */
async function expectLetIn(page: Page, origin: string): Promise<void> {
  await expect(page).toHaveURL(`${origin}/`);
  await expect(page.getByText('Soundlike needs its access link')).toHaveCount(0);
  await expect(page.getByTestId('nav-library')).toBeVisible();
  const status = await page.evaluate(async () => (await fetch('/api/library/listFolders', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' })).status);
  expect(status).toBe(200);
}

test('two hosts on two ports in one browser each open from their link, and the first again after the second', async ({ browser }) => {
  const first = await host();
  const second = await host();
  expect(first.port).not.toBe(second.port);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();

  await page.goto(first.url);
  await expectLetIn(page, first.origin);
  // Tell the two apart: only the second host gets a folder.
  await page.goto(second.url);
  await expectLetIn(page, second.origin);
  await page.getByTestId('folder-path-input').fill(join(DEMO_LIBRARY, 'Trio Maré'));
  await page.getByTestId('add-folder-button').click();
  await expect(page.getByTestId('nav-library')).toContainText('2', { timeout: 60_000 });
  await page.screenshot({ path: `${ARTIFACTS}/access-link-second-host-1400.png` });

  // One cookie per port, both kept.
  const names = (await context.cookies()).map((c) => c.name).sort();
  expect(names).toEqual([`soundlike_token_${first.port}`, `soundlike_token_${second.port}`].sort());

  // Back to the first: its link and its plain address both still work, and it is the first library.
  await page.goto(first.url);
  await expectLetIn(page, first.origin);
  await expect(page.getByTestId('nav-library')).not.toContainText('2');
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto(`${first.origin}/`);
  await expectLetIn(page, first.origin);
  await page.screenshot({ path: `${ARTIFACTS}/access-link-first-host-again-800.png` });
  // And the second by its plain address, on its cookie alone.
  await page.goto(`${second.origin}/`);
  await expectLetIn(page, second.origin);
  await expect(page.getByTestId('nav-library')).toContainText('2');
  await context.close();
});

test('a host restarted on the same port: its new link wins over the old run\'s cookie; the old link is refused', async ({ browser }) => {
  const before = await host();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(before.url);
  await expectLetIn(page, before.origin);
  const port = before.port;
  const oldUrl = before.url;
  await before.stop();
  hosts.splice(hosts.indexOf(before), 1);

  const after = await host({ port });
  expect(after.token).not.toBe(before.token);
  // The old cookie alone is refused with the page that says what to open.
  await page.goto(`${after.origin}/`);
  await expect(page.getByRole('heading', { name: 'Soundlike needs its access link' })).toBeVisible();
  // An old link (and the old cookie) is refused too.
  await page.goto(oldUrl);
  await expect(page.getByRole('heading', { name: 'Soundlike needs its access link' })).toBeVisible();
  await page.screenshot({ path: `${ARTIFACTS}/access-link-old-link-1400.png` });
  // The freshly printed link wins and replaces the cookie.
  await page.goto(after.url);
  await expectLetIn(page, after.origin);
  const cookie = (await context.cookies()).find((c) => c.name === `soundlike_token_${port}`);
  expect(cookie?.value).toBe(after.token);
  expect(cookie?.httpOnly).toBe(true);
  // On the new cookie alone, at the smallest size.
  await page.setViewportSize({ width: 800, height: 600 });
  await page.reload();
  await expectLetIn(page, after.origin);
  await page.screenshot({ path: `${ARTIFACTS}/access-link-restarted-800.png` });
  await context.close();
});
