/**
 * Steering a playing radio in the browser through the web host, with a real sound model on the demo
 * library: the adventure control on the radio banner (mouse and arrow keys) re-ranks the unplayed picks
 * and says how many changed; "less like this" does too; blocking an artist offers Undo, which puts its
 * picks back; the liked-songs view plays, starts a radio, and unlikes (with undo). Screenshots at
 * 1400x900 and 800x600. Skipped, saying so, without a model.
 */
import { expect, test, type Page } from '@playwright/test';
import { demoAudioFiles, DEMO_LIBRARY } from '../support/demo-library';
import { ARTIFACTS, serialModelHost } from '../support/model-host';


const host = serialModelHost();

/** The radio's queued picks, by title, in order (the seed plays first and is not a pick). */
function pickTitles(page: Page): Promise<string[]> {
  return page.locator('[data-testid="radio-queue-item"] .queue-title').allInnerTexts();
}

/** What the toast counts: picks new or in another place, the song taken out on purpose aside. */
function changedPicks(before: string[], after: string[], takenOut?: string): number {
  const kept = before.filter((t) => t !== takenOut);
  return after.reduce((n, t, i) => (kept[i] === t ? n : n + 1), 0);
}

/** Waits until the queued picks stop changing (the radio extends and re-ranks in the background). */
async function settledPicks(page: Page): Promise<string[]> {
  let last = '';
  for (let i = 0; i < 60; i++) {
    const now = JSON.stringify(await pickTitles(page));
    if (now === last) return JSON.parse(now) as string[];
    last = now;
    await page.waitForTimeout(400);
  }
  throw new Error('the radio queue kept changing');
}

function toastCount(text: string): number {
  const match = /: (\d+) upcoming picks? changed/.exec(text);
  return match ? Number(match[1]) : 0;
}

