/**
 * A library restored from its backup at start-up: the page says so (what came back, what was lost, where
 * the log is) in a notice that stays until dismissed. The database is emptied for real on disk.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DEMO_LIBRARY } from '../support/demo-library';
import { startHost, type RunningHost } from '../support/web-host';

let host: RunningHost;

test.beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'soundlike-e2e-restore-'));
  // A scan makes the library and its backup; then the database file is emptied, as the audit found it.
  execFileSync(process.execPath, ['bin/soundlike.js', 'scan', DEMO_LIBRARY, '--data', dataDir], { stdio: 'ignore', timeout: 120_000 });
  writeFileSync(join(dataDir, 'library.db'), '');
  host = await startHost({ dataDir });
});
test.afterAll(async () => {
  await host?.stop();
});

test('the page shows what a restore brought back and what was lost, and the notice stays', async ({ page }) => {
  await page.goto(host.url);
  const notice = page.locator('[data-testid="toast"][data-code="STARTUP_NOTICE"]');
  await expect(notice).toContainText('The library database was damaged (the file is empty (0 bytes))');
  await expect(notice).toContainText(/The backup of .* was restored/);
  await expect(notice).toContainText('Lost: songs added, changed or analysed after the backup');
  await expect(notice).toContainText(`Details are in the log: ${join(host.dataDir, 'logs', 'soundlike.log')}`);
  await page.waitForTimeout(5_000); // longer than an info toast lives
  await expect(notice).toBeVisible();
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
});
