/**
 * Import an .m3u/.m3u8 file the user picks: in a browser with a file input (the page reads it), in the
 * desktop app with main's own open dialog. It becomes a playlist, which opens with any missing entries listed.
 */
import { useEffect, useState, type ChangeEvent } from 'react';
import type { M3uImport } from '../../../../shared/domain';
import { api, asSoundlikeError } from '../../api';
import { plural } from '../../lib/format';
import { missingSummary } from '../../lib/playlist-edit';
import { readPlaylistUpload } from '../../lib/playlist-upload';
import { notify } from '../../stores/notify-store';
import { importM3u, openPlaylist } from '../../stores/playlists-store';
import { showView } from '../../stores/ui-store';

export function ImportDialog({ onClose }: { onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; hint?: string } | null>(null);
  const desktop = api.transport === 'electron';

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') onClose(); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  async function run(pick: () => Promise<M3uImport | null>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const result = await pick();
      if (!result) return; // the dialog was cancelled
      const { playlist, missing } = result;
      onClose();
      openPlaylist(playlist.id);
      showView('playlist');
      const found = `Imported “${playlist.name}” with ${plural(playlist.trackIds.length, 'song')}.`;
      notify('info', missing.length ? `${found} ${missingSummary(missing.length)}.` : found);
    } catch (err) {
      const e = asSoundlikeError(err);
      setError({ message: e.message, hint: e.hint });
    } finally {
      setBusy(false);
    }
  }

  function onFile(e: ChangeEvent<HTMLInputElement>): void {
    const file = e.target.files?.[0];
    e.target.value = ''; // picking the same file again after fixing it fires change again
    if (file) void run(async () => importM3u(await readPlaylistUpload(file)));
  }

  return (
    <div className="overlay" role="presentation" onClick={onClose}>
      <div className="dialog import-dialog" role="dialog" aria-modal="true" aria-labelledby="import-title" data-testid="import-dialog"
        onClick={(e) => e.stopPropagation()}>
        <h2 id="import-title">Import a playlist file</h2>
        <p className="muted small">
          Choose an .m3u or .m3u8 file. Its songs that are in your library become a new playlist; entries that are not are
          listed afterwards.
        </p>
        {desktop ? (
          <button type="button" className="btn primary" data-testid="m3u-choose" disabled={busy} onClick={() => void run(() => importM3u('dialog'))}>
            {busy ? 'Importing…' : 'Choose a playlist file…'}
          </button>
        ) : (
          <label className="file-pick">
            <span className="btn primary">{busy ? 'Importing…' : 'Choose a playlist file…'}</span>
            <input type="file" accept=".m3u,.m3u8,audio/x-mpegurl,audio/mpegurl" data-testid="m3u-file-input" disabled={busy} onChange={onFile} />
          </label>
        )}
        {error ? (
          <div className="inline-error" role="alert" data-testid="m3u-file-error">
            <strong>{error.message}</strong>
            {error.hint ? <span className="hint">{error.hint}</span> : null}
          </div>
        ) : null}
        <button type="button" className="btn" onClick={onClose}>Cancel</button>
      </div>
    </div>
  );
}
