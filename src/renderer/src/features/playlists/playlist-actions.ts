/**
 * What the playlist buttons do beyond editing: play it, start a radio from it, export it (a download of
 * the M3U text main makes, or in the desktop app a file main writes where its save dialog was answered).
 */
import type { Playlist } from '../../../../shared/domain';
import { api } from '../../api';
import { m3uFileName } from '../../lib/playlist-edit';
import { notify, notifyError } from '../../stores/notify-store';
import { playTracks } from '../../stores/queue-store';
import { startRadio } from '../radio/radio-actions';

export function playPlaylist(playlist: Playlist, startIndex = 0): void {
  if (playlist.trackIds.length === 0) {
    notify('info', `“${playlist.name}” is empty.`, 'Add songs from the library: right-click a song, then “Add to playlist”.');
    return;
  }
  void playTracks(playlist.trackIds, startIndex);
}

/** "Radio from this playlist": main builds it from the playlist's sound (the same flow as the library's radio). */
export async function playlistRadio(playlist: Playlist): Promise<void> {
  if (playlist.trackIds.length === 0) {
    notify('info', `“${playlist.name}” is empty.`, 'A radio needs at least one song to start from.');
    return;
  }
  await startRadio({ kind: 'playlist', playlistId: playlist.id }, playlist.trackIds, `“${playlist.name}”`);
}

/** Saves the playlist as an .m3u8 file through the browser's download. */
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

/** Desktop app: main asks where to save (its native dialog) and writes the file there. */
export async function saveM3uWithDialog(playlist: Playlist): Promise<void> {
  let path: string | null;
  try {
    path = await api.desktop.exportM3uWithDialog(playlist.id);
  } catch (err) {
    notifyError(err, 'Could not export the playlist');
    return;
  }
  if (path) notify('info', `Saved “${playlist.name}” to ${path}.`);
}
