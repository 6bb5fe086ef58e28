/** The committed demo library (rendered from MIDI by scripts/make-demo-library.sh) and its size. */
import { readdirSync, statSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
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
