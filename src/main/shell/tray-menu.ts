/**
 * The tray's menu as data, built from what the player has loaded: the song (title - artist, shown, not
 * clickable), Play/Pause, Next, Previous, Show Soundlike, Quit. Electron-free and unit-tested;
 * shell/tray.ts turns each action into a click handler.
 */
import type { MediaCommand, NowPlaying } from '../../shared/domain';

export type TrayAction = { kind: 'media'; command: MediaCommand } | { kind: 'show' } | { kind: 'quit' };

export type TrayMenuEntry =
  | { type: 'separator' }
  | { type: 'normal'; label: string; enabled: boolean; action: TrayAction | null };

/** Menus and tooltips get cut by the desktop; this keeps a long title readable and the menu narrow. */
const MAX_SONG_CHARS = 60;

function shorten(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** "Title - Artist" (or the title alone), shortened; null when nothing is loaded. */
export function songLine(now: NowPlaying | null): string | null {
  if (!now) return null;
  const title = now.title.trim() || 'Untitled';
  const artist = now.artist?.trim();
  return shorten(artist ? `${title} - ${artist}` : title, MAX_SONG_CHARS);
}

/** Electron reads '&' in a menu label as an access-key marker on Windows and Linux; '&&' is a literal '&'. */
function literal(label: string): string {
  return label.replace(/&/g, '&&');
}

export function trayMenu(now: NowPlaying | null): TrayMenuEntry[] {
  const song = songLine(now);
  const loaded = now !== null;
  return [
    { type: 'normal', label: song ? literal(song) : 'Nothing playing', enabled: false, action: null },
    { type: 'separator' },
    now?.playing
      ? { type: 'normal', label: 'Pause', enabled: true, action: { kind: 'media', command: 'pause' } }
      : { type: 'normal', label: 'Play', enabled: true, action: { kind: 'media', command: 'play' } },
    { type: 'normal', label: 'Next', enabled: loaded, action: { kind: 'media', command: 'next' } },
    { type: 'normal', label: 'Previous', enabled: loaded, action: { kind: 'media', command: 'previous' } },
    { type: 'separator' },
    { type: 'normal', label: 'Show Soundlike', enabled: true, action: { kind: 'show' } },
    { type: 'normal', label: 'Quit', enabled: true, action: { kind: 'quit' } },
  ];
}

/** The icon's hover text: the app, and the song when one is loaded. */
export function trayTooltip(now: NowPlaying | null): string {
  const song = songLine(now);
  if (!song) return 'Soundlike';
  return `Soundlike${now?.playing ? '' : ' (paused)'}: ${song}`;
}
