/**
 * "Play similar sounding" in the browser through the web host, with a real sound model: scan the demo
 * library, let the analysis finish, start a radio from one song, open each pick's why-panel (matched
 * moments in m:ss), and listen to the pick's and the seed's matched moments (the preview element is at
 * that second). Needs models/manifest.json, or another model named by $SOUNDLIKE_MODEL (the host
 * inherits the environment); skipped, saying so, without one.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { demoAudioFiles, DEMO_LIBRARY } from '../support/demo-library';
import { ARTIFACTS, HAS_MODEL, MODEL, serialModelHost } from '../support/model-host';

/** The tag groups the model's manifest lets the why-panel show (null: a manifest without a display rule). */
const SHOWN_GROUPS: string[] | null = HAS_MODEL ? (JSON.parse(readFileSync(MODEL, 'utf8')) as { display?: { groups: string[] } }).display?.groups ?? null : null;
/** The shown groups the graph measures (no probability is shown for them). */
const MEASURED: string[] = HAS_MODEL ? Object.entries((JSON.parse(readFileSync(MODEL, 'utf8')) as { tag_quality?: Record<string, { source?: string }> }).tag_quality ?? {})
  .filter(([, q]) => q.source === 'measured').map(([g]) => g) : [];
/** How far the audio clock may be from a moment's start right after the click (decode, seek, start). */
const SEEK_TOLERANCE_SEC = 1.5;

const host = serialModelHost();

interface AudioState {
  time: number;
  src: string;
  paused: boolean;
}

function audio(page: Page, testId = 'audio-player'): Promise<AudioState> {
  return page.evaluate((id) => {
    const el = document.querySelector(`[data-testid="${id}"]`) as HTMLAudioElement | null;
    return { time: el?.currentTime ?? 0, src: el?.src ?? '', paused: el?.paused ?? true };
  }, testId);
}

