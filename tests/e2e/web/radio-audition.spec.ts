/**
 * The why-panel's closeness relative to the library and its audition, in the browser through the web
 * host with the real sound model on the demo library: each pick shows "closer than N % of song pairs in
 * your library" (the picks of one radio differ), A/B plays the seed's moment then the pick's in the
 * preview element, each exactly its 5 s, while the main element pauses and then resumes where it was;
 * a click on a strip previews from that point; Space, Enter and Escape work; closing the panel stops it.
 * Media events are logged from the page (capture listeners on document) so timings are the element's own.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { demoAudioFiles, DEMO_LIBRARY } from '../support/demo-library';
import { ARTIFACTS, serialModelHost } from '../support/model-host';

/** How far the element's clock may be from a clip's start when it starts playing (seek granularity). */
const START_TOLERANCE_SEC = 0.35;
/** How far past a clip's end the preview may pause (one end check plus the event's delivery). */
const END_TOLERANCE_SEC = 0.3;

const host = serialModelHost();

interface MediaEvent {
  id: string;
  type: string;
  src: string;
  time: number;
  at: number;
}

/** Logs every audio element's playing/pause events (media events do not bubble, but capture sees them). */
async function logMedia(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: unknown[] = [];
    (window as unknown as { mediaLog: unknown[] }).mediaLog = log;
    for (const type of ['playing', 'pause']) {
      document.addEventListener(type, (e) => {
        const el = e.target as HTMLAudioElement;
        log.push({ id: el.dataset.testid ?? '', type, src: el.currentSrc || el.src, time: el.currentTime, at: performance.now() });
      }, true);
    }
  });
}

async function mediaLog(page: Page, since = 0): Promise<MediaEvent[]> {
  return (await page.evaluate(() => (window as unknown as { mediaLog: MediaEvent[] }).mediaLog)).slice(since);
}

async function element(page: Page, testId: string): Promise<{ time: number; src: string; paused: boolean }> {
  return page.evaluate((id) => {
    const el = document.querySelector(`[data-testid="${id}"]`) as HTMLAudioElement | null;
    return { time: el?.currentTime ?? 0, src: el?.src ?? '', paused: el?.paused ?? true };
  }, testId);
}

async function momentOf(button: Locator): Promise<{ trackId: string; start: number; end: number }> {
  return {
    trackId: (await button.getAttribute('data-track-id')) as string,
    start: Number(await button.getAttribute('data-start-sec')),
    end: Number(await button.getAttribute('data-end-sec')),
  };
}

/** The preview's play spans from the log: where each clip started and paused, and how long it ran. */
function previewSpans(events: MediaEvent[]): { src: string; from: number; to: number; ms: number }[] {
  const spans: { src: string; from: number; to: number; ms: number }[] = [];
  let open: MediaEvent | null = null;
  for (const e of events.filter((x) => x.id === 'audio-preview')) {
    if (e.type === 'playing') open = e;
    else if (e.type === 'pause' && open) {
      spans.push({ src: open.src, from: open.time, to: e.time, ms: e.at - open.at });
      open = null;
    }
  }
  return spans;
}

async function waitMainPlaying(page: Page): Promise<void> {
  await expect.poll(async () => {
    const a = await element(page, 'audio-player');
    return !a.paused && a.time > 0.5;
  }, { timeout: 20_000, message: 'the main player should be playing' }).toBe(true);
}

