/**
 * Electron glue: the main window's size, place, maximized and full-screen state, restored at start
 * (fitted to the displays connected now, shell/window-bounds.ts) and saved to userData/window-state.json
 * a moment after the user stops resizing or moving it, and at once when it closes.
 */
import { join } from 'node:path';
import { app, screen, type BrowserWindow } from 'electron';
import { fitToDisplays, type SavedWindowState } from './window-bounds';
import { loadWindowState, saveWindowState, WINDOW_STATE_FILE } from './window-state-file';

/** Resizing fires dozens of events a second; one write after the user lets go is enough. */
const SAVE_DELAY_MS = 500;

function workAreas(): Electron.Rectangle[] {
  const primary = screen.getPrimaryDisplay();
  // The primary display first: fitToDisplays falls back to the first area.
  return [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
}

/** Call right after creating the (still hidden) window. */
export function installWindowState(window: BrowserWindow, file: string = join(app.getPath('userData'), WINDOW_STATE_FILE)): void {
  const saved = loadWindowState(file);
  const bounds = saved ? fitToDisplays(saved.bounds, workAreas()) : null;
  if (bounds) window.setBounds(bounds);
  if (saved?.maximized) window.maximize();
  if (saved?.fullScreen) window.setFullScreen(true);

  let timer: NodeJS.Timeout | null = null;
  const save = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (window.isDestroyed() || window.isMinimized()) return;
    // Maximized or full screen, keep the normal bounds: un-maximizing after a restart returns there.
    const state: SavedWindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized(), fullScreen: window.isFullScreen() };
    try {
      saveWindowState(file, state);
    } catch (error) {
      console.warn(`[soundlike] window size and place not saved to ${file}:`, error);
    }
  };
  const later = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('maximize', later);
  window.on('unmaximize', later);
  window.on('enter-full-screen', later);
  window.on('leave-full-screen', later);
  window.on('close', save);
}
