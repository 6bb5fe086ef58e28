/**
 * What closing the main window does. The renderer is the player, so a closed window is silence: a music
 * player with a tray icon hides its window instead and plays on (Quit in the tray menu, the app menu or
 * Cmd+Q ends it). On macOS an app outlives its windows by convention (the dock brings it back), so the
 * window hides there whatever the setting. Pure, so it is tested without Electron; index.ts applies it.
 */
export interface CloseContext {
  /** The app is quitting (before-quit fired: tray Quit, Cmd+Q, the OS logging out): the window must close. */
  quitting: boolean;
  platform: NodeJS.Platform;
  /** A tray icon is there to bring the window back and to quit from. */
  trayShown: boolean;
  /** The user's setting (Settings → "Keep playing in the tray when the window is closed"). */
  closeToTray: boolean;
}

export type CloseAction = 'hide' | 'close';

export function closeAction(context: CloseContext): CloseAction {
  if (context.quitting) return 'close';
  if (context.platform === 'darwin') return 'hide';
  return context.trayShown && context.closeToTray ? 'hide' : 'close';
}