test('closeness relative to the library, and A/B audition in a preview player', async ({ page }) => {
  test.setTimeout(420_000);
  await logMedia(page);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(host.url);
  await page.getByTestId('folder-path-input').fill(DEMO_LIBRARY);
  await page.getByTestId('add-folder-button').click();
  await expect(page.getByTestId('nav-library')).toContainText(String(demoAudioFiles().length), { timeout: 60_000 });
  await expect(page.getByTestId('analysis-progress')).toHaveAttribute('data-complete', 'true', { timeout: 330_000 });

  // A seed in the middle of the library's sound. (The demo's tango is its outlier: every song is farther
  // from it than the median pair of the library, so all of its picks rightly read "far".)
  const seedRow = page.getByTestId('track-row').filter({ hasText: 'Creek Bed Shuffle' });
  await seedRow.hover();
  await seedRow.getByTestId('play-similar').click();
  await expect.poll(() => page.getByTestId('radio-queue-item').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(5);

  // Every pick says how close it is for this library, with the number in the panel; the picks differ.
  const why = page.getByTestId('why-panel');
  const pickIds = await page.getByTestId('radio-queue-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-item-id') as string));
  const percentiles: number[] = [];
  const words: string[] = [];
  for (const itemId of pickIds) {
    await page.locator(`[data-testid="radio-queue-item"][data-item-id="${itemId}"]`).getByTestId('why-button').click();
    await expect(why).toHaveAttribute('data-item-id', itemId);
    const line = why.getByTestId('why-percentile');
    await expect(line).toHaveText(/^Closer than \d+(\.\d)?% of song pairs in your library$/);
    percentiles.push(Number(/(\d+(\.\d)?)%/.exec(await line.innerText())?.[1]));
    const head = (await why.getByTestId('why-distance').innerText()).trim();
    expect(head).toMatch(/^sounds (very close|close|related|far)$/);
    words.push(head.replace('sounds ', ''));
    await expect(why.getByTestId('why-distance')).toHaveAttribute('title', /pairs of different songs in your library; distance \d\.\d{3}/);
    // The queue's chip says the same words.
    await expect(page.locator(`[data-testid="radio-queue-item"][data-item-id="${itemId}"]`).getByTestId('why-button')).toHaveText(words[words.length - 1]);
  }
  expect(new Set(percentiles).size, `percentiles ${percentiles.join(', ')}`).toBeGreaterThanOrEqual(Math.min(3, pickIds.length));
  expect(new Set(words).size, `words ${words.join(', ')}`).toBeGreaterThanOrEqual(2);
  // The first pick's panel for the audition.
  await page.locator(`[data-testid="radio-queue-item"][data-item-id="${pickIds[0]}"]`).getByTestId('why-button').click();
  await expect(why).toHaveAttribute('data-item-id', pickIds[0]);
  await page.screenshot({ path: `${ARTIFACTS}/audition-panel-1400.png` });

  // A/B: the seed's moment, then the pick's, each exactly its span, while the main playback waits.
  await waitMainPlaying(page);
  const queueBefore = await page.getByTestId('queue-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-item-id')));
  const seed = await momentOf(why.getByTestId('listen-seed-moment'));
  const pick = await momentOf(why.getByTestId('listen-pick-moment'));
  expect(seed.end - seed.start).toBeCloseTo(5, 1);
  expect(pick.end - pick.start).toBeCloseTo(5, 1);
  const mainSrc = (await element(page, 'audio-player')).src;
  let mark = (await mediaLog(page)).length;
  await why.getByTestId('audition-ab').click();
  await expect(why.getByTestId('preview-status')).toHaveAttribute('data-playing', 'true');
  await expect(why.getByTestId('preview-status')).toContainText('seed');
  await expect.poll(async () => (await element(page, 'audio-player')).paused).toBe(true);
  const mainPausedAt = (await mediaLog(page, mark)).find((e) => e.id === 'audio-player' && e.type === 'pause') as MediaEvent;
  expect(mainPausedAt).toBeDefined();
  // No screenshot while these clips play: capturing one stalls the page's main thread, and with it the end check.
  await expect(why.getByTestId('preview-status')).toHaveAttribute('data-playing', 'false', { timeout: 20_000 });
  const events = await mediaLog(page, mark);
  const spans = previewSpans(events);
  expect(spans.length, JSON.stringify(events)).toBe(2);
  expect(spans[0].src.endsWith(`/media/track/${seed.trackId}`)).toBe(true);
  expect(spans[1].src.endsWith(`/media/track/${pick.trackId}`)).toBe(true);
  for (const [span, m] of [[spans[0], seed], [spans[1], pick]] as const) {
    expect(Math.abs(span.from - m.start), `clip starts at ${m.start}: ${JSON.stringify(span)}`).toBeLessThan(START_TOLERANCE_SEC);
    expect(span.to, `clip ends at ${m.end}: ${JSON.stringify(span)}`).toBeGreaterThanOrEqual(m.end - 0.05);
    expect(span.to - m.end).toBeLessThan(END_TOLERANCE_SEC);
    expect(span.ms).toBeGreaterThan(4500);
    expect(span.ms).toBeLessThan(5800);
  }
  // The main playback resumed after B, on the same track from the same second; the queue is untouched.
  const resumed = events.find((e) => e.id === 'audio-player' && e.type === 'playing' && e.at > mainPausedAt.at);
  expect(resumed, JSON.stringify(events)).toBeDefined();
  expect(resumed?.src).toBe(mainSrc);
  expect(Math.abs((resumed as MediaEvent).time - mainPausedAt.time)).toBeLessThan(0.3);
  await waitMainPlaying(page);
  expect(await page.getByTestId('queue-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-item-id')))).toEqual(queueBefore);

  // A click on the pick's strip previews from that point; Escape stops it and the main playback resumes.
  const strip = why.getByTestId('why-pick').getByTestId('moment-strip');
  const length = Number(await strip.getAttribute('data-length'));
  const box = (await strip.boundingBox()) as { width: number; height: number };
  mark = (await mediaLog(page)).length;
  await strip.click({ position: { x: box.width * 0.5, y: box.height / 2 } });
  await expect.poll(async () => {
    const p = await element(page, 'audio-preview');
    return p.src.endsWith(`/media/track/${pick.trackId}`) && !p.paused && Math.abs(p.time - length * 0.5) < 1;
  }, { timeout: 10_000, message: `the preview should play the pick from ${length * 0.5}s` }).toBe(true);
  await expect(why.getByTestId('preview-playhead')).toBeVisible();
  expect((await element(page, 'audio-player')).paused).toBe(true);
  await page.screenshot({ path: `${ARTIFACTS}/audition-strip-playing-1400.png` });
  await why.screenshot({ path: `${ARTIFACTS}/audition-strip-panel.png` });
  await page.keyboard.press('Escape');
  await expect(why.getByTestId('preview-status')).toHaveAttribute('data-playing', 'false');
  expect((await element(page, 'audio-preview')).paused).toBe(true);
  await waitMainPlaying(page);

  // Keyboard: Space on the A/B button previews (it does not toggle the main player), Enter on a strip
  // plays its matched moment, Escape stops; the focus is visible.
  await why.getByTestId('audition-ab').focus();
  await page.keyboard.press('Space');
  await expect.poll(async () => (await element(page, 'audio-preview')).src.endsWith(`/media/track/${seed.trackId}`) && !(await element(page, 'audio-preview')).paused).toBe(true);
  expect((await element(page, 'audio-player')).paused).toBe(true);
  await why.screenshot({ path: `${ARTIFACTS}/audition-keyboard-focus.png` });
  await page.keyboard.press('Escape');
  await expect(why.getByTestId('preview-status')).toHaveAttribute('data-playing', 'false');
  await waitMainPlaying(page);
  await strip.focus();
  await page.keyboard.press('Enter');
  await expect.poll(async () => {
    const p = await element(page, 'audio-preview');
    return p.src.endsWith(`/media/track/${pick.trackId}`) && !p.paused && p.time >= pick.start - 0.1 && p.time < pick.end;
  }).toBe(true);
  await page.keyboard.press('Escape');
  await waitMainPlaying(page);

  // Closing the panel stops the preview (and gives the sound back).
  await page.locator(`[data-testid="radio-queue-item"][data-item-id="${pickIds[1]}"]`).getByTestId('why-button').click();
  await expect(why).toHaveAttribute('data-item-id', pickIds[1]);
  await why.getByTestId('audition-ab').click();
  await expect(why.getByTestId('preview-status')).toHaveAttribute('data-playing', 'true');
  await why.getByTestId('why-close').click();
  await expect.poll(async () => (await element(page, 'audio-preview')).paused).toBe(true);
  await waitMainPlaying(page);

  // At 800x600 the side panel is a drawer: open it ("Now playing"); the panel holds the audition there too.
  await page.setViewportSize({ width: 800, height: 600 });
  const pickButton = page.locator(`[data-testid="radio-queue-item"][data-item-id="${pickIds[2]}"]`).getByTestId('why-button');
  // The layout settles after the resize (the side panel folds on a media query).
  await page.waitForTimeout(500);
  if (!(await pickButton.isVisible())) await page.getByTestId('side-toggle').click();
  await pickButton.click({ timeout: 15_000 });
  await expect(why).toHaveAttribute('data-item-id', pickIds[2]);
  await why.getByTestId('audition-ab').click();
  await expect(why.getByTestId('preview-status')).toHaveAttribute('data-playing', 'true');
  await page.screenshot({ path: `${ARTIFACTS}/audition-ab-playing-800.png` });
  await page.keyboard.press('Escape');
  await expect(why.getByTestId('preview-status')).toHaveAttribute('data-playing', 'false');
  await waitMainPlaying(page);
});