test('the adventure control, "less like this" and an undoable block steer the unplayed picks', async ({ page }) => {
  test.setTimeout(420_000);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(host.url);
  await page.getByTestId('folder-path-input').fill(DEMO_LIBRARY);
  await page.getByTestId('add-folder-button').click();
  await expect(page.getByTestId('nav-library')).toContainText(String(demoAudioFiles().length), { timeout: 60_000 });
  await expect(page.getByTestId('analysis-progress')).toHaveAttribute('data-complete', 'true', { timeout: 360_000 });

  const seedRow = page.getByTestId('track-row').first();
  await seedRow.hover();
  await seedRow.getByTestId('play-similar').click();
  const banner = page.getByTestId('radio-line');
  await expect(banner).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => page.getByTestId('radio-queue-item').count()).toBeGreaterThanOrEqual(8);
  // Hold the seed: a pick must not start playing while the picks are compared.
  await expect(page.getByTestId('play-pause')).toHaveAttribute('aria-label', 'Pause', { timeout: 20_000 });
  await page.getByTestId('play-pause').click();
  await expect(page.getByTestId('play-pause')).toHaveAttribute('aria-label', 'Play');

  // The radio starts balanced; "Varied" re-ranks the picks at once and says how many changed.
  const control = banner.getByTestId('adventure-control');
  await expect(control.getByTestId('adventure-balanced')).toBeChecked();
  let before = await settledPicks(page);
  await control.getByText('Varied').click();
  const variedToast = page.getByTestId('toast').filter({ hasText: /^Varied: / });
  await expect(variedToast).toBeVisible();
  await expect(control.getByTestId('adventure-varied')).toBeChecked();
  let after = await settledPicks(page);
  expect(toastCount(await variedToast.innerText())).toBe(changedPicks(before, after));
  await page.screenshot({ path: `${ARTIFACTS}/steer-adventure-1400.png` });
  await banner.screenshot({ path: `${ARTIFACTS}/steer-adventure-banner.png` });

  // By keyboard: the steps are a radio group; an arrow key moves to the next step and applies it.
  before = after;
  await control.getByTestId('adventure-varied').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(control.getByTestId('adventure-balanced')).toBeChecked();
  await expect(page.getByTestId('toast').filter({ hasText: /^Balanced: / })).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(control.getByTestId('adventure-close')).toBeChecked();
  const closeToast = page.getByTestId('toast').filter({ hasText: /^Close: / });
  await expect(closeToast).toBeVisible();
  // Only the latest outcome stays up.
  await expect(page.getByTestId('toast').filter({ hasText: /^(Varied|Balanced): / })).toHaveCount(0);
  await banner.screenshot({ path: `${ARTIFACTS}/steer-adventure-focus.png` });
  after = await settledPicks(page);

  // "Less like this" on the first upcoming pick (from its why-panel): it leaves, the rest is chosen again.
  before = after;
  const first = page.getByTestId('radio-queue-item').first();
  const target = (await first.locator('.queue-title').innerText()).trim();
  await first.getByTestId('why-button').click();
  const why = page.getByTestId('why-panel');
  await why.getByTestId('less-like-this').click();
  const lessToast = page.getByTestId('toast').filter({ hasText: `Fewer songs like “${target}”` });
  await expect(lessToast).toBeVisible();
  after = await settledPicks(page);
  expect(after).not.toContain(target);
  expect(toastCount(await lessToast.innerText())).toBe(changedPicks(before, after, target));
  await expect(lessToast).toHaveText(/upcoming picks? changed|stay as they were/);
  await page.screenshot({ path: `${ARTIFACTS}/steer-less-1400.png` });

  // Block the artist of a pick: its picks leave; Undo lets the artist back in and puts them back in place.
  before = after;
  await page.getByTestId('radio-queue-item').first().getByTestId('why-button').click();
  const artist = (await page.getByTestId('radio-queue-item').first().locator('.queue-artist').innerText()).trim();
  await why.getByTestId('block-artist').click();
  const blockToast = page.getByTestId('toast').filter({ hasText: `${artist} will not be picked by the radio.` });
  await expect(blockToast).toBeVisible();
  await expect.poll(() => page.locator('[data-testid="radio-queue-item"] .queue-artist', { hasText: artist }).count()).toBe(0);
  await page.screenshot({ path: `${ARTIFACTS}/steer-block-undo-1400.png` });
  await blockToast.getByTestId('toast-action').click();
  await expect(page.getByTestId('toast').filter({ hasText: `${artist} can be picked again` })).toBeVisible();
  await expect.poll(() => page.locator('[data-testid="radio-queue-item"] .queue-artist', { hasText: artist }).count()).toBeGreaterThan(0);
  // The blocked artist's picks stand where they stood (the radio may have added songs at the end meanwhile).
  after = await settledPicks(page);
  expect(after.slice(0, before.length)).toEqual(before);
  await page.getByTestId('nav-folders').click();
  await expect(page.getByTestId('blocked-artists')).toContainText('No artist is blocked');
  await page.getByTestId('nav-library').click();

  // At 800x600 the banner and its control still fit (the side panel is a drawer there).
  await page.setViewportSize({ width: 800, height: 600 });
  // The toasts have been read: dismissed (by their buttons), they no longer cover the drawer.
  // (Some leave by their timers meanwhile: the first one left is dismissed, until none is.)
  for (let i = 0; i < 8 && (await page.getByTestId('toast').count()) > 0; i++) {
    await page.getByTestId('toast').first().getByRole('button', { name: 'Dismiss' }).click({ timeout: 2_000 }).catch(() => undefined);
  }
  await expect(page.getByTestId('toast')).toHaveCount(0);
  const toggle = page.getByTestId('side-toggle');
  // (A drawer slid away still counts as visible: whether it is open is the app's class.)
  if (await toggle.isVisible()) {
    if ((await page.locator('.app.side-open').count()) === 0) await toggle.click();
    await expect(page.locator('.app.side-open')).toHaveCount(1);
  }
  await expect(control).toBeVisible();
  await page.screenshot({ path: `${ARTIFACTS}/steer-adventure-800.png` });
  await banner.screenshot({ path: `${ARTIFACTS}/steer-adventure-banner-800.png` });
});

