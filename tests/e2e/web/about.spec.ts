/**
 * The About box (issue 13, item 6) in the browser through the web host: opened from Settings, it shows
 * the version and MIT licence, the shipped model and the licences of the data it learned from, the demo
 * library's licence and the shipped components; Escape and Close shut it. Screenshots at 1400x900 and
 * 800x600 in the light and dark themes land in test-results/screenshots/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from '../support/web-host';

const ARTIFACTS = 'test-results/screenshots';
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const manifest = JSON.parse(readFileSync('models/manifest.json', 'utf8')) as { id: string };

let host: RunningHost;

test.beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

async function openAbout(page: Page): Promise<void> {
  await page.goto(host.url);
  await page.getByTestId('nav-folders').click();
  await page.getByTestId('about-open').click();
  await expect(page.getByTestId('about')).toBeVisible();
}

test('the About box shows the version, the licences of the model’s training data and of the demo library', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await openAbout(page);
  const about = page.getByTestId('about');
  await expect(page.getByRole('dialog', { name: 'About Soundlike' })).toBeVisible();
  await expect(about.getByTestId('about-summary')).toContainText(`Soundlike ${pkg.version}`);
  await expect(about.getByTestId('about-summary')).toContainText('MIT licence');
  await expect(about.getByTestId('about-summary')).toContainText('the Soundlike authors');
  await expect(about.getByTestId('about-model')).toHaveText(manifest.id);
  const training = about.getByTestId('about-training');
  // A real-music package the model learned from, one it was only evaluated on, and a soundfont.
  await expect(training.getByRole('row', { name: /naev-data/ })).toContainText('learned from');
  await expect(training.getByRole('row', { name: /naev-data/ })).toContainText('CC-BY-SA-3.0');
  await expect(training.getByRole('row', { name: /flare-game/ })).toContainText('evaluation only');
  await expect(training.getByRole('row', { name: /FluidR3_GM/ })).toContainText('MIT');
  await expect(about.getByTestId('about-demo')).toContainText('GPL-2.0-only');
  await expect(about.getByTestId('about-components').getByRole('row', { name: /onnxruntime-node/ })).toContainText('MIT');
  await expect(about.getByTestId('about-components').getByRole('row', { name: /ffmpeg-static/ })).toContainText('GPL-3.0-or-later');
  await expect(about.getByTestId('about-close')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(about).toBeHidden();
  await page.getByTestId('about-open').click();
  await page.getByTestId('about-close').click();
  await expect(about).toBeHidden();
});

for (const theme of ['light', 'dark'] as const) {
  for (const [width, height] of [[1400, 900], [800, 600]] as const) {
    test(`the About box fits ${width}x${height} in the ${theme} theme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
      await page.setViewportSize({ width, height });
      await openAbout(page);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      const box = await page.getByTestId('about').boundingBox();
      expect(box).not.toBeNull();
      // Inside the window, its Close button reachable without scrolling the page.
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.y).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(width);
      expect(box!.y + box!.height).toBeLessThanOrEqual(height);
      await expect(page.getByTestId('about-close')).toBeInViewport();
      await page.screenshot({ path: `${ARTIFACTS}/about-${theme}-${width}x${height}.png` });
    });
  }
}
