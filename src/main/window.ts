/**
 * The main window, locked down: isolated, sandboxed, no Node, loaded from `soundlike-app://` (never a
 * `file://` page), no navigation or redirect away from the app, no new windows, and no devtools or
 * default menu in packaged builds. The decisions live in security/ (pure, unit-tested); this is glue.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, Menu, shell, type WebContents } from 'electron';
import { APP_ENTRY_URL } from './security/app-scheme';
import { externalLinkToOpen, isAppPage, type AppPages } from './security/navigation';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The built renderer (out/renderer), the only folder `soundlike-app://` serves. */
export const RENDERER_DIR = join(here, '../renderer');

/** The app's own pages: the dev server is trusted only in unpackaged runs that electron-vite started. */
export function appPages(): AppPages {
  return { devServerUrl: app.isPackaged ? null : (process.env.ELECTRON_RENDERER_URL ?? null) };
}

/** Opens an allowed link in the user's browser; anything else is dropped with a note in the log. */
function openExternally(url: string): void {
  const link = externalLinkToOpen(url);
  if (link) void shell.openExternal(link);
  else console.warn(`[soundlike] refused to open ${JSON.stringify(url.slice(0, 200))}: not a link the app shows.`);
}

/**
 * Applied to every web contents (app.on('web-contents-created')): navigation in any frame and server
 * redirects must stay on app pages, and window.open is always denied (an allowed http(s) link opens in
 * the user's browser instead).
 */
export function guardWebContents(contents: WebContents, pages: AppPages): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAppPage(event.url, pages)) return;
    event.preventDefault();
    // A plain click on a web link the app shows: the user's browser, not this window.
    if (event.isMainFrame) openExternally(event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppPage(event.url, pages)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppPage(event.url, pages)) event.preventDefault();
  });
}

/** Packaged builds get no default menu (it carries Reload and Toggle Developer Tools). */
export function applyMenuPolicy(): void {
  // The app menu's "About Soundlike" (macOS; Linux and Windows show it from the same options) names the
  // licence and where the full About box with the model's and the demo library's licences lives.
  app.setAboutPanelOptions({
    applicationName: 'Soundlike',
    applicationVersion: app.getVersion(),
    copyright: 'Copyright © 2026 the Soundlike authors. MIT licence.',
    credits: 'The licences of the sound model\'s training data, the demo library and the shipped components: Folders & settings → About Soundlike and licences.',
  });
  if (!app.isPackaged) return;
  // macOS needs a menu for Quit and copy/paste shortcuts; nothing more.
  Menu.setApplicationMenu(process.platform === 'darwin' ? Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }]) : null);
}

export function createMainWindow(pages: AppPages): BrowserWindow {
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
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(pages.devServerUrl ?? APP_ENTRY_URL);
  return window;
}
