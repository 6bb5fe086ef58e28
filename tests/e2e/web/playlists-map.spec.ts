/**
 * Playlists and the sonic map in the browser through the web host: make a playlist from two library
 * songs, edit it, save the queue as a playlist, export it (a download: no page names a path the host
 * writes), import an M3U picked with the file input, with an entry that is not in the library; then the sonic map: its points and hover tooltip when the shipped
 * model is there, else the empty state saying what it needs. Screenshots are kept as artifacts.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { demoAudioFiles, DEMO_LIBRARY } from '../support/demo-library';
import { startHost, type RunningHost } from '../support/web-host';

const ARTIFACTS = 'test-results/screenshots';
/** The model the web host loads: $SOUNDLIKE_MODEL (inherited by the host) or the shipped one. */
const MODEL_MANIFEST = resolve(process.env.SOUNDLIKE_MODEL ?? 'models/manifest.json');
const hasModel = existsSync(MODEL_MANIFEST);
let host: RunningHost;
let scratch: string;

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  scratch = mkdtempSync(join(tmpdir(), 'soundlike-e2e-m3u-'));
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

async function openWithLibrary(page: Page): Promise<void> {
  await page.goto(host.url);
  const expected = demoAudioFiles().length;
  const empty = page.getByTestId('empty-library');
  await expect(empty.or(page.getByTestId('track-row').first())).toBeVisible();
  if (await empty.isVisible()) {
    await page.getByTestId('folder-path-input').fill(DEMO_LIBRARY);
    await page.getByTestId('add-folder-button').click();
  }
  await expect(page.getByTestId('nav-library')).toContainText(String(expected), { timeout: 60_000 });
  await expect(page.getByTestId('track-row').first()).toBeVisible();
}

function playlistItem(page: Page, name: string) {
  return page.getByTestId('playlist-nav-item').filter({ hasText: name });
}

async function playlistTrackIds(page: Page): Promise<string[]> {
  return page.getByTestId('playlist-track').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-track-id') ?? ''));
}

/** A spot on the map canvas where a point was drawn (the canvas is transparent elsewhere). */
async function drawnPoint(page: Page): Promise<{ x: number; y: number } | null> {
  return page.getByTestId('sonic-map').locator('canvas').first().evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const box = canvas.getBoundingClientRect();
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (data[(y * width + x) * 4 + 3] > 200) return { x: box.left + ((x + 1) * box.width) / width, y: box.top + ((y + 1) * box.height) / height };
      }
    }
    return null;
  });
}

