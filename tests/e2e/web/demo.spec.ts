/**
 * `npm run demo` end to end: the real script on the demo library (fresh data folder, real sound model)
 * prints a radio and an address; opening that address shows the player with that radio already queued
 * (the seed, then the printed picks in order) and each pick explains itself. Skipped without a model.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { startDemo, type RunningDemo } from '../support/demo-run';

const ARTIFACTS = 'test-results/screenshots';
const MODEL = process.env.SOUNDLIKE_MODEL ? resolve(process.env.SOUNDLIKE_MODEL) : resolve('models/manifest.json');

let demo: RunningDemo;

test.skip(!existsSync(MODEL), `No sound model at ${MODEL}: the demo needs one to analyse the demo library.`);

test.beforeAll(async () => {
  test.setTimeout(180_000);
  mkdirSync(ARTIFACTS, { recursive: true });
  demo = await startDemo();
});
test.afterAll(async () => {
  if (demo) expect(await demo.stop()).toBe(0);
});

test('the printed address opens the player with the printed radio queued', async ({ browser }) => {
  const printed = demo.stdout.split('\n').filter((line) => /^\s*\d+\. /.test(line))
    .map((line) => /^\s*\d+\. (.+?)(?: - .+?)?\s{3}/.exec(line)?.[1] ?? line);
  expect(printed.length).toBeGreaterThanOrEqual(5);

  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(demo.url);
  await expect(page.getByTestId('now-playing-title')).toHaveText('Creek Bed Shuffle');
  // A page that opens on a playing radio opens the queue, its banner on top.
  await expect(page.getByTestId('radio-line')).toContainText('Creek Bed Shuffle');
  const picks = page.getByTestId('radio-queue-item');
  await expect(picks).toHaveCount(printed.length);
  expect((await picks.locator('.queue-title').allInnerTexts()).map((t) => t.trim())).toEqual(printed);
  await page.screenshot({ path: `${ARTIFACTS}/demo-radio-queued-1400.png` });

  // The first pick says why, as the terminal did.
  await picks.first().getByTestId('why-button').click();
  const why = page.getByTestId('why-panel');
  await expect(why.getByTestId('pick-moment')).toHaveText(/^\d+:\d\d–\d+:\d\d$/);
  await expect(why.getByTestId('why-seed').first()).toContainText('Creek Bed Shuffle');
  await page.screenshot({ path: `${ARTIFACTS}/demo-why-1400.png` });

  await page.setViewportSize({ width: 800, height: 600 });
  await page.reload();
  await expect(page.getByTestId('now-playing-title')).toHaveText('Creek Bed Shuffle');
  if (!(await page.getByTestId('radio-line').isVisible())) await page.getByTestId('toggle-queue').click();
  await expect(page.getByTestId('radio-line')).toContainText('Creek Bed Shuffle');
  await page.screenshot({ path: `${ARTIFACTS}/demo-radio-queued-800.png` });
  await context.close();
});
