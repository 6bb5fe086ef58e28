/**
 * A fresh library's first radio, in the browser: with the automatic analysis off, a radio analyses its
 * seed first (and the analysis goes on from there); paused early, the radio says how much of the library
 * it could hear ("3 of 16 songs analysed so far"). When the analysis resumes, the part of the queue not
 * played yet is chosen again with the songs analysed since, the playing seed stays, and the note goes once
 * the whole library is heard.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { demoAudioFiles, DEMO_LIBRARY } from '../support/demo-library';
import { startHost, type RunningHost } from '../support/web-host';

const ARTIFACTS = 'test-results/screenshots';
const MODEL = process.env.SOUNDLIKE_MODEL ? resolve(process.env.SOUNDLIKE_MODEL) : resolve('models/manifest.json');

let host: RunningHost;

test.skip(!existsSync(MODEL), `No sound model at ${MODEL}: train one (models/training) or set SOUNDLIKE_MODEL to a manifest.json.`);

test.beforeAll(async () => {
  if (!existsSync(MODEL)) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

async function playSimilarFromRow(page: Page, index: number): Promise<string> {
  await page.getByTestId('nav-library').click();
  const row = page.getByTestId('track-row').nth(index);
  const title = (await row.locator('.cell-title').innerText()).trim();
  await row.hover();
  await row.getByTestId('play-similar').click();
  await expect(page.getByTestId('radio-line')).toContainText(title, { timeout: 60_000 });
  return title;
}

test('the first radio of a library still being analysed says what it heard and re-ranks as the analysis goes on', async ({ page }) => {
  test.setTimeout(300_000);
  const total = demoAudioFiles().length;
  await page.goto(host.url);
  await page.getByTestId('nav-folders').click();
  const autoAnalyse = page.getByTestId('auto-analyse-toggle');
  await autoAnalyse.uncheck();
  await expect(autoAnalyse).not.toBeChecked();
  await page.getByTestId('folder-path-input').fill(DEMO_LIBRARY);
  await page.getByTestId('add-folder-button').click();
  await expect(page.getByTestId('nav-library')).toContainText(String(total), { timeout: 60_000 });

  // The radio analyses its seed first; the analysis it started is paused at once.
  const seedTitle = await playSimilarFromRow(page, 0);
  await page.getByTestId('pause-analysis').click();
  await expect(page.getByTestId('resume-analysis')).toBeVisible();
  const coverage = page.getByTestId('radio-coverage');
  await expect(coverage).toHaveText(/^\d+ of \d+ songs analysed so far/);
  const heard = Number(/^(\d+) of/.exec(await coverage.innerText())?.[1]);
  expect(heard).toBeGreaterThanOrEqual(1);
  expect(heard).toBeLessThan(total);
  await expect(coverage).toContainText(`of ${total} songs analysed so far`);
  await expect(page.getByTestId('now-playing-title')).toHaveText(seedTitle);
  await page.screenshot({ path: `${ARTIFACTS}/radio-fresh-library.png` });

  // The analysis resumes: the songs still to come are chosen again from what it hears since.
  await page.getByTestId('resume-analysis').click();
  await expect.poll(() => page.getByTestId('radio-queue-item').count(), { timeout: 240_000 }).toBeGreaterThanOrEqual(5);
  await expect(coverage).toHaveCount(0, { timeout: 240_000 });
  await expect(page.getByTestId('now-playing-title')).toHaveText(seedTitle);
  await expect(page.getByTestId('radio-line')).toContainText(seedTitle);
});
