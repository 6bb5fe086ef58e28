/**
 * Keyboard shortcuts as data: a key press (plain fields, no DOM) maps to an action name. The hook in
 * hooks/ runs the action. While typing in a field only the search shortcuts and Escape still apply.
 */

export type ShortcutAction =
  | 'togglePlay'
  | 'focusSearch'
  | 'seekBack'
  | 'seekForward'
  | 'previous'
  | 'next'
  | 'volumeUp'
  | 'volumeDown'
  | 'toggleMute'
  | 'playSelected'
  | 'playSimilar'
  | 'toggleLike'
  | 'escape'
  | 'toggleHelp';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** What the help overlay lists, in order. */
export const SHORTCUT_HELP: ReadonlyArray<{ keys: string; what: string }> = [
  { keys: 'Space', what: 'Play / pause' },
  { keys: 'Ctrl/⌘ + F  or  /', what: 'Search' },
  { keys: '← / →', what: 'Seek back / forward 5 s' },
  { keys: 'Ctrl/⌘ + ← / →', what: 'Previous / next track' },
  { keys: '↑ / ↓', what: 'Volume up / down' },
  { keys: 'M', what: 'Mute / unmute' },
  { keys: 'Enter', what: 'Play the selected track' },
  { keys: 'S', what: 'Play similar sounding: the selected songs, else the playing one' },
  { keys: 'L', what: 'Like / unlike the playing song' },
  { keys: 'Ctrl/⌘ / Shift + click', what: 'Select several songs (one radio from all)' },
  { keys: 'Esc', what: 'Clear search, close dialogs' },
  { keys: '?', what: 'Show this help' },
];

export const SEEK_STEP_SEC = 5;
export const VOLUME_STEP = 0.05;

export function shortcutFor(press: KeyPress, typing: boolean): ShortcutAction | null {
  const mod = press.ctrlKey || press.metaKey;
  if (mod && !press.altKey && (press.key === 'f' || press.key === 'F')) return 'focusSearch';
  if (press.key === 'Escape') return 'escape';
  if (typing || press.altKey) return null;
  if (mod) {
    if (press.key === 'ArrowLeft') return 'previous';
    if (press.key === 'ArrowRight') return 'next';
    return null;
  }
  switch (press.key) {
    case ' ':
    case 'Spacebar':
      return 'togglePlay';
    case '/':
      return 'focusSearch';
    case '?':
      return 'toggleHelp';
    case 'ArrowLeft':
      return 'seekBack';
    case 'ArrowRight':
      return 'seekForward';
    case 'ArrowUp':
      return 'volumeUp';
    case 'ArrowDown':
      return 'volumeDown';
    case 'm':
    case 'M':
      return 'toggleMute';
    case 'Enter':
      return 'playSelected';
    case 's':
    case 'S':
      return 'playSimilar';
    case 'l':
    case 'L':
      return 'toggleLike';
    default:
      return null;
  }
}