test('make a playlist from two songs, edit it, save the queue, export and import', async ({ page }) => {
  await openWithLibrary(page);
  const rows = page.getByTestId('track-row');
  const firstId = await rows.nth(0).getAttribute('data-track-id');
  const secondId = await rows.nth(1).getAttribute('data-track-id');
  const firstTitle = (await rows.nth(0).locator('.cell-title').getAttribute('title')) ?? '';
  expect(firstTitle).not.toBe('');

  // Two songs selected, right-click, "Add to playlist" > "New playlist…".
  // On the titles: a row's artist and album cells are links to their pages.
  await rows.nth(0).locator('.cell-title').click();
  await rows.nth(1).locator('.cell-title').click({ modifiers: ['Control'] });
  await rows.nth(1).locator('.cell-title').click({ button: 'right' });
  await page.getByTestId('add-to-playlist').click();
  await page.getByTestId('add-to-new-playlist').click();
  await page.getByTestId('add-to-new-playlist-name').fill('Two songs');
  await page.screenshot({ path: `${ARTIFACTS}/web-add-to-playlist.png` });
  await page.getByTestId('add-to-new-playlist-name').press('Enter');
  await expect(playlistItem(page, 'Two songs')).toContainText('2');

  await playlistItem(page, 'Two songs').click();
  const view = page.getByTestId('playlist-view');
  await expect(view.getByTestId('playlist-name')).toHaveText('Two songs');
  await expect(view.getByTestId('playlist-track')).toHaveCount(2);
  expect(await playlistTrackIds(page)).toEqual([firstId, secondId]);

  // Reorder with the arrows, then rename.
  await view.getByTestId('playlist-track').first().hover();
  await view.getByTestId('playlist-track').first().getByTestId('playlist-move-down').click();
  await expect.poll(() => playlistTrackIds(page)).toEqual([secondId, firstId]);
  await view.getByTestId('playlist-rename').click();
  await view.getByTestId('playlist-name-input').fill('Road trip');
  await view.getByTestId('playlist-name-input').press('Enter');
  await expect(view.getByTestId('playlist-name')).toHaveText('Road trip');
  await expect(playlistItem(page, 'Road trip')).toBeVisible();
  await page.screenshot({ path: `${ARTIFACTS}/web-playlist.png` });

  // Export: the download is extended M3U naming the songs; there is no path for the host to write.
  await view.getByTestId('playlist-export-toggle').click();
  const downloading = page.waitForEvent('download');
  await view.getByTestId('playlist-export').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Road trip.m3u8');
  const exported = readFileSync(await download.path(), 'utf8');
  expect(exported.startsWith('#EXTM3U')).toBe(true);
  expect(exported).toContain(firstTitle);
  expect(exported.match(/^#EXTINF/gm)).toHaveLength(2);
  await expect(view.getByTestId('export-panel').locator('input')).toHaveCount(0);

  // Play it, then keep the queue as a playlist from the queue panel's header.
  await view.getByTestId('playlist-play').click();
  await page.getByTestId('toggle-queue').click();
  await expect(page.getByTestId('queue-item')).toHaveCount(2);
  await page.getByTestId('save-queue-as-playlist').click();
  await page.getByTestId('save-queue-name').fill('Saved queue');
  await page.screenshot({ path: `${ARTIFACTS}/web-save-queue.png` });
  await page.getByTestId('save-queue-confirm').click();
  await expect(playlistItem(page, 'Saved queue')).toContainText('2');

  // Remove a song from the open playlist.
  await view.getByTestId('playlist-track').first().hover();
  await view.getByTestId('playlist-track').first().getByTestId('playlist-remove').click();
  await expect(view.getByTestId('playlist-track')).toHaveCount(1);
  await expect(playlistItem(page, 'Road trip')).toContainText('1');

  // Import: two library songs and one entry that is not in the library, which the view lists.
  const [a, b] = demoAudioFiles();
  const m3u = join(scratch, 'Imported mix.m3u8');
  writeFileSync(m3u, ['#EXTM3U', '#EXTINF:10,Someone - One', a, b, '#EXTINF:10,Nobody - Lost song', '/nowhere/lost song.mp3', ''].join('\n'));
  const notAPlaylist = join(scratch, 'notes.txt');
  writeFileSync(notAPlaylist, 'not a playlist\n');
  await page.getByTestId('import-m3u').click();
  await page.getByTestId('m3u-file-input').setInputFiles(notAPlaylist);
  await expect(page.getByTestId('m3u-file-error')).toContainText('is not a playlist file');
  await expect(page.getByTestId('m3u-file-error')).toContainText('.m3u8');
  await page.screenshot({ path: `${ARTIFACTS}/web-m3u-import-refused.png` });
  await page.getByTestId('m3u-file-input').setInputFiles(m3u);
  await expect(view.getByTestId('playlist-name')).toHaveText('Imported mix');
  await expect(view.getByTestId('playlist-track')).toHaveCount(2);
  const missing = view.getByTestId('import-missing');
  await expect(missing).toContainText('1 entry was not in your library');
  await expect(missing.getByTestId('import-missing-entry')).toHaveText(['/nowhere/lost song.mp3']);
  await page.screenshot({ path: `${ARTIFACTS}/web-m3u-import.png` });

  // Delete asks first.
  await view.getByTestId('playlist-delete').click();
  await view.getByTestId('playlist-delete-confirm').click();
  await expect(playlistItem(page, 'Imported mix')).toHaveCount(0);
  await expect(page.getByTestId('playlist-view')).toHaveCount(0);
});

test('without a model the sonic map says what it needs', async ({ page }) => {
  test.skip(hasModel, `${MODEL_MANIFEST} exists, so the map is tested with points instead`);
  await openWithLibrary(page);
  await page.getByTestId('nav-map').click();
  await expect(page.getByTestId('sonic-map-empty')).toBeVisible();
  await expect(page.getByTestId('sonic-map')).toHaveAttribute('data-point-count', '0');
  await page.screenshot({ path: `${ARTIFACTS}/web-sonic-map-empty.png` });
});

test('the sonic map draws every analysed song, names it on hover and shows the radio path', async ({ page }) => {
  test.skip(!hasModel, `no sound model at ${MODEL_MANIFEST} (train and export it first), so there is nothing to place on the map`);
  test.setTimeout(300_000);
  await openWithLibrary(page);
  await page.getByTestId('nav-map').click();
  const map = page.getByTestId('sonic-map');
  // Analysis runs by itself after the scan; the map refetches when it finishes.
  await expect(map).toHaveAttribute('data-state', 'ready', { timeout: 240_000 });
  await expect.poll(async () => Number(await map.getAttribute('data-point-count'))).toBeGreaterThan(0);

  const point = await drawnPoint(page);
  if (!point) throw new Error('the map canvas has no drawn point');
  await page.mouse.move(point.x, point.y);
  await expect(page.getByTestId('map-tooltip')).toBeVisible();
  await expect(page.getByTestId('map-tooltip')).toContainText('—');
  await page.screenshot({ path: `${ARTIFACTS}/web-sonic-map-hover.png` });

  // Click: the popover starts a radio, whose path is drawn over the map.
  await page.mouse.click(point.x, point.y);
  await page.getByTestId('map-play-similar').click();
  await expect(page.getByTestId('radio-queue-item').first()).toBeVisible({ timeout: 60_000 });
  await expect.poll(async () => Number(await page.getByTestId('sonic-map-canvas').getAttribute('data-radio-picks'))).toBeGreaterThan(0);
  await page.screenshot({ path: `${ARTIFACTS}/web-sonic-map-radio.png` });
});
