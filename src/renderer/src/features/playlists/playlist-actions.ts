/**
 * What the playlist buttons do beyond editing: play it, start a radio from it, export it (a download of
 * the M3U text main writes, or a file main writes at a path the user gives).
 */
import type { Playlist } from '../../../../shared/domain';
import { api } from '../../api';
import { m3uFileName } from '../../lib/playlist-edit';
import { selectTrack } from '../../stores/browse-store';
import { notify, notifyError } from '../../stores/notify-store';
import { requestAutoplay, takeAutoplay } from '../../stores/player-store';
import { playTracks } from '../../stores/queue-store';
import { applyRadio, followPlaying, setStarting, useRadioStore } from '../../stores/radio-store';
import { openQueue } from '../../stores/ui-store';
import { trackAnalysis } from '../../stores/analysis-store';

export function playPlaylist(playlist: Playlist, startIndex = 0): void {
  if (playlist.trackIds.length === 0) {
    notify('info', `“${playlist.name}” is empty.`, 'Add songs from the library: right-click a song, then “Add to playlist”.');
    return;
  }
  void playTracks(playlist.trackIds, startIndex);
}

/** "Radio from this playlist": main builds it from the playlist's sound (the same flow as the library's radio). */
export async function playlistRadio(playlist: Playlist): Promise<void> {
  if (useRadioStore.getState().starting) return;
  if (playlist.trackIds.length === 0) {
    notify('info', `“${playlist.name}” is empty.`, 'A radio needs at least one song to start from.');
    return;
  }
  const label = `“${playlist.name}”`;
  setStarting({ label, listening: playlist.trackIds.some((id) => trackAnalysis(id)?.status !== 'done') });
  requestAutoplay();
  try {
    const session = await api.radio.playSimilar({ kind: 'playlist', playlistId: playlist.id });
    applyRadio(session);
    selectTrack(null);
    followPlaying();
    openQueue();
    if (session.picks.length === 0) notify('info', `No other analysed songs sound like ${label} yet.`, 'Let the analysis finish, then try again.');
  } catch (err) {
    takeAutoplay();
    notifyError(err, `Could not start a radio from ${label}`);
  } finally {
    setStarting(null);
  }
}

/** Saves the playlist as an .m3u8 file through the browser's download (Electron shows a save dialog). */
export async function downloadM3u(playlist: Playlist): Promise<void> {
  let text: string;
  try {
    text = await api.playlists.exportM3u(playlist.id);
  } catch (err) {
    notifyError(err, 'Could not export the playlist');
    return;
  }
  const url = URL.createObjectURL(new Blob([text], { type: 'audio/x-mpegurl;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = m3uFileName(playlist.name);
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy once it started; give it a moment before freeing the blob.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Has main write the playlist to `path` on this computer; throws for the form to show inline. */
export async function exportM3uToPath(playlist: Playlist, path: string): Promise<void> {
  await api.playlists.exportM3u(playlist.id, path);
  notify('info', `Saved “${playlist.name}” to ${path}.`);
}
