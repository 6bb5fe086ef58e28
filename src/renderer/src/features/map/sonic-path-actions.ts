/**
 * What the "Sonic path" entries do (track menu, selection bar, map popover): remember where a walk starts,
 * then ask main for the walk to the song chosen next and play it. Main builds, explains and queues it.
 */
import { api } from '../../api';
import { useLibraryStore } from '../../stores/library-store';
import { notify, notifyError, notifyWithAction, useNotifyStore } from '../../stores/notify-store';
import { requestAutoplay, takeAutoplay } from '../../stores/player-store';
import { followPlaying } from '../../stores/radio-store';
import { setPathBuilding, setPathStart, setSonicPath, useSonicPathStore } from '../../stores/sonic-path-store';
import { openQueue } from '../../stores/ui-store';

export function titleOf(trackId: number): string {
  return useLibraryStore.getState().byId.get(trackId)?.title ?? `track ${trackId}`;
}

const START_NOTICE = 'Sonic path from “';

/** The "now choose where it goes" notice is stale once the walk is built or given up. */
function dropStartNotice(): void {
  useNotifyStore.setState((s) => ({ toasts: s.toasts.filter((t) => !t.message.startsWith(START_NOTICE)) }));
}

/** Remembers the song a walk starts from; the next "Sonic path to here" walks from it. */
export function startPathFrom(trackId: number): void {
  setPathStart(trackId);
  dropStartNotice();
  notifyWithAction(`${START_NOTICE}${titleOf(trackId)}”: now choose where it goes.`, { label: 'Cancel', run: cancelPathStart },
    'Right-click another song (or click it on the sonic map) and choose “Sonic path to here”.');
}

export function cancelPathStart(): void {
  setPathStart(null);
  dropStartNotice();
}

/** Builds the walk from `fromTrackId` to `toTrackId` and plays it (start, the steps, the end). */
export async function playSonicPath(fromTrackId: number, toTrackId: number): Promise<void> {
  if (useSonicPathStore.getState().building) return; // one at a time
  if (fromTrackId === toTrackId) {
    notify('error', 'A sonic path needs two different songs.', 'Choose another song to walk to.');
    return;
  }
  setPathBuilding(true);
  dropStartNotice();
  requestAutoplay();
  try {
    const path = await api.radio.playSonicPath(fromTrackId, toTrackId);
    setSonicPath(path);
    setPathStart(null);
    followPlaying();
    openQueue();
    const label = `“${titleOf(fromTrackId)}” to “${titleOf(toTrackId)}”`;
    if (path.steps.length === 0) notify('info', `No other analysed songs lie between ${label} yet.`, 'Let the analysis finish, then try again.');
    else if (path.steps.length < path.options.count) notify('info', `Sonic path from ${label}: ${path.steps.length} of ${path.options.count} steps.`, 'The library has no more analysed songs to walk through.');
  } catch (err) {
    takeAutoplay(); // nothing new to start
    notifyError(err, 'Could not build the sonic path');
  } finally {
    setPathBuilding(false);
  }
}

/** "Sonic path to here": from the remembered start, if there is one. */
export function pathTo(trackId: number): void {
  const start = useSonicPathStore.getState().start;
  if (start !== null) void playSonicPath(start, trackId);
}
