/**
 * Themes and layout in the browser through the web host, on the demo library: System follows
 * prefers-color-scheme, Light and Dark override it and persist; at 800x600 and 1024x680 nothing overlaps
 * (the side panel is a drawer, the table drops columns); library rows dragged onto a sidebar playlist are
 * added (a bad drop gets a message); double-clicking a track while a radio plays ends the radio.
 * Screenshots of every state land in test-results/screenshots/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startDemoHost } from '../support/demo-host';
import type { RunningHost } from '../support/web-host';

const ARTIFACTS = 'test-results/screenshots';
const MODEL = process.env.SOUNDLIKE_MODEL ? resolve(process.env.SOUNDLIKE_MODEL) : resolve('models/manifest.json');
const DARK_BG = 'rgb(18, 19, 22)';
const LIGHT_BG = 'rgb(246, 246, 244)';

let host: RunningHost;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // One scan for every test; the automatic analysis stays off so the layout tests keep the CPU (a radio
  // analyses its seed by itself).
  host = await startDemoHost(browser, { analyse: false });
});
test.afterAll(async () => {
  await host?.stop();
});

const bodyBackground = (page: Page): Promise<string> => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const colourOf = (locator: Locator): Promise<string> => locator.evaluate((el) => getComputedStyle(el).color);

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await locator.boundingBox();
  if (!b) throw new Error(`no box for ${locator.toString()}`);
  return b;
}

type Box = Awaited<ReturnType<typeof box>>;
/** True when two boxes share more than a hairline (1 px borders may touch). */
function overlaps(a: Box, b: Box): boolean {
  return a.x + a.width > b.x + 1 && b.x + b.width > a.x + 1 && a.y + a.height > b.y + 1 && b.y + b.height > a.y + 1;
}

async function openLibrary(page: Page): Promise<void> {
  await page.goto(host.url);
  await page.getByTestId('nav-library').click();
  await expect(page.getByTestId('track-row').first()).toBeVisible();
}

test('System follows the colour scheme; Light and Dark override it, persist, and work from the keyboard', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 1400, height: 900 });
  await openLibrary(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await bodyBackground(page)).toBe(DARK_BG);
  const title = page.locator('.track-row .cell-title').first();
  const darkText = await colourOf(title);

  // System is the default and follows a change of the system's scheme while the app is open.
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await bodyBackground(page)).toBe(LIGHT_BG);
  expect(await colourOf(title)).not.toBe(darkText);

  // Light and dark screenshots of a playing library at both sizes.
  await page.getByTestId('track-row').nth(1).dblclick();
  await expect(page.getByTestId('track-row').nth(1)).toHaveClass(/playing/);
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    for (const [width, height] of [[1400, 900], [800, 600]]) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: `${ARTIFACTS}/theme-${theme}-${width}x${height}.png` });
    }
  }
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.getByTestId('play-pause').click();

  // A manual choice beats the system and survives a reload.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByTestId('nav-folders').click();
  await expect(page.getByTestId('theme-system')).toBeChecked();
  await expect(page.getByTestId('theme-system-note')).toContainText('light');
  await page.getByTestId('theme-switch').getByText('Dark').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await bodyBackground(page)).toBe(DARK_BG);
  await page.screenshot({ path: `${ARTIFACTS}/theme-settings-dark.png` });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await bodyBackground(page)).toBe(DARK_BG);

  // Keyboard: the switch is a radio group; arrow keys move the choice, with a visible focus ring.
  await page.getByTestId('nav-folders').click();
  await page.getByTestId('theme-dark').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('theme-light')).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  const ring = await page.locator('.segment.on').evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(ring).toBe('solid');
  await page.screenshot({ path: `${ARTIFACTS}/theme-settings-light-focus.png` });
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('theme-system')).toBeChecked();
});

for (const [width, height] of [[1024, 680], [800, 600]] as const) {
  test(`at ${width}x${height} nothing overlaps: the side panel is a drawer and the table fits`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await openLibrary(page);
    const sidebar = await box(page.locator('.sidebar'));
    const main = await box(page.locator('.main'));
    const bottom = await box(page.locator('.bottom'));
    expect(overlaps(sidebar, main) || overlaps(main, bottom) || overlaps(sidebar, bottom)).toBe(false);
    expect(main.x + main.width).toBeLessThanOrEqual(width);
    expect(bottom.y + bottom.height).toBeLessThanOrEqual(height);
    await expect(page.locator('aside.side')).toBeHidden();
    // A short sidebar scrolls instead of squeezing the playlists section away.
    expect((await box(page.getByTestId('playlist-nav'))).height).toBeGreaterThanOrEqual(30);

    // Every header cell and the search box lie inside the main area; the narrower table dropped columns.
    for (const cell of await page.locator('.track-header .th').all()) {
      const b = await box(cell);
      expect(b.x + b.width).toBeLessThanOrEqual(main.x + main.width);
    }
    const search = await box(page.locator('.search'));
    expect(search.x + search.width).toBeLessThanOrEqual(main.x + main.width);
    const columns = await page.locator('.track-table').getAttribute('data-columns');
    if (width === 800) expect(columns).not.toContain('codec');
    else expect(columns).toContain('codec');
    // The player bar's three parts sit side by side without overlapping.
    const parts = await Promise.all(['.np-track', '.np-center', '.np-right'].map((s) => box(page.locator(s))));
    expect(overlaps(parts[0], parts[1]) || overlaps(parts[1], parts[2])).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS}/layout-${width}x${height}.png` });

    // The drawer opens from the sidebar, lies inside the window, and closes with Escape (focus goes back).
    const toggle = page.getByTestId('side-toggle');
    await toggle.click();
    const side = page.locator('aside.side');
    await expect(side).toBeVisible();
    await expect(page.getByTestId('side-close')).toBeFocused();
    await page.waitForTimeout(250); // the slide-in
    const drawer = await box(side);
    expect(drawer.x + drawer.width).toBeLessThanOrEqual(width + 1);
    expect(drawer.x).toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}/layout-${width}x${height}-drawer.png` });
    await page.keyboard.press('Escape');
    await expect(side).toBeHidden();
    await expect(toggle).toBeFocused();
    // The backdrop closes it too.
    await toggle.click();
    await expect(side).toBeVisible();
    await page.getByTestId('side-backdrop').click({ position: { x: 10, y: 10 } });
    await expect(side).toBeHidden();
  });
}

