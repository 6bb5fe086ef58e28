/**
 * Electron glue for close-behaviour.ts: the main window's close button hides it while the music plays on
 * (the renderer is the player), per the closeToTray setting, and the dock (macOS) or the tray shows it again.
 */
import { app, type BrowserWindow } from 'electron';
import type { SoundlikeHostApi } from '../../shared/contract';
import { DEFAULT_SETTINGS } from '../../shared/defaults';
import { closeAction } from './close-behaviour';

export function showWindow(window: BrowserWindow): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/** Installs the close handling; the returned function removes the app-level listeners. */
export function installCloseToTray(window: BrowserWindow, api: SoundlikeHostApi, trayShown: boolean): () => void {
  let quitting = false;
  let closeToTray = DEFAULT_SETTINGS.closeToTray;
  // The close event must decide at once, so the setting is kept here as it changes.
  api.settings.getSettings().then((settings) => { closeToTray = settings.closeToTray; })
    .catch((error: unknown) => console.warn('[soundlike] could not read the close-to-tray setting:', error));
  const unsubscribe = api.settings.onDidChangeSettings((settings) => { closeToTray = settings.closeToTray; });
  const onBeforeQuit = (): void => { quitting = true; };
  const onActivate = (): void => showWindow(window);
  app.on('before-quit', onBeforeQuit);
  app.on('activate', onActivate);
  window.on('close', (event) => {
    if (closeAction({ quitting, platform: process.platform, trayShown, closeToTray }) !== 'hide') return;
    event.preventDefault();
    window.hide();
  });
  return () => {
    unsubscribe();
    app.off('before-quit', onBeforeQuit);
    app.off('activate', onActivate);
  };
}
