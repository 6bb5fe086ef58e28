/** The sidebar's playlists: one entry per playlist (name, song count), a new-playlist field and M3U import. */
import { useCallback, useState } from 'react';
import { Icon } from '../../elements/Icon';
import { uniqueName } from '../../lib/playlist-edit';
import { createPlaylist, openPlaylist, useOpenPlaylistId, usePlaylistSummaries, usePlaylistsStore } from '../../stores/playlists-store';
import { showView, useView } from '../../stores/ui-store';
import { ImportDialog } from './ImportDialog';
import { PlaylistNavItem } from './PlaylistNavItem';
import './playlists.css';

/** Opens a playlist in the main area. */
export function showPlaylist(playlistId: number): void {
  openPlaylist(playlistId);
  showView('playlist');
}

function NewPlaylistField({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState(() => uniqueName('New playlist', usePlaylistsStore.getState().summaries.map((s) => s.name)));
  const create = async () => {
    const trimmed = name.trim();
    if (!trimmed) return onDone();
    const playlist = await createPlaylist(trimmed);
    onDone();
    if (playlist) showPlaylist(playlist.id);
  };
  return (
    <form className="nav-new-playlist" onSubmit={(e) => { e.preventDefault(); void create(); }}>
      <input className="text-input" value={name} autoFocus maxLength={200} aria-label="New playlist name" data-testid="new-playlist-name"
        onFocus={(e) => e.currentTarget.select()} onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => { if (e.key === 'Escape') onDone(); }} onBlur={onDone} />
    </form>
  );
}

export function PlaylistsNav() {
  const summaries = usePlaylistSummaries();
  const openId = useOpenPlaylistId();
  const onPlaylistView = useView() === 'playlist';
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const closeImport = useCallback(() => setImporting(false), []);
  return (
    <div className="nav-playlists" data-testid="playlist-nav">
      <div className="nav-group-label nav-group-with-actions">
        <span>Playlists</span>
        <button type="button" className="icon-btn small" title="Import an .m3u/.m3u8 playlist file" aria-label="Import a playlist file"
          data-testid="import-m3u" onClick={() => setImporting(true)}>
          <Icon name="folder" size={14} />
        </button>
        <button type="button" className="icon-btn small nav-add" title="New playlist" aria-label="New playlist" data-testid="new-playlist"
          onClick={() => setAdding(true)}>+</button>
      </div>
      {adding ? <NewPlaylistField onDone={() => setAdding(false)} /> : null}
      <div className="nav-playlist-list">
        {summaries.map((p) => {
          const active = onPlaylistView && openId === p.id;
          return (
            <PlaylistNavItem key={p.id} playlist={p} active={active} onOpen={showPlaylist} />
          );
        })}
        {summaries.length === 0 && !adding ? <p className="nav-empty">No playlists yet.</p> : null}
      </div>
      {importing ? <ImportDialog onClose={closeImport} /> : null}
    </div>
  );
}