/** "1:05–1:10" -> 65 (the start of the span). */
function startOf(span: string): number {
  const match = /^(\d+):(\d\d)–\d+:\d\d$/.exec(span.trim());
  if (!match) throw new Error(`not an m:ss–m:ss span: ${span}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Waits until the element `testId` (the main player unless told) holds `trackId` near `startSec`. */
async function expectPlayingFrom(page: Page, trackId: string, startSec: number, testId = 'audio-player'): Promise<void> {
  await expect.poll(async () => {
    const a = await audio(page, testId);
    return a.src.endsWith(`/media/track/${trackId}`) && Math.abs(a.time - startSec) < SEEK_TOLERANCE_SEC;
  }, { timeout: 10_000, message: `audio should play track ${trackId} from ${startSec}s` }).toBe(true);
}

test('scan, analyse, play similar, see why, and listen to the matched moments', async ({ page }) => {
  test.setTimeout(360_000);
  const expected = demoAudioFiles().length;
  await page.goto(host.url);
  await page.getByTestId('folder-path-input').fill(DEMO_LIBRARY);
  await page.getByTestId('add-folder-button').click();
  await expect(page.getByTestId('nav-library')).toContainText(String(expected), { timeout: 60_000 });

  // The analysis starts by itself; the indicator ends with every track analysed.
  const progress = page.getByTestId('analysis-progress');
  await expect(progress).toBeVisible();
  // While it runs it tells the recent rate and the time left, and (on hover) what they are measured from.
  const detail = page.getByTestId('analysis-detail');
  await expect(detail).toHaveText(/^\d+ \/ \d+ · (\d+\.\d tracks\/s|\d+ s per track) · \d+:\d\d left$/, { timeout: 120_000 });
  await expect(detail).toHaveAttribute('title', /faster than real time, measured over the last few tracks/);
  for (const [width, height] of [[1400, 900], [800, 600]]) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${ARTIFACTS}/radio-analysing-${width}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(progress).toHaveAttribute('data-complete', 'true', { timeout: 300_000 });
  await expect(page.getByTestId('analysis-headline')).toContainText(`All ${expected} tracks analysed`);
  await expect(page.locator('[data-testid="analysis-badge"][data-status="done"]').first()).toBeVisible();
  expect(await page.locator('[data-testid="analysis-badge"]:not([data-status="done"])').count()).toBe(0);
  await page.screenshot({ path: `${ARTIFACTS}/radio-analysed.png` });

  // Play similar sounding from a library row's button.
  const seedRow = page.getByTestId('track-row').first();
  const seedId = (await seedRow.getAttribute('data-track-id')) as string;
  const seedTitle = (await seedRow.locator('.cell-title').innerText()).trim();
  await seedRow.hover();
  await seedRow.getByTestId('play-similar').click();
  await expect(page.getByTestId('radio-line')).toContainText(seedTitle, { timeout: 60_000 });
  await expect.poll(() => page.getByTestId('radio-queue-item').count()).toBeGreaterThanOrEqual(5);
  // A one-song radio starts with its seed.
  await expect(page.getByTestId('now-playing-title')).toHaveText(seedTitle);
  await page.screenshot({ path: `${ARTIFACTS}/radio-queue.png` });

  // Every pick explains itself: its matched moment and the seed's, in m:ss, and how close.
  const pickIds = await page.getByTestId('radio-queue-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-item-id') as string));
  const why = page.getByTestId('why-panel');
  for (const itemId of pickIds.slice(0, 5)) {
    await page.locator(`[data-testid="radio-queue-item"][data-item-id="${itemId}"]`).getByTestId('why-button').click();
    await expect(why).toHaveAttribute('data-item-id', itemId);
    await expect(why.getByTestId('pick-moment')).toHaveText(/^\d+:\d\d–\d+:\d\d$/);
    await expect(why.getByTestId('seed-moment').first()).toHaveText(/^\d+:\d\d–\d+:\d\d$/);
    await expect(why.getByTestId('why-distance')).toHaveText(/sounds (very close|close|related|far)/);
    await expect(why.getByTestId('why-distance')).toHaveAttribute('title', /distance \d\.\d{3}/);
    await expect(why.getByTestId('why-percentile')).toHaveText(/^Closer than \d+(\.\d)?% of song pairs in your library$/);
    await expect(why.getByTestId('why-seed').first()).toHaveAttribute('data-track-id', seedId);
    // The songs were compared as wholes: up to 3 matched pairs of moments, strongest first, the first
    // being the moment the strips show.
    const pairs = why.getByTestId('matched-pair');
    await expect(pairs.first()).toHaveText(/^seed \d+:\d\d\s*↔\s*pick \d+:\d\d\s*A\/B\s*\d\.\d\d$/);
    expect(await pairs.count()).toBeLessThanOrEqual(3);
    const first = await pairs.first().innerText();
    expect(first).toContain(`pick ${(await why.getByTestId('pick-moment').innerText()).split('–')[0]}`);
    expect(first).toContain(`seed ${(await why.getByTestId('seed-moment').first().innerText()).split('–')[0]}`);
  }
  // Tags are facts or absent: only the manifest's shown groups appear, and with none a sentence says why.
  const chips = await why.locator('.tag-chips li').evaluateAll((els) => els.map((e) => (e.getAttribute('title') ?? e.textContent ?? '').trim()));
  if (SHOWN_GROUPS !== null && SHOWN_GROUPS.length === 0) {
    expect(chips).toEqual([]);
    await expect(why.getByTestId('no-tags-in-common')).toContainText('measured right on real music');
  }
  if (SHOWN_GROUPS !== null) for (const chip of chips) expect(SHOWN_GROUPS.some((g) => chip.startsWith(g))).toBe(true);
  // A measured group is a fact: its chips carry no "% likely".
  for (const group of MEASURED) {
    const measuredChips = why.locator('[data-testid="pick-tags"] li', { hasText: group });
    for (const text of await measuredChips.allInnerTexts()) expect(text).not.toMatch(/%/);
    for (const title of await measuredChips.evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''))) expect(title).not.toMatch(/likely/);
  }
  // The strips draw each song's loudness outline (ffmpeg is there: the analysis needed it).
  await expect(why.getByTestId('moment-strip').first()).toHaveClass(/with-wave/);
  await page.screenshot({ path: `${ARTIFACTS}/radio-why.png` });
  await why.screenshot({ path: `${ARTIFACTS}/radio-why-panel.png` });

  // Listen to the pick's matched moment: the preview player plays the pick from the fragment's start
  // (radio-audition.spec.ts checks the A/B sequence, the 5 s and the main playback in detail).
  const pickTrackId = (await why.getByTestId('why-pick').getAttribute('data-track-id')) as string;
  const pickStart = startOf(await why.getByTestId('pick-moment').innerText());
  await why.getByTestId('listen-pick-moment').click();
  await expectPlayingFrom(page, pickTrackId, pickStart, 'audio-preview');
  await expect.poll(async () => (await audio(page, 'audio-preview')).paused).toBe(false);

  // And the seed's: the seed plays from the moment the pick matched.
  const seedStart = startOf(await why.getByTestId('seed-moment').first().innerText());
  await why.getByTestId('listen-seed-moment').click();
  await expectPlayingFrom(page, seedId, seedStart, 'audio-preview');
  await page.screenshot({ path: `${ARTIFACTS}/radio-listen-seed.png` });
});

test('likes persist and seed the liked-songs radio; a multi-selection seeds a radio too', async ({ page }) => {
  await page.goto(host.url);
  const rows = page.getByTestId('track-row');
  await expect(rows.first()).toBeVisible();

  // Like the playing song from the player bar; it survives a reload.
  const like = page.getByTestId('now-playing').getByTestId('like-button');
  await expect(like).toBeVisible();
  if ((await like.getAttribute('aria-pressed')) !== 'true') await like.click();
  await expect(like).toHaveAttribute('aria-pressed', 'true');
  await page.reload();
  await expect(page.getByTestId('now-playing').getByTestId('like-button')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('liked-radio')).toContainText('1');

  await page.getByTestId('liked-radio').click();
  await expect(page.getByTestId('radio-line')).toContainText('liked songs', { timeout: 60_000 });
  await expect.poll(() => page.getByTestId('radio-queue-item').count()).toBeGreaterThanOrEqual(1);

  // "Less like this" on a playing radio pick moves on and says so.
  await page.locator('[data-testid="radio-queue-item"] [data-testid="queue-item"]').first().click();
  await page.getByTestId('now-playing').getByTestId('less-like-this').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Fewer songs like' })).toBeVisible();

  // Ctrl-click two rows (on their titles: the artist and album cells are links): the selection bar starts a radio from both.
  await rows.nth(1).locator('.cell-title').click();
  await rows.nth(3).locator('.cell-title').click({ modifiers: ['Control'] });
  await expect(page.getByTestId('selection-bar')).toContainText('2 selected');
  await page.getByTestId('selection-bar').getByTestId('play-similar').click();
  await expect(page.getByTestId('radio-line')).toContainText(' and ', { timeout: 60_000 });
  await page.screenshot({ path: `${ARTIFACTS}/radio-multi-seed.png` });

  // The analysis settings say where the model runs.
  await page.getByTestId('nav-folders').click();
  await expect(page.getByTestId('analysis-device-info')).toContainText(/running on the (CPU|GPU)/);
  await page.getByTestId('analysis-settings').screenshot({ path: `${ARTIFACTS}/radio-analysis-settings.png` });
});
