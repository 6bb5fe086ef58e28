/** The committed demo library (rendered from MIDI by scripts/make-demo-library.sh) and its size. */
import { readdirSync, statSync } from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';
import { join, resolve } from 'node:path';
import { isAudioPath } from '../../../src/shared/audio-formats';

export const DEMO_LIBRARY = resolve('resources/demo-library');

export function demoAudioFiles(dir = DEMO_LIBRARY): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return demoAudioFiles(path);
    return isAudioPath(path) ? [path] : [];
  });
}

/**
 * Adds the demo library through the Folders page and waits until its tracks are listed. `analyse: false`
 * first turns the automatic analysis off, so a test of the page keeps the CPU (a radio still analyses
 * its seed by itself).
 */
export async function addDemoLibrary(page: Page, options: { analyse?: boolean } = {}): Promise<void> {
  if (options.analyse === false) {
    await page.getByTestId('nav-folders').click();
    await page.getByTestId('auto-analyse-toggle').uncheck();
  }
  await page.getByTestId('folder-path-input').fill(DEMO_LIBRARY);
  await page.getByTestId('add-folder-button').click();
  await expect(page.getByTestId('nav-library')).toContainText(String(demoAudioFiles().length), { timeout: 60_000 });
}

/**
 * Opens the page, adds the demo library, plays its first track (the whole library becomes the queue) and
 * opens the queue panel; returns the queue's entries once the first few are shown.
 */
export async function playDemoQueue(page: Page, url: string): Promise<Locator> {
  await page.goto(url);
  await addDemoLibrary(page);
  await page.getByTestId('track-row').first().locator('.cell-title').dblclick();
  await page.getByTestId('toggle-queue').click();
  const items = page.getByTestId('queue-item');
  await expect(items.nth(3)).toBeVisible();
  return items;
}
