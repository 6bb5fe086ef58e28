/**
 * Player commands from outside the page: media keys and the system panel (MediaSession), and the
 * desktop app's tray (desktop.onDidRequestMediaCommand). All act exactly as the player's own buttons.
 */
import type { MediaCommand } from '../../../../shared/domain';
import { next, previous, seek, setPlaying, togglePlay } from './audio-engine';

export function runMediaCommand(command: MediaCommand): void {
  switch (command) {
    case 'play':
      setPlaying(true);
      break;
    case 'pause':
      setPlaying(false);
      break;
    case 'togglePlay':
      togglePlay();
      break;
    case 'stop':
      // Stop = pause and back to the start of the track (the track stays loaded, as in other players).
      setPlaying(false);
      seek(0);
      break;
    case 'next':
      next();
      break;
    case 'previous':
      previous();
      break;
  }
}
