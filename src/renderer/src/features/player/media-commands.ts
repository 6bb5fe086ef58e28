/**
 * Player commands from outside the page: media keys and the system panel (MediaSession), and the
 * desktop app's tray (desktop.onDidRequestMediaCommand). All act exactly as the player's own buttons.
 */
import type { MediaCommand } from '../../../../shared/domain';
import { usePlayerStore } from '../../stores/player-store';
import { next, previous, seek, togglePlay } from './audio-engine';

export function runMediaCommand(command: MediaCommand): void {
  const playing = usePlayerStore.getState().playing;
  switch (command) {
    case 'play':
      if (!playing) togglePlay();
      break;
    case 'pause':
      if (playing) togglePlay();
      break;
    case 'togglePlay':
      togglePlay();
      break;
    case 'stop':
      // Stop = pause and back to the start of the track (the track stays loaded, as in other players).
      if (playing) togglePlay();
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
