/**
 * The same library flow in the real Electron shell (sandboxed preload, IPC transport, media protocol),
 * and the shell's lockdown (app scheme, CSP, no navigation or new windows; see src/main/security).
 * Electron fetches its binary from GitHub on first use; where it is not installed this reports itself
 * skipped, with the reason.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { demoAudioFiles, DEMO_LIBRARY } from '../support/demo-library';

function electronBinary(): string | null {
  const dir = resolve('node_modules/electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();

test('Electron: scan the demo library and play a track', async () => {
  test.skip(!binary, "Electron's binary is not installed on this machine (it downloads from GitHub on first use); the web-host tests cover the renderer.");
  const data = mkdtempSync(join(tmpdir(), 'soundlike-electron-'));
  const app = await electron.launch({ executablePath: binary as string, args: [resolve('.'), '--data', data], env: { ...process.env, SOUNDLIKE_DATA: data } });
  try {
    const page = await app.firstWindow();
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => (window as unknown as { soundlike: { transport: string } }).soundlike.transport)).toBe('electron');
    await page.getByTestId('folder-path-input').fill(DEMO_LIBRARY);
    await page.getByTestId('add-folder-button').click();
    await expect(page.getByTestId('nav-library')).toContainText(String(demoAudioFiles().length), { timeout: 60_000 });
    await page.getByTestId('track-row').first().dblclick();
    await expect.poll(() => page.evaluate(() => (document.querySelector('[data-testid="audio-player"]') as HTMLAudioElement | null)?.currentTime ?? 0), { timeout: 20_000 }).toBeGreaterThan(1);
    await page.screenshot({ path: 'test-results/screenshots/electron-playing.png' });
  } finally {
    await app.close();
    rmSync(data, { recursive: true, force: true });
  }
});

test('Electron: the window is a soundlike-app:// page and stays locked down', async () => {
  test.skip(!binary, "Electron's binary is not installed on this machine (it downloads from GitHub on first use); src/main/security/*.test.ts cover the decisions.");
  const data = mkdtempSync(join(tmpdir(), 'soundlike-electron-lockdown-'));
  const app = await electron.launch({ executablePath: binary as string, args: [resolve('.'), '--data', data], env: { ...process.env, SOUNDLIKE_DATA: data } });
  try {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    // Not a file:// page: its own origin, which is what the IPC sender check trusts.
    expect(await page.evaluate(() => location.origin)).toBe('soundlike-app://app');
    expect(await page.evaluate(() => (window as unknown as { soundlike: { transport: string } }).soundlike.transport)).toBe('electron');
    const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy') ?? '');
    for (const directive of ["object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"]) expect(csp).toContain(directive);
    // The scheme serves the renderer folder only.
    expect(await page.evaluate(async () => (await fetch('soundlike-app://app/..%2f..%2fpackage.json')).status)).toBe(404);
    // No new windows, no navigation away.
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    await page.evaluate(() => { location.href = 'https://example.com/'; });
    await page.waitForTimeout(500);
    expect(new URL(page.url()).protocol).toBe('soundlike-app:');
    expect(app.windows()).toHaveLength(1);
  } finally {
    await app.close();
    rmSync(data, { recursive: true, force: true });
  }
});

test('Electron: analysis completes, play similar sounding, and a pick explains itself', async () => {
  test.skip(!binary, "Electron's binary is not installed on this machine (it downloads from GitHub on first use); tests/e2e/web/radio.spec.ts covers the same flow in the browser.");
  test.skip(!existsSync(resolve('models/manifest.json')), 'The sound model (models/manifest.json) is missing.');
  test.setTimeout(360_000);
  const data = mkdtempSync(join(tmpdir(), 'soundlike-electron-radio-'));
  const app = await electron.launch({ executablePath: binary as string, args: [resolve('.'), '--data', data], env: { ...process.env, SOUNDLIKE_DATA: data } });
  try {
    const page = await app.firstWindow();
    await page.getByTestId('folder-path-input').fill(DEMO_LIBRARY);
    await page.getByTestId('add-folder-button').click();
    await expect(page.getByTestId('analysis-progress')).toHaveAttribute('data-complete', 'true', { timeout: 300_000 });
    const seedRow = page.getByTestId('track-row').first();
    await seedRow.hover();
    await seedRow.getByTestId('play-similar').click();
    await expect.poll(() => page.getByTestId('radio-queue-item').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(5);
    await page.getByTestId('radio-queue-item').first().getByTestId('why-button').click();
    const why = page.getByTestId('why-panel');
    await expect(why.getByTestId('pick-moment')).toHaveText(/^\d+:\d\d–\d+:\d\d$/);
    const start = (await why.getByTestId('pick-moment').innerText()).split('–')[0].split(':').map(Number);
    await why.getByTestId('listen-pick-moment').click();
    // The media protocol answers Range requests: the pick plays from its matched moment.
    await expect.poll(() => page.evaluate(() => (document.querySelector('[data-testid="audio-player"]') as HTMLAudioElement | null)?.currentTime ?? 0), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(start[0] * 60 + start[1] - 0.5);
    await page.screenshot({ path: 'test-results/screenshots/electron-radio.png' });
  } finally {
    await app.close();
    rmSync(data, { recursive: true, force: true });
  }
});

test('Electron: closing the window keeps the music playing in the tray; with the setting off it quits', async () => {
  test.skip(!binary, "Electron's binary is not installed on this machine (it downloads from GitHub on first use); src/main/shell/close-behaviour.test.ts covers the decision.");
  test.skip(process.platform === 'darwin', 'On macOS the window hides whatever the setting (the dock brings it back).');
  const data = mkdtempSync(join(tmpdir(), 'soundlike-electron-close-'));
  const launch = () => electron.launch({ executablePath: binary as string, args: [resolve('.'), '--data', data], env: { ...process.env, SOUNDLIKE_DATA: data } });
  let app = await launch();
  try {
    const page = await app.firstWindow();
    await page.getByTestId('folder-path-input').fill(DEMO_LIBRARY);
    await page.getByTestId('add-folder-button').click();
    await page.getByTestId('track-row').first().dblclick({ timeout: 60_000 });
    await expect.poll(() => page.evaluate(() => (document.querySelector('[data-testid="audio-player"]') as HTMLAudioElement | null)?.currentTime ?? 0), { timeout: 20_000 }).toBeGreaterThan(0.5);
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].close());
    // Hidden, not closed: the renderer (the player) is alive and the song goes on.
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible()))).toEqual([false]);
    const at = await page.evaluate(() => (document.querySelector('[data-testid="audio-player"]') as HTMLAudioElement).currentTime);
    await expect.poll(() => page.evaluate(() => (document.querySelector('[data-testid="audio-player"]') as HTMLAudioElement).currentTime)).toBeGreaterThan(at + 0.5);
    // Turned off in Settings: closing the window quits.
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].show());
    await page.getByTestId('nav-folders').click();
    await page.getByTestId('close-to-tray-toggle').uncheck();
    await expect(page.getByTestId('close-to-tray-toggle')).not.toBeChecked();
    const closed = new Promise<void>((done) => app.process().once('exit', () => done()));
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].close());
    await closed;
    app = await launch(); // the setting was kept
    const again = await app.firstWindow();
    await again.getByTestId('nav-folders').click();
    await expect(again.getByTestId('close-to-tray-toggle')).not.toBeChecked();
  } finally {
    await app.close().catch(() => undefined);
    rmSync(data, { recursive: true, force: true });
  }
});
