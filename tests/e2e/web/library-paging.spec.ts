/**
 * The library's first screen paints from one small page before the whole track list has arrived (the
 * whole list's answer is held back here, on the real host), says the library is still loading, then shows
 * the full count; search results are right once it has. Bad page requests get a clear message.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page, type Route } from '@playwright/test';
import { demoAudioFiles, DEMO_LIBRARY } from '../support/demo-library';
import { startHost, type RunningHost } from '../support/web-host';

const ARTIFACTS = 'test-results/screenshots';
let host: RunningHost;

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  host = await startHost();
  const res = await fetch(`${host.origin}/api/library/addFolder`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}`, origin: host.origin, 'content-type': 'application/json' },
    body: JSON.stringify([DEMO_LIBRARY]),
  });
  expect(res.status).toBe(200);
});
test.afterAll(async () => {
  await host?.stop();
});

const rowTexts = (page: Page): Promise<string[]> => page.getByTestId('track-row').allInnerTexts();

for (const [width, height] of [[1400, 900], [800, 600]] as const) {
  test(`first rows paint before the whole library arrives (${width}x${height})`, async ({ page }) => {
    const expected = demoAudioFiles().length;
    await page.setViewportSize({ width, height });
    // Wait for the scan, so the page and the list hold every track.
    await page.goto(host.url);
    await expect(page.getByTestId('library-summary')).toContainText(`${expected} tracks`, { timeout: 60_000 });
    const finalOrder = await rowTexts(page);

    // Hold the whole list's answer until the first screen has been checked.
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => { release = r; });
    let wholeRequests = 0;
    await page.route(/\/api\/library\/listTracks$/, async (route: Route) => {
      wholeRequests++;
      await held;
      await route.continue();
    });
    await page.reload();
    await expect(page.getByTestId('track-row').first()).toBeVisible();
    await expect(page.getByTestId('library-summary')).toHaveText(`Loading ${expected} tracks…`);
    expect(wholeRequests).toBe(1);
    // The page comes in the view's own order: the first screen does not reshuffle when the rest arrives.
    expect(await rowTexts(page)).toEqual(finalOrder);
    await page.screenshot({ path: `${ARTIFACTS}/library-first-page-${width}x${height}.png` });

    release();
    await expect(page.getByTestId('library-summary')).toContainText(`${expected} tracks`);
    await expect(page.getByTestId('library-summary')).not.toContainText('Loading');
    expect(await rowTexts(page)).toEqual(finalOrder);

    // Search over the whole list: every row left holds the word, and the count says how many of all.
    const word = (finalOrder[0].split('\n').map((s) => s.trim()).find((s) => /^[a-z]{4,}/i.test(s)) ?? '').split(' ')[0].toLowerCase();
    expect(word.length).toBeGreaterThan(3);
    await page.getByTestId('search-input').fill(word);
    const matches = await rowTexts(page);
    expect(matches.length).toBeGreaterThan(0);
    for (const row of matches) expect(row.toLowerCase()).toContain(word);
    await expect(page.getByTestId('library-summary')).toContainText(`${matches.length} of ${expected} tracks`);
    await page.getByTestId('search-input').fill('qwertyuiopzz');
    await expect(page.getByText('No tracks match your search.')).toBeVisible();
    await page.getByTestId('search-input').fill('');
    await expect.poll(() => rowTexts(page)).toEqual(finalOrder);
    await page.getByTestId('search-input').focus();
    await page.screenshot({ path: `${ARTIFACTS}/library-loaded-${width}x${height}.png` });
  });
}

test('a bad page request gets a clear message', async ({ page }) => {
  await page.goto(host.url);
  const answers = await page.evaluate(async () => {
    const ask = async (body: string) => {
      const res = await fetch('/api/library/listTrackPage', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return { status: res.status, text: await res.text() };
    };
    return Promise.all([ask('[{"offset":0,"limit":5000}]'), ask('[{"offset":-1,"limit":10}]'), ask('["/etc/passwd"]'), ask('[{"offset":0,"limit":3}]')]);
  });
  // Commands answer in an envelope: { ok: false, error } for a refused one.
  const envelopes = answers.map((a) => {
    expect(a.status).toBe(200);
    return JSON.parse(a.text) as { ok: boolean; value?: { tracks: unknown[]; total: number }; error?: { code: string; message: string } };
  });
  expect(envelopes[0].error).toMatchObject({ code: 'INVALID_ARGUMENT', message: 'A track page holds 1 to 1000 tracks.' });
  expect(envelopes[1].error?.message).toContain('offset is a whole number');
  expect(envelopes[2].ok).toBe(false);
  expect(envelopes[3].value?.tracks).toHaveLength(3);
  expect(envelopes[3].value?.total).toBe(demoAudioFiles().length);
});
