/** Import an .m3u/.m3u8 file by its path: it becomes a playlist, which opens with any missing entries listed. */
import { useEffect } from 'react';
import { plural } from '../../lib/format';
import { missingSummary } from '../../lib/playlist-edit';
import { notify } from '../../stores/notify-store';
import { importM3u, openPlaylist } from '../../stores/playlists-store';
import { showView } from '../../stores/ui-store';
import { PathForm } from '../../elements/PathForm';

export function ImportDialog({ onClose }: { onClose: () => void }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') onClose(); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  async function run(path: string): Promise<void> {
    const { playlist, missing } = await importM3u(path);
    onClose();
    openPlaylist(playlist.id);
    showView('playlist');
    const found = `Imported “${playlist.name}” with ${plural(playlist.trackIds.length, 'song')}.`;
    notify('info', missing.length ? `${found} ${missingSummary(missing.length)}.` : found);
  }

  return (
    <div className="overlay" role="presentation" onClick={onClose}>
      <div className="dialog import-dialog" role="dialog" aria-modal="true" aria-labelledby="import-title" data-testid="import-dialog"
        onClick={(e) => e.stopPropagation()}>
        <h2 id="import-title">Import a playlist file</h2>
        <p className="muted small">
          Type or paste the full path of an .m3u or .m3u8 file on this computer. Its songs that are in your library become a new
          playlist; entries that are not are listed afterwards.
        </p>
        <PathForm label="Playlist file path" placeholder="/home/you/Music/road trip.m3u8" button="Import" busyButton="Importing…"
          emptyMessage="Type the full path of an .m3u or .m3u8 file." testId="m3u-path" autoFocus onSubmit={run} />
        <button type="button" className="btn" onClick={onClose}>Cancel</button>
      </div>
    </div>
  );
}
