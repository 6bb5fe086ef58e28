/**
 * Electron glue: the tray icon and its menu (shell/tray-menu.ts decides the entries). The song comes
 * from desktop.onDidChangeNowPlaying (the renderer's player reports, main names the track); Play/Pause,
 * Next and Previous go back through desktop.requestMediaCommand to the player, as media keys do.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, Menu, nativeImage, Tray, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { SoundlikeHostApi } from '../../shared/contract';
import type { NowPlaying } from '../../shared/domain';
import { packagedResource } from '../packaged-resources';
import { appRoot } from '../paths';
import { showWindow } from './close-to-tray';
import { trayIconBitmap } from './tray-icon';
import { trayMenu, trayTooltip, type TrayAction } from './tray-menu';

/** Pixels of the drawn icon: what Linux panels and the Windows notification area show at 100 %. */
const DRAWN_ICON_SIZE = 32;

/** The app icon's 32 px PNG from build/icons (scripts/make-icons.mjs) where it exists. */
function iconFile(): string | null {
  // Packaged: beside app.asar when electron-builder carries it as an extra resource (icons/32x32.png).
  const packaged = packagedResource('icons', '32x32.png');
  if (packaged) return packaged;
  try {
    const source = join(appRoot(), 'build', 'icons', '32x32.png');
    return existsSync(source) ? source : null;
  } catch {
    return null;
  }
}

/** The app icon when there is one; else the drawn level meter. */
function trayImage(): Electron.NativeImage {
  const file = iconFile();
  if (file) {
    const image = nativeImage.createFromPath(file);
    if (!image.isEmpty()) return image;
  }
  return nativeImage.createFromBitmap(trayIconBitmap(DRAWN_ICON_SIZE), { width: DRAWN_ICON_SIZE, height: DRAWN_ICON_SIZE });
}

/** Puts Soundlike in the tray; the returned function removes it (call before quitting). */
export function installTray(window: BrowserWindow, api: SoundlikeHostApi): () => void {
  const tray = new Tray(trayImage());
  const run = (action: TrayAction): void => {
    if (action.kind === 'show') showWindow(window);
    else if (action.kind === 'quit') app.quit();
    else void api.desktop.requestMediaCommand(action.command).catch((error: unknown) => console.warn('[soundlike] tray command failed:', error));
  };
  const render = (now: NowPlaying | null): void => {
    if (tray.isDestroyed()) return;
    const template: MenuItemConstructorOptions[] = trayMenu(now).map((entry) => {
      if (entry.type === 'separator') return { type: 'separator' };
      const { action } = entry;
      return { label: entry.label, enabled: entry.enabled, click: action ? () => run(action) : undefined };
    });
    tray.setContextMenu(Menu.buildFromTemplate(template));
    tray.setToolTip(trayTooltip(now));
  };
  render(null);
  // A plain click (Windows, macOS, some Linux panels) brings the window forward; the menu is on right click.
  tray.on('click', () => showWindow(window));
  const unsubscribe = api.desktop.onDidChangeNowPlaying(render);
  return () => {
    unsubscribe();
    if (!tray.isDestroyed()) tray.destroy();
  };
}
