/**
 * Queue edits through the web host: removing, moving and adding entries answer with a small edit (never
 * the queue), and a second browser window on the same host follows every edit from the events alone.
 */
import { expect, test, type Page } from '@playwright/test';
import { demoAudioFiles, playDemoQueue } from '../support/demo-library';
import { startHost, type RunningHost } from '../support/web-host';

let host: RunningHost;

test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

/** The first rows' titles (the list is virtual: only the rows in view exist, and windows differ in height). */
const titles = async (page: Page): Promise<string[]> => (await page.getByTestId('queue-item').locator('.queue-title').allInnerTexts()).slice(0, 10);
const summary = (page: Page): Promise<string> => page.getByTestId('queue-summary').innerText();

test('remove, move and add answer with an edit, and another window follows each one', async ({ page, context }) => {
  const items = await playDemoQueue(page, host.url);

  const other = await context.newPage();
  await other.goto(host.url);
  await other.getByTestId('toggle-queue').click();
  await expect(other.getByTestId('queue-item').nth(3)).toBeVisible();
  const follows = async () => {
    await expect.poll(() => titles(other)).toEqual(await titles(page));
    await expect(other.getByTestId('queue-summary')).toHaveText(await summary(page));
  };
  await follows();

  const answers: string[] = [];
  page.on('response', (response) => {
    if (/enqueue|removeFromQueue|moveInQueue/.test(response.url())) void response.text().then((body) => answers.push(body));
  });

  const before = await titles(page);
  const count = demoAudioFiles().length;
  await expect(page.getByTestId('queue-summary')).toContainText(`${count} tracks`);
  await items.nth(1).hover();
  await items.nth(1).getByTestId('queue-remove').click();
  await expect(page.getByTestId('queue-summary')).toContainText(`${count - 1} tracks`);
  expect((await titles(page)).slice(0, 9)).toEqual([before[0], ...before.slice(2)]);
  await follows();

  const moved = await titles(page);
  await items.nth(1).hover();
  await items.nth(1).getByTestId('queue-move-down').click();
  await expect(items.nth(2).locator('.queue-title')).toHaveText(moved[1]);
  await follows();

  const row = page.getByTestId('track-row').nth(2);
  await row.hover();
  await row.getByRole('button', { name: 'Add to queue' }).click();
  await expect(page.getByTestId('queue-summary')).toContainText(`${count} tracks`);
  await follows();

  await expect.poll(() => answers.length).toBe(3);
  for (const answer of answers) {
    const { value } = JSON.parse(answer) as { value: Record<string, unknown> };
    expect(Object.keys(value).sort()).toEqual(['baseVersion', 'currentIndex', 'length', 'ops', 'version']); // an edit, not the queue
    expect(answer.length).toBeLessThan(400);
  }
});
