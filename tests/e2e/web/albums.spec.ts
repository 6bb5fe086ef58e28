/**
 * Browsing by album and artist in the browser through the web host, on the demo library: the cover grid
 * (folder and embedded pictures, a generated cover where there is none), an album page in track order
 * with play and add to queue, the artist page, the library's album and artist links, the untagged
 * "02 - Low Lamp Blues.mp3" named "Low Lamp Blues" (track 2 of its folder's album), and, with a sound
 * model, "play similar sounding" seeded by a whole album. Screenshots at 1400x900 and 800x600.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { demoAudioFiles, DEMO_LIBRARY } from '../support/demo-library';
import { startHost, type RunningHost } from '../support/web-host';

const ARTIFACTS = 'test-results/screenshots';
const MODEL = process.env.SOUNDLIKE_MODEL ? resolve(process.env.SOUNDLIKE_MODEL) : resolve('models/manifest.json');
const SIZES = [{ width: 1400, height: 900 }, { width: 800, height: 600 }] as const;
/**
 * The demo library's 7 albums (each with a cover; the untagged Low Lamp Blues joins its folder's album)
 * plus a folder of one untagged file with no picture anywhere: its album gets a generated cover.
 */
const ALBUMS = 8;
const UNTAGGED_FOLDER = 'Night Ferry';
const UNTAGGED_FILE = '[www.free-tunes.net] 03_harbour_lights.mp3';

let host: RunningHost;
let library: string;

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  library = mkdtempSync(join(tmpdir(), 'soundlike-albums-'));
  cpSync(DEMO_LIBRARY, library, { recursive: true });
  mkdirSync(join(library, UNTAGGED_FOLDER));
  // A real recording (a chord, 12 s) with no tags at all.
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=220:duration=12', '-f', 'lavfi', '-i', 'sine=frequency=330:duration=12',
    '-filter_complex', 'amix=inputs=2', '-map_metadata', '-1', '-c:a', 'libmp3lame', '-q:a', '6', join(library, UNTAGGED_FOLDER, UNTAGGED_FILE)]);
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
  if (library) rmSync(library, { recursive: true, force: true });
});

/** Saves the page at both sizes, ending at the larger one. */
async function shoot(page: Page, name: string): Promise<void> {
  for (const size of [...SIZES].reverse()) {
    await page.setViewportSize(size);
    await page.waitForTimeout(150); // the grid re-flows its columns on resize
    await page.screenshot({ path: `${ARTIFACTS}/albums-${name}-${size.width}x${size.height}.png` });
  }
}

function audioTime(page: Page): Promise<number> {
  return page.evaluate(() => (document.querySelector('[data-testid="audio-player"]') as HTMLAudioElement | null)?.currentTime ?? 0);
}

