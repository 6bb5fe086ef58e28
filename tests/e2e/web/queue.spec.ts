/**
 * Track changes in the browser through the web host: a click in the queue, "next" and "previous" move
 * the playing entry with a position-only message (no queue is sent), and the player follows it.
 */
import { expect, test } from '@playwright/test';
import { playDemoQueue } from '../support/demo-library';
import { startHost, type RunningHost } from '../support/web-host';

let host: RunningHost;

test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

test('a click in the queue, next and previous move the playing entry; the queue itself is not resent', async ({ page }) => {
  const items = await playDemoQueue(page, host.url);
  await expect(items.first()).toHaveAttribute('data-current', 'true');

  // Every track-change answer from here on must be a position, never the queue.
  const answers: unknown[] = [];
  page.on('response', (response) => {
    if (response.url().includes('setCurrentIndex')) void response.json().then((body: unknown) => answers.push(body));
  });

  const third = items.nth(2);
  const thirdTitle = (await third.locator('.queue-title').innerText()).trim();
  await third.click();
  await expect(third).toHaveAttribute('data-current', 'true');
  await expect(page.getByTestId('now-playing-title')).toHaveText(thirdTitle);

  await page.getByTestId('next-track').click();
  await expect(items.nth(3)).toHaveAttribute('data-current', 'true');
  await page.getByTestId('prev-track').click();
  await expect(items.nth(2)).toHaveAttribute('data-current', 'true');

  // The playing entry is kept by main: a reload shows the same one.
  await page.reload();
  await page.getByTestId('toggle-queue').click();
  await expect(page.getByTestId('queue-item').nth(2)).toHaveAttribute('data-current', 'true');

  await expect.poll(() => answers.length).toBeGreaterThanOrEqual(3);
  for (const answer of answers) {
    const text = JSON.stringify(answer);
    expect(text).not.toContain('"items"');
    expect(text.length).toBeLessThan(200);
  }
});
