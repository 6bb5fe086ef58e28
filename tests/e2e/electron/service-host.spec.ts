/**
 * The desktop app's services run in a utilityProcess: killing it makes the window say so, and the
 * restarted one serves the same library. Skipped, saying why, where Electron's binary is not installed
 * (tests/e2e/web/service-host-restart.spec.ts checks the same through `soundlike serve --service-host`).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { demoAudioFiles, DEMO_LIBRARY } from '../support/demo-library';

function electronBinary(): string | null {
  const pathFile = resolve('node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(resolve('node_modules/electron/dist'), readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();

function lockPid(dataDir: string): number {
  return (JSON.parse(readFileSync(join(dataDir, 'soundlike.lock'), 'utf8')) as { pid: number }).pid;
}

test('Electron: a killed service host is restarted and the window says so', async () => {
  test.skip(!binary, "Electron's binary is not installed on this machine (it downloads from GitHub on first use); the web-host spec covers the restart.");
  const data = mkdtempSync(join(tmpdir(), 'soundlike-electron-host-'));
  const app = await electron.launch({ executablePath: binary as string, args: [resolve('.'), '--data', data], env: { ...process.env, SOUNDLIKE_DATA: data } });
  try {
    const page = await app.firstWindow();
    await page.getByTestId('folder-path-input').fill(DEMO_LIBRARY);
    await page.getByTestId('add-folder-button').click();
    const count = String(demoAudioFiles().length);
    await expect(page.getByTestId('nav-library')).toContainText(count, { timeout: 60_000 });
    // The lock belongs to the service host, not to Electron's main process.
    const pid = lockPid(data);
    expect(pid).not.toBe(await app.evaluate(() => process.pid));
    process.kill(pid, 'SIGKILL');
    await expect(page.locator('[data-testid="toast"][data-code="SERVICES_STOPPED"]'))
      .toContainText('was restarted; nothing was lost', { timeout: 30_000 });
    expect(lockPid(data)).not.toBe(pid);
    await expect(page.getByTestId('nav-library')).toContainText(count);
  } finally {
    await app.close();
    rmSync(data, { recursive: true, force: true });
  }
});
