/**
 * The services in their own process (`soundlike serve --service-host`, the supervisor the desktop app
 * uses): when that process is killed, the page says so, the library comes back as it was, and playing
 * on works. This is how "the window says so" is seen here, where Electron cannot run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DEMO_LIBRARY } from '../support/demo-library';
import { startHost, type RunningHost } from '../support/web-host';

let host: RunningHost;

function servicePid(dataDir: string): number {
  return (JSON.parse(readFileSync(join(dataDir, 'soundlike.lock'), 'utf8')) as { pid: number }).pid;
}

test.beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'soundlike-e2e-service-host-'));
  execFileSync(process.execPath, ['bin/soundlike.js', 'scan', DEMO_LIBRARY, '--data', dataDir], { stdio: 'ignore', timeout: 120_000 });
  host = await startHost({ dataDir, serveArgs: ['--service-host'] });
});
test.afterAll(async () => {
  await host?.stop();
});

test('a killed service host is restarted, the page says so, and the library is all there', async ({ page }) => {
  await page.goto(host.url);
  const rows = page.getByTestId('track-row');
  await expect(rows.first()).toBeVisible();
  const libraryCount = (await page.getByTestId('nav-library').innerText()).replace(/\D/g, '');
  expect(Number(libraryCount)).toBeGreaterThan(0);

  const pid = servicePid(host.dataDir);
  process.kill(pid, 'SIGKILL');

  const notice = page.locator('[data-testid="toast"][data-code="SERVICES_STOPPED"]');
  await expect(notice).toContainText("Soundlike's library service stopped unexpectedly and was restarted; nothing was lost.", { timeout: 30_000 });
  expect(servicePid(host.dataDir)).not.toBe(pid);
  // The page refetched from the new host: same library, and it answers calls (a like sticks).
  await expect(page.getByTestId('nav-library')).toContainText(libraryCount);
  await expect(rows.first()).toBeVisible();
  const liked = await page.evaluate(async () => {
    const call = async (path: string, args: unknown[]) => {
      const reply = await (await fetch(`/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(args) })).json() as { ok: boolean; value: unknown };
      if (!reply.ok) throw new Error(JSON.stringify(reply));
      return reply.value;
    };
    const [first] = await call('library/listTracks', []) as Array<{ id: number }>;
    await call('library/setLiked', [first.id, true]);
    return { first: first.id, liked: await call('library/listLiked', []) as number[] };
  });
  expect(liked.liked).toContain(liked.first);
});