test('at 1400x900 the side panel has its own column and the drawer button is gone', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await openLibrary(page);
  const main = await box(page.locator('.main'));
  const side = await box(page.locator('aside.side'));
  expect(main.x + main.width).toBeLessThanOrEqual(side.x + 1);
  await expect(page.getByTestId('side-toggle')).toBeHidden();
  await expect(page.locator('.track-table')).toHaveAttribute('data-columns', /codec/);
});

test('library rows dragged onto a sidebar playlist are added to it', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await openLibrary(page);
  await page.getByTestId('new-playlist').click();
  await page.getByTestId('new-playlist-name').fill('Dropped songs');
  await page.getByTestId('new-playlist-name').press('Enter');
  const target = page.getByTestId('playlist-nav-item').filter({ hasText: 'Dropped songs' });
  await expect(target).toContainText('0');
  await page.getByTestId('nav-library').click();

  // Two rows selected; dragging one of them carries both, and the playlist lights up under the drag.
  const rows = page.getByTestId('track-row');
  const ids = [await rows.nth(2).getAttribute('data-track-id'), await rows.nth(4).getAttribute('data-track-id')];
  await rows.nth(2).click();
  await rows.nth(4).click({ modifiers: ['Control'] });
  await rows.nth(4).locator('.cell-title').hover();
  await page.mouse.down();
  const t = await box(target);
  await page.mouse.move(t.x + t.width / 2, t.y + t.height / 2, { steps: 8 });
  await expect(target).toHaveClass(/drop-over/);
  await page.screenshot({ path: `${ARTIFACTS}/drag-to-playlist.png` });
  await page.mouse.up();
  await expect(target).not.toHaveClass(/drop-over/);
  await expect(target.locator('.nav-detail')).toHaveText('2');
  await expect(page.getByText('Added 2 songs to “Dropped songs”.')).toBeVisible();

  await target.click();
  const tracks = page.getByTestId('playlist-track');
  await expect(tracks).toHaveCount(2);
  expect(await tracks.evaluateAll((r) => r.map((e) => e.getAttribute('data-track-id')))).toEqual(ids);

  // A drop of our type with a forged payload adds nothing and says so.
  await target.evaluate((el) => {
    const data = new DataTransfer();
    data.setData('application/x-soundlike-tracks', '{"trackIds":["../../etc/passwd"]}');
    for (const type of ['dragenter', 'dragover', 'drop']) el.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
  });
  await expect(page.getByText('That drop held no songs from the library, so nothing was added.')).toBeVisible();
  await expect(target.locator('.nav-detail')).toHaveText('2');
});

test('double-clicking a library track while a radio plays replaces the queue and ends the radio', async ({ page }) => {
  test.skip(!existsSync(MODEL), `No sound model at ${MODEL}: a radio needs one.`);
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1400, height: 900 });
  await openLibrary(page);
  const rows = page.getByTestId('track-row');
  await rows.nth(0).hover();
  await rows.nth(0).getByTestId('play-similar').click();
  const banner = page.getByTestId('radio-line');
  await expect(banner).toBeVisible({ timeout: 180_000 });
  await page.screenshot({ path: `${ARTIFACTS}/radio-before-double-click.png` });

  const id = await rows.nth(5).getAttribute('data-track-id');
  await rows.nth(5).locator('.cell-title').dblclick();
  await expect(banner).toBeHidden();
  await expect(rows.nth(5)).toHaveClass(/playing/);
  await expect.poll(() => page.evaluate(() => (document.querySelector('[data-testid="audio-player"]') as HTMLAudioElement | null)?.src ?? ''))
    .toMatch(new RegExp(`/media/track/${id}$`));
  // Main agrees: no radio session is left, and no radio pick remains in the queue.
  await expect(page.locator('.queue-item.radio')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('track-row').first()).toBeVisible();
  await page.getByTestId('toggle-queue').click();
  await expect(page.getByTestId('queue-item').first()).toBeVisible();
  await expect(page.getByTestId('radio-line')).toHaveCount(0);
  await page.screenshot({ path: `${ARTIFACTS}/radio-ended-by-double-click.png` });

  // The sonic map keeps its dark stage in the light theme (its hues are drawn for it).
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByTestId('nav-map').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(page.locator('.map-canvas').first()).toBeVisible({ timeout: 120_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${ARTIFACTS}/theme-light-map.png` });
});
