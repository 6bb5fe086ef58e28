/**
 * The queue panel's header in the browser through the web host, on the demo library: the queue's length
 * (track count and time left) is read in full, never cut off, at 1400x900 (the side column) and 800x600
 * (the drawer), light and dark, with a plain queue and while a radio plays.
 * Screenshots land in SOUNDLIKE_SCREENSHOTS (default test-results/screenshots).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { demoAudioFiles } from '../support/demo-library';
import { startDemoHost } from '../support/demo-host';
import type { RunningHost } from '../support/web-host';

const ARTIFACTS = process.env.SOUNDLIKE_SCREENSHOTS ?? 'test-results/screenshots';
const MODEL = process.env.SOUNDLIKE_MODEL ? resolve(process.env.SOUNDLIKE_MODEL) : resolve('models/manifest.json');
const SIZES = [[1400, 900], [800, 600]] as const;

let host: RunningHost;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // The automatic analysis stays off so the page keeps the CPU (a radio analyses its seed by itself).
  host = await startDemoHost(browser, { analyse: false });
});
test.afterAll(async () => {
  await host?.stop();
});

/** Shows the queue at this size (opening the drawer where the side panel is one) and checks its header. */
async function checkHeader(page: Page, name: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      const side = page.locator('aside.side');
      const drawer = width < 1100; // below that the side panel is a drawer, closed until asked for
      if (drawer) {
        await expect(side).toBeHidden();
        await page.getByTestId('side-toggle').click();
        await page.waitForTimeout(250); // the slide-in
      }
      await expect(side).toBeVisible();
      const summary = page.getByTestId('queue-summary');
      await expect(summary).toBeVisible();
      await expect(summary).toHaveText(/^\d[\d,]* tracks? · \d.* left$/);
      // Not clipped: nothing is hidden past its edges, and it lies inside the side panel.
      const clip = await summary.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, scrollH: el.scrollHeight, clientH: el.clientHeight }));
      expect(clip.scroll).toBeLessThanOrEqual(clip.client);
      expect(clip.scrollH).toBeLessThanOrEqual(clip.clientH);
      const head = await page.locator('.queue-head').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(head.scroll).toBeLessThanOrEqual(head.client);
      const [inner, outer] = await Promise.all([summary.boundingBox(), side.boundingBox()]);
      expect(inner && outer && inner.x >= outer.x && inner.x + inner.width <= outer.x + outer.width + 0.5).toBe(true);
      await page.screenshot({ path: `${ARTIFACTS}/queue-header-${name}-${theme}-${width}x${height}.png` });
      if (drawer) {
        await page.keyboard.press('Escape');
        await expect(side).toBeHidden();
      }
    }
  }
}

test('the queue header shows the track count and time left in full at both sizes, light and dark', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(host.url);
  await page.getByTestId('nav-library').click();
  await page.getByTestId('track-row').first().locator('.cell-title').dblclick();
  await page.getByTestId('toggle-queue').click();
  await expect(page.getByTestId('queue-item').nth(3)).toBeVisible();
  await expect(page.getByTestId('queue-summary')).toContainText(`${demoAudioFiles().length} tracks`);
  await checkHeader(page, 'plain');
  await page.getByTestId('play-pause').click();
});

test('the queue header stays readable while a radio plays', async ({ page }) => {
  test.skip(!existsSync(MODEL), `No sound model at ${MODEL}: a radio needs one.`);
  test.setTimeout(420_000);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(host.url);
  await page.getByTestId('nav-library').click();
  // Analyse the library first, so the radio starts with a queue of several picks.
  await page.getByTestId('resume-analysis').click();
  await expect(page.getByTestId('analysis-headline')).toContainText(`All ${demoAudioFiles().length} tracks analysed`, { timeout: 180_000 });
  const rows = page.getByTestId('track-row');
  await rows.nth(0).hover();
  await rows.nth(0).getByTestId('play-similar').click();
  await expect(page.getByTestId('radio-line')).toBeVisible({ timeout: 180_000 });
  if (!(await page.getByTestId('queue-summary').isVisible())) await page.getByTestId('toggle-queue').click();
  await expect(page.getByTestId('queue-item').nth(3)).toBeVisible();
  await checkHeader(page, 'radio');
  await page.getByTestId('play-pause').click();
});
