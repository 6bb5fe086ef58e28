/**
 * The library in the browser through the web host: add the demo folder, see every track, search,
 * play one (the audio element's clock advances), queue it; screenshots are kept as artifacts.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { demoAudioFiles, DEMO_LIBRARY } from '../support/demo-library';
import { startHost, type RunningHost } from '../support/web-host';

const ARTIFACTS = 'test-results/screenshots';
let host: RunningHost;

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

function audioTime(page: Page): Promise<number> {
  return page.evaluate(() => (document.querySelector('[data-testid="audio-player"]') as HTMLAudioElement | null)?.currentTime ?? 0);
}

test('a token is required', async ({ page }) => {
  const response = await page.goto(host.origin);
  expect(response?.status()).toBe(401);
  await expect(page.locator('body')).toContainText('access link');
});

test('scan a folder, see its tracks, search, and play one', async ({ page }) => {
  const expected = demoAudioFiles().length;
  expect(expected).toBeGreaterThan(5);
  await page.goto(host.url);
  await expect(page.getByTestId('empty-library')).toBeVisible();

  await page.getByTestId('folder-path-input').fill(DEMO_LIBRARY);
  await page.getByTestId('add-folder-button').click();
  await expect(page.getByTestId('nav-library')).toContainText(String(expected), { timeout: 60_000 });
  await expect(page.getByTestId('track-row').first()).toBeVisible();
  const visibleRows = await page.getByTestId('track-row').count();
  expect(visibleRows).toBe(Math.min(expected, visibleRows)); // virtualised: never more rows than tracks
  expect(visibleRows).toBeGreaterThan(5);
  await page.screenshot({ path: `${ARTIFACTS}/web-library.png` });

  // Instant search: every row left matches, and clearing it brings the library back.
  const firstRowText = (await page.getByTestId('track-row').first().innerText()).split('\n').map((s) => s.trim()).filter(Boolean);
  const title = firstRowText.find((s) => /[a-z]{4}/i.test(s) && !/^\d/.test(s)) as string;
  await page.getByTestId('search-input').fill(title);
  await expect(page.getByTestId('track-row').first()).toContainText(title);
  const matches = await page.getByTestId('track-row').allInnerTexts();
  expect(matches.length).toBeLessThan(expected);
  for (const row of matches) expect(row.toLowerCase()).toContain(title.toLowerCase().split(' ')[0]);
  await page.screenshot({ path: `${ARTIFACTS}/web-search.png` });

  // Play it: the now-playing bar names it and the audio clock moves.
  await page.getByTestId('track-row').first().locator('.cell-title').dblclick();
  await expect(page.getByTestId('now-playing-title')).toHaveText(title);
  await expect.poll(() => audioTime(page), { timeout: 20_000 }).toBeGreaterThan(1);
  await page.getByTestId('play-pause').click();
  const paused = await audioTime(page);
  await page.waitForTimeout(700);
  expect(Math.abs((await audioTime(page)) - paused)).toBeLessThan(0.05);

  // The queue holds what was played from the filtered list.
  await page.getByTestId('toggle-queue').click();
  await expect(page.getByTestId('queue-item').first()).toBeVisible();
  await page.screenshot({ path: `${ARTIFACTS}/web-playing.png` });

  await page.getByTestId('search-input').fill('');
  await expect.poll(() => page.getByTestId('track-row').count()).toBe(visibleRows);
});

test('bad folder input gets a clear error', async ({ page }) => {
  await page.goto(host.url);
  await page.getByTestId('nav-folders').click();
  await page.getByTestId('folder-path-input').fill('/no/such/folder');
  await page.getByTestId('add-folder-button').click();
  await expect(page.getByTestId('folder-error')).toContainText('There is no folder');
});
