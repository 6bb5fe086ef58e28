/** The main window, locked down: isolated, sandboxed, no Node, no navigation, no new windows. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, shell } from 'electron';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The page URLs the app itself serves; anything else is foreign. */
export function isAppUrl(url: string): boolean {
  const dev = process.env.ELECTRON_RENDERER_URL;
  if (dev && url.startsWith(dev)) return true;
  return url.startsWith(`file://${join(here, '../renderer')}`);
}

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 500,
    show: false,
    backgroundColor: '#121316',
    title: 'Soundlike',
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.setWindowOpenHandler(({ url }) => {
    // Links to the web open in the user's browser, never in an app window.
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  const dev = process.env.ELECTRON_RENDERER_URL;
  if (dev) void window.loadURL(dev);
  else void window.loadFile(join(here, '../renderer/index.html'));
  return window;
}
