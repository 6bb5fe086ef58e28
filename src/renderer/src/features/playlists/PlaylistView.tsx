/**
 * One playlist: its name (rename in place), play, radio from it, export, delete (confirmed), and its
 * tracks in a virtual list that can be reordered (drag, arrows, Alt+↑/↓) and pruned.
 */
import { useCallback, useRef, useState } from 'react';
import type { Playlist } from '../../../../shared/domain';
import { Icon } from '../../elements/Icon';
import { VirtualList } from '../../elements/VirtualList';
import { useDragReorder } from '../../hooks/useDragReorder';
import { formatTotalDuration, plural } from '../../lib/format';
import { moveEntry, removeEntry } from '../../lib/playlist-edit';
import { useLibraryStore } from '../../stores/library-store';
import { deletePlaylist, renamePlaylist, setPlaylistTracks, useOpenPlaylist, useOpenPlaylistId } from '../../stores/playlists-store';
import { useCurrentTrackId } from '../../stores/queue-store';
import { useRadioStarting } from '../../stores/radio-store';
import { showView } from '../../stores/ui-store';
import { ExportPanel } from './ExportPanel';
import { ImportReport } from './ImportReport';
import { playlistRadio, playPlaylist } from './playlist-actions';
import { PLAYLIST_ROW_HEIGHT, PlaylistTrackRow } from './PlaylistTrackRow';
import './playlists.css';


function PlaylistName({ playlist }: { playlist: Playlist }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(playlist.name);
  // Enter saves and the input's blur follows: the second one must not rename again.
  const saving = useRef(false);
  const save = () => {
    if (saving.current) return;
    saving.current = true;
    setEditing(false);
    const trimmed = name.trim();
    if (trimmed && trimmed !== playlist.name) void renamePlaylist(playlist.id, trimmed);
  };
  if (!editing) {
    const edit = () => {
      saving.current = false;
      setName(playlist.name);
      setEditing(true);
    };
    return (
      <div className="pl-name-row">
        <h2 className="pl-name" title="Double-click to rename" onDoubleClick={edit} data-testid="playlist-name">{playlist.name}</h2>
        <button type="button" className="btn small" data-testid="playlist-rename" onClick={edit}>Rename</button>
      </div>
    );
  }
  return (
    <input className="text-input pl-name-input" aria-label="Playlist name" value={name} autoFocus maxLength={200}
      data-testid="playlist-name-input" onChange={(e) => setName(e.target.value)} onBlur={save}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') save();
        if (e.key === 'Escape') {
          saving.current = true; // cancelled: the blur that follows saves nothing
          setEditing(false);
        }
      }} />
  );
}

function Tracks({ playlist }: { playlist: Playlist }) {
  const byId = useLibraryStore((s) => s.byId);
  const libraryLoaded = useLibraryStore((s) => s.tracksLoaded);
  const playingId = useCurrentTrackId();
  const ids = playlist.trackIds;

  const onMove = useCallback((from: number, to: number) => void setPlaylistTracks(playlist.id, moveEntry(ids, from, to)), [playlist.id, ids]);
  const onRemove = useCallback((index: number) => void setPlaylistTracks(playlist.id, removeEntry(ids, index)), [playlist.id, ids]);
  const onPlay = useCallback((index: number) => playPlaylist(playlist, index), [playlist]);
  const drag = useDragReorder(onMove);

  if (!libraryLoaded) return <div className="placeholder">Loading your library…</div>;
  if (ids.length === 0) {
    return (
      <p className="placeholder" data-testid="playlist-empty">
        This playlist is empty. In the library, right-click a song (or a selection) and choose “Add to playlist”.
      </p>
    );
  }
  return (
    <div className="pl-table">
      <div className="pl-header" aria-hidden="true">
        <span /><span className="pl-pos">#</span><span>Title</span><span>Artist</span><span>Album</span><span className="pl-time">Time</span><span />
      </div>
      <VirtualList count={ids.length} rowHeight={PLAYLIST_ROW_HEIGHT} role="list" ariaLabel="Playlist tracks" className="pl-list"
        testId="playlist-tracks"
        renderRow={(index, top) => (
          <PlaylistTrackRow key={`${index}:${ids[index]}`} trackId={ids[index]} track={byId.get(ids[index])} index={index}
            count={ids.length} top={top} playing={ids[index] === playingId}
            dropEdge={drag.dropEdgeOf(index)}
            onPlay={onPlay} onMove={onMove} onRemove={onRemove} onDragStartRow={drag.onDragStartRow} onDragOverRow={drag.onDragOverRow}
            onDropRow={drag.onDropRow} onDragEndRow={drag.onDragEndRow} />
        )} />
    </div>
  );
}

function DeleteButton({ playlist }: { playlist: Playlist }) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="btn" data-testid="playlist-delete" onClick={() => setConfirming(true)}>
        <Icon name="trash" size={15} /> Delete
      </button>
    );
  }
  return (
    <span className="confirm">
      Delete “{playlist.name}”? The songs stay in your library.
      <button type="button" className="btn danger" data-testid="playlist-delete-confirm" onClick={() => {
        setConfirming(false);
        void deletePlaylist(playlist.id).then(() => showView('library'));
      }}>Delete</button>
      <button type="button" className="btn" onClick={() => setConfirming(false)}>Cancel</button>
    </span>
  );
}

export function PlaylistView() {
  const openId = useOpenPlaylistId();
  const playlist = useOpenPlaylist();
  if (openId === null) return <div className="placeholder">Pick a playlist in the sidebar, or make a new one with +.</div>;
  if (!playlist) return <div className="placeholder">Loading the playlist…</div>;
  // Keyed: another playlist starts with its panels closed and no rename in progress.
  return <OpenPlaylist key={playlist.id} playlist={playlist} />;
}

function OpenPlaylist({ playlist }: { playlist: Playlist }) {
  const starting = useRadioStarting() !== null;
  const [exporting, setExporting] = useState(false);
  const empty = playlist.trackIds.length === 0;
  return (
    <section className="playlist-view" aria-label={`Playlist ${playlist.name}`} data-testid="playlist-view" data-playlist-id={playlist.id}>
      <header className="pl-head">
        <div className="pl-head-text">
          <span className="details-label">Playlist</span>
          <PlaylistName playlist={playlist} />
          <span className="muted small" data-testid="playlist-summary">
            {plural(playlist.trackIds.length, 'song')}{playlist.durationSec > 0 ? ` · ${formatTotalDuration(playlist.durationSec)}` : ''}
          </span>
        </div>
        <div className="pl-actions-bar">
          <button type="button" className="btn primary" data-testid="playlist-play" disabled={empty} onClick={() => playPlaylist(playlist)}>
            <Icon name="play" size={15} /> Play
          </button>
          <button type="button" className="btn" data-testid="playlist-radio" disabled={empty || starting}
            title="Play songs that sound like this playlist" onClick={() => void playlistRadio(playlist)}>
            <Icon name="similar" size={15} /> Radio from this playlist
          </button>
          <button type="button" className={`btn ${exporting ? 'on' : ''}`} data-testid="playlist-export-toggle" aria-expanded={exporting}
            onClick={() => setExporting((v) => !v)}>Export…</button>
          <DeleteButton playlist={playlist} />
        </div>
      </header>
      {exporting ? <ExportPanel playlist={playlist} onClose={() => setExporting(false)} /> : null}
      <ImportReport playlistId={playlist.id} />
      <Tracks playlist={playlist} />
    </section>
  );
}