test('album grid with covers, album and artist pages, links from the library', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize(SIZES[0]);
  await page.goto(host.url);
  await page.getByTestId('folder-path-input').fill(library);
  await page.getByTestId('add-folder-button').click();
  await expect(page.getByTestId('nav-library')).toContainText(String(demoAudioFiles().length + 1), { timeout: 60_000 });

  // The grid: one tile per album; pictures where the album has one, a generated cover where none exists.
  await page.getByTestId('nav-albums').click();
  const tiles = page.getByTestId('album-tile');
  await expect(tiles).toHaveCount(ALBUMS);
  await expect(page.getByTestId('album-count')).toHaveText(`${ALBUMS} albums`);
  const ferry = page.locator(`[data-album-title="${UNTAGGED_FOLDER}"]`);
  await expect(ferry.getByTestId('album-art')).toHaveAttribute('data-kind', 'generated');
  await expect(ferry.locator('svg text')).toHaveText('Night Ferry');
  await expect(ferry).toContainText('Unknown artist');
  for (const title of ['Street Parade', 'Ondas', 'Dust on the Dial', 'Valses', 'Garage Hours', 'Delta Demos', 'After Hours']) {
    await expect(page.locator(`[data-album-title="${title}"] [data-testid="album-art"]`), title).toHaveAttribute('data-kind', 'picture');
  }
  // Every picture really loads (the cover route serves it).
  await expect.poll(() => page.locator('img[data-testid="album-art"]').evaluateAll((imgs) => imgs.every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0))).toBe(true);
  await shoot(page, 'grid');
  // At 800 px the grid still fits tiles side by side.
  await page.setViewportSize(SIZES[1]);
  await expect.poll(async () => Number(await page.getByTestId('album-grid').getAttribute('data-columns'))).toBeGreaterThanOrEqual(2);
  await page.setViewportSize(SIZES[0]);

  // Filter by artist words, accent-insensitive.
  await page.getByTestId('album-search').fill('mare');
  await expect(tiles).toHaveCount(1);
  await expect(tiles.first()).toHaveAttribute('data-album-title', 'Ondas');
  await page.getByTestId('album-search').fill('');
  await expect(tiles).toHaveCount(ALBUMS);

  // The folder of an untagged file: its cleaned title (site prefix, track number and "_" gone), track 3.
  await ferry.locator('.album-open').click();
  await expect(page.getByTestId('album-title')).toHaveText(UNTAGGED_FOLDER);
  await expect(page.getByTestId('song-row').locator('.song-title')).toHaveText(['harbour lights']);
  await expect(page.getByTestId('song-row').locator('.song-no')).toHaveText(['3']);
  await shoot(page, 'generated-cover-album');
  await page.getByTestId('album-back').click();
  await expect(tiles).toHaveCount(ALBUMS);

  // Keyboard: focus a tile and press Enter to open its page, songs in track order; the untagged
  // "02 - Low Lamp Blues.mp3" is track 2, "Low Lamp Blues", of its folder's album.
  await page.locator('[data-album-title="Delta Demos"] .album-open').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('album-title')).toHaveText('Delta Demos');
  const songs = page.getByTestId('song-row');
  await expect(songs).toHaveCount(2);
  await expect(songs.locator('.song-title')).toHaveText(['Creek Bed Shuffle', 'Low Lamp Blues']);
  await expect(songs.locator('.song-no')).toHaveText(['1', '2']);
  await expect(page.getByTestId('album-artist-link')).toHaveText('Muddy Creek Slim');

  // Play: the album plays from its first song, in order.
  await page.getByTestId('album-play').click();
  await expect(page.getByTestId('now-playing-title')).toHaveText('Creek Bed Shuffle');
  await expect.poll(() => audioTime(page), { timeout: 20_000 }).toBeGreaterThan(0.5);
  await page.getByTestId('album-enqueue').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Delta Demos' })).toContainText('added to the queue');
  await songs.nth(1).getByTestId('song-play').click();
  await expect(page.getByTestId('now-playing-title')).toHaveText('Low Lamp Blues');
  await page.getByTestId('play-pause').click();
  await shoot(page, 'album-page');

  // The artist page: their album and their songs, the untagged one included.
  await page.getByTestId('album-artist-link').click();
  await expect(page.getByTestId('artist-name')).toHaveText('Muddy Creek Slim');
  await expect(page.getByTestId('artist-page').getByTestId('album-tile')).toHaveCount(1);
  await expect(page.getByTestId('artist-page').locator('.song-title')).toHaveText(['Creek Bed Shuffle', 'Low Lamp Blues']);
  await shoot(page, 'artist-page');

  // The sidebar's Artists shows the list (not the page left open), one row per artist.
  await page.getByTestId('nav-artists').click();
  await expect(page.getByTestId('artist-row').filter({ hasText: 'The Offbeat Orchestra' })).toHaveCount(1);
  await expect(page.getByTestId('artist-row').filter({ hasText: 'Various Artists' })).toContainText('1 album');
  await shoot(page, 'artists');

  // From the library table: the untagged file reads well, and its album and artist cells are links.
  await page.getByTestId('nav-library').click();
  await page.getByTestId('search-input').fill('Low Lamp');
  const row = page.getByTestId('track-row').first();
  await expect(row.locator('.cell-title')).toContainText('Low Lamp Blues');
  await expect(row.locator('.cell-trackNo')).toHaveText('2');
  // Reached by keyboard (Tab from the artist link), the album link shows its focus ring.
  await row.getByTestId('album-link').focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(row.getByTestId('album-link')).toBeFocused();
  await page.screenshot({ path: `${ARTIFACTS}/albums-library-links-1400x900.png` });
  await shoot(page, 'library');
  await row.getByTestId('album-link').click();
  await expect(page.getByTestId('album-title')).toHaveText('Delta Demos');
  await page.getByTestId('nav-library').click();
  await page.getByTestId('search-input').fill('Skank');
  await page.getByTestId('track-row').first().getByTestId('artist-link').click();
  await expect(page.getByTestId('artist-name')).toHaveText('The Offbeat Orchestra');
  await expect(page.getByTestId('artist-page').getByTestId('album-tile')).toHaveAttribute('data-album-title', 'Street Parade');
});

test('play similar sounding from a whole album', async ({ page }) => {
  test.skip(!existsSync(MODEL), `No sound model at ${MODEL}: train one (models/training) or set SOUNDLIKE_MODEL.`);
  test.setTimeout(420_000);
  await page.setViewportSize(SIZES[0]);
  await page.goto(host.url);
  await expect(page.getByTestId('analysis-progress')).toHaveAttribute('data-complete', 'true', { timeout: 360_000 });

  await page.getByTestId('nav-albums').click();
  await page.locator('[data-album-title="Garage Hours"] .album-open').click();
  await expect(page.getByTestId('album-title')).toHaveText('Garage Hours');
  await page.getByTestId('album-radio').click();
  await expect(page.getByTestId('radio-line')).toContainText('Open Road', { timeout: 60_000 });
  const picks = page.getByTestId('radio-queue-item');
  await expect.poll(() => picks.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
  // The album's own songs are the seed: none of them is picked.
  for (const text of await picks.allInnerTexts()) {
    expect(text).not.toContain('Open Road');
    expect(text).not.toContain('Static Heart');
  }
  await shoot(page, 'album-radio');
});