test('the liked-songs view lists likes: play, a radio from them, unlike with undo', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(host.url);
  const rows = page.getByTestId('track-row');
  await expect(rows.first()).toBeVisible();

  // Nothing liked yet: the view says how to like a song.
  await page.getByTestId('nav-liked').click();
  await expect(page.getByTestId('liked-empty')).toBeVisible();

  // Like three songs from the player bar.
  const liked: string[] = [];
  await page.getByTestId('nav-library').click();
  for (const n of [1, 4, 7]) {
    await rows.nth(n).locator('.cell-title').dblclick();
    const title = page.getByTestId('now-playing-title');
    const rowTitle = (await rows.nth(n).locator('.cell-title').innerText()).trim();
    await expect(title).toHaveText(rowTitle);
    const like = page.getByTestId('now-playing').getByTestId('like-button');
    if ((await like.getAttribute('aria-pressed')) !== 'true') await like.click();
    await expect(like).toHaveAttribute('aria-pressed', 'true');
    liked.push(rowTitle);
  }
  await expect(page.getByTestId('nav-liked')).toContainText('3');
  await page.getByTestId('nav-liked').click();
  const view = page.getByTestId('liked-view');
  const likedRows = view.getByTestId('liked-row');
  // The latest liked first.
  await expect(likedRows.locator('.liked-title')).toHaveText([...liked].reverse());
  await expect(view.getByTestId('liked-summary')).toContainText('3 songs');
  await page.screenshot({ path: `${ARTIFACTS}/liked-view-1400.png` });

  // Play from a row: the liked songs become the queue from there.
  await likedRows.nth(1).getByTestId('liked-play').click();
  await expect(page.getByTestId('now-playing-title')).toHaveText(liked[1]);
  // Keyboard: a focused row plays with Enter.
  await likedRows.nth(2).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('now-playing-title')).toHaveText(liked[0]);

  // A radio from all of them.
  await view.getByTestId('liked-view-radio').click();
  await expect(page.getByTestId('radio-line')).toContainText('liked songs', { timeout: 60_000 });
  await expect.poll(() => page.getByTestId('radio-queue-item').count()).toBeGreaterThanOrEqual(1);
  // And from one.
  await likedRows.nth(0).getByTestId('liked-radio-row').click();
  await expect(page.getByTestId('radio-line')).toContainText(liked[2], { timeout: 60_000 });

  // Unlike a row: it leaves at once; Undo likes it again.
  await likedRows.nth(0).getByTestId('liked-unlike').click();
  await expect(likedRows).toHaveCount(2);
  const unlikeToast = page.getByTestId('toast').filter({ hasText: `Removed “${liked[2]}” from your liked songs.` });
  await expect(unlikeToast).toBeVisible();
  await page.screenshot({ path: `${ARTIFACTS}/liked-unlike-1400.png` });
  await unlikeToast.getByTestId('toast-action').click();
  await expect(likedRows).toHaveCount(3);
  // It is kept: after a reload the list is the same.
  await page.reload();
  await page.getByTestId('nav-liked').click();
  await expect(page.getByTestId('liked-view').getByTestId('liked-row')).toHaveCount(3);

  await page.setViewportSize({ width: 800, height: 600 });
  // The side panel is a drawer at this width: close it if it is open, to see the list.
  if ((await page.locator('.app.side-open').count()) > 0) await page.getByTestId('side-close').click();
  await expect(page.locator('.app.side-open')).toHaveCount(0);
  await expect(page.locator('#side-panel')).toBeHidden(); // slid away (hidden once its transition ends)
  await expect(page.getByTestId('liked-view').getByTestId('liked-row').first()).toBeVisible();
  await page.screenshot({ path: `${ARTIFACTS}/liked-view-800.png` });
});
