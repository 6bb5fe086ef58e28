/**
 * The sonic path in the browser through the web host, with the real sound model: analyse the demo
 * library, select two songs and build the walk between them from the selection bar (queued: start, ten
 * explained steps, end), read a step's why-panel, see the walk drawn on the sonic map, then build another
 * from the map itself (a point's "Path from here…", another's "Path to here") and one from the track menu.
 * Screenshots at 1400x900 and 800x600 are kept as artifacts. Skipped, saying so, without a model.
 */
import { expect, test, type Page } from '@playwright/test';
import { demoAudioFiles, DEMO_LIBRARY } from '../support/demo-library';
import { ARTIFACTS, serialModelHost } from '../support/model-host';


const host = serialModelHost();

async function queueTitles(page: Page): Promise<string[]> {
  return (await page.getByTestId('queue-item').locator('.queue-title').allInnerTexts()).map((t) => t.trim());
}

async function rowTitle(page: Page, n: number): Promise<string> {
  return ((await page.getByTestId('track-row').nth(n).locator('.cell-title').getAttribute('title')) ?? '').trim();
}

/** Spots on the map's point canvas where points were drawn, at least `apart` CSS px from each other. */
async function drawnPoints(page: Page, apart: number): Promise<{ x: number; y: number }[]> {
  return page.getByTestId('sonic-map').locator('canvas').first().evaluate((canvas: HTMLCanvasElement, minApart: number) => {
    const ctx = canvas.getContext('2d');
    if (!ctx) return [];
    const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const box = canvas.getBoundingClientRect();
    const found: { x: number; y: number }[] = [];
    for (let y = 0; y < height; y += 2) {
      for (let x = 0; x < width; x += 2) {
        if (data[(y * width + x) * 4 + 3] < 200) continue;
        const p = { x: box.left + ((x + 1) * box.width) / width, y: box.top + ((y + 3) * box.height) / height };
        if (found.every((q) => Math.hypot(q.x - p.x, q.y - p.y) >= minApart)) found.push(p);
      }
    }
    return found;
  }, apart);
}

/** Pixels of the path's accent colour on the map's overlay canvas (the walk's line and dots). */
async function pathPixels(page: Page): Promise<number> {
  return page.getByTestId('sonic-map').locator('canvas').nth(1).evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d');
    if (!ctx) return 0;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 200 && Math.abs(data[i] - 0xf2) < 12 && Math.abs(data[i + 1] - 0xbb) < 12 && Math.abs(data[i + 2] - 0x5c) < 12) n++;
    return n;
  });
}

test('a sonic path from the selection bar, explained in the queue and drawn on the map; then from the map and the track menu', async ({ page }) => {
  test.setTimeout(420_000);
  await page.setViewportSize({ width: 1400, height: 900 });
  const expected = demoAudioFiles().length;
  await page.goto(host.url);
  await page.getByTestId('folder-path-input').fill(DEMO_LIBRARY);
  await page.getByTestId('add-folder-button').click();
  await expect(page.getByTestId('nav-library')).toContainText(String(expected), { timeout: 60_000 });
  await expect(page.getByTestId('analysis-progress')).toHaveAttribute('data-complete', 'true', { timeout: 300_000 });

  // Two songs selected: the selection bar offers the walk from the first to the second.
  const rows = page.getByTestId('track-row');
  const fromId = (await rows.nth(0).getAttribute('data-track-id')) as string;
  const toId = (await rows.nth(5).getAttribute('data-track-id')) as string;
  const [fromTitle, toTitle] = [await rowTitle(page, 0), await rowTitle(page, 5)];
  await rows.nth(0).click();
  await rows.nth(5).click({ modifiers: ['Control'] });
  const button = page.getByTestId('selection-sonic-path');
  await button.focus();
  await page.screenshot({ path: `${ARTIFACTS}/sonic-path-selection-1400.png` });
  await page.keyboard.press('Enter');

  // Queued: the start, ten steps each with its why, the end (itself explained against the last step).
  const steps = page.getByTestId('radio-queue-item');
  await expect(steps).toHaveCount(11, { timeout: 60_000 });
  const queued = await queueTitles(page);
  expect(queued).toHaveLength(12);
  expect(queued[0]).toBe(fromTitle);
  expect(queued[11]).toBe(toTitle);
  expect(fromId).not.toBe(toId);
  await expect(steps.first().getByTestId('why-button')).toBeEnabled();
  await steps.nth(1).getByTestId('why-button').click();
  const why = page.getByTestId('why-panel');
  await expect(why).toBeVisible();
  await expect(why.getByTestId('pick-moment')).toHaveText(/^\d+:\d\d–\d+:\d\d$/);
  await page.screenshot({ path: `${ARTIFACTS}/sonic-path-queued-why-1400.png` });

  // Drawn on the map: eleven numbered stops after the start, the end ringed, the toolbar naming both ends.
  await page.getByTestId('nav-map').click();
  const canvas = page.getByTestId('sonic-map-canvas');
  await expect(canvas).toHaveAttribute('data-radio-picks', '11', { timeout: 60_000 });
  await expect(canvas).toHaveAttribute('data-path-end', toId);
  await expect(page.getByTestId('path-status')).toContainText('10 songs');
  await expect.poll(() => pathPixels(page)).toBeGreaterThan(200);
  await page.screenshot({ path: `${ARTIFACTS}/sonic-path-map-1400.png` });
  await page.setViewportSize({ width: 800, height: 600 });
  await expect.poll(() => pathPixels(page)).toBeGreaterThan(200);
  await page.screenshot({ path: `${ARTIFACTS}/sonic-path-map-800.png` });
  await page.setViewportSize({ width: 1400, height: 900 });

  // From the map: one point's "Path from here…", another's "Path to here".
  const points = await drawnPoints(page, 40);
  expect(points.length).toBeGreaterThanOrEqual(2);
  const [a, b] = [points[0], points[points.length - 1]];
  await page.mouse.click(a.x, a.y);
  const popover = page.getByTestId('map-popover');
  await expect(popover).toBeVisible();
  const startTitle = (await popover.locator('strong').innerText()).trim();
  await popover.getByTestId('map-path-from').click();
  await expect(page.getByTestId('path-status')).toContainText(`Sonic path from “${startTitle}”`);
  await page.screenshot({ path: `${ARTIFACTS}/sonic-path-map-start-1400.png` });
  await page.mouse.click(b.x, b.y);
  await expect(popover).toBeVisible();
  const endTitle = (await popover.locator('strong').innerText()).trim();
  expect(endTitle).not.toBe(startTitle);
  await popover.getByTestId('map-path-to').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('path-status')).toContainText(`“${startTitle}” → 10 songs → “${endTitle}”`, { timeout: 60_000 });
  await expect(canvas).toHaveAttribute('data-radio-picks', '11');
  await expect(page.getByText(/now choose where it goes/)).toHaveCount(0);
  await page.screenshot({ path: `${ARTIFACTS}/sonic-path-map-built-1400.png` });

  // From the track menu: "Sonic path from here…" on one row, "Sonic path to here" on another.
  await page.getByTestId('nav-library').click();
  await rows.nth(2).click({ button: 'right' });
  await page.getByTestId('menu-sonic-path-from').click();
  await rows.nth(7).click({ button: 'right' });
  await expect(page.getByTestId('menu-sonic-path-to')).toContainText('Sonic path to here');
  await page.screenshot({ path: `${ARTIFACTS}/sonic-path-menu-1400.png` });
  await page.getByTestId('menu-sonic-path-to').click();
  const [menuFrom, menuTo] = [await rowTitle(page, 2), await rowTitle(page, 7)];
  await expect.poll(async () => {
    const titles = await queueTitles(page);
    return titles[0] === menuFrom && titles[titles.length - 1] === menuTo && titles.length === 12;
  }, { timeout: 60_000 }).toBe(true);
  await page.getByTestId('nav-map').click();
  await expect(page.getByTestId('path-status')).toContainText(`“${menuFrom}” → 10 songs → “${menuTo}”`);
  await expect(page.getByTestId('legend-sonic-path')).toContainText('through 10 songs to its end');
  await page.setViewportSize({ width: 800, height: 600 });
  await page.screenshot({ path: `${ARTIFACTS}/sonic-path-menu-built-800.png` });
});
