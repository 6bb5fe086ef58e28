/**
 * One playlist in the sidebar: a click opens it, and it is a drop target for library rows (HTML5 drag and
 * drop, highlighted while a drag of songs is over it). Keyboard users add through the track menu instead.
 */
import { useState, type DragEvent } from 'react';
import type { PlaylistSummary } from '../../../../shared/domain';
import { Icon } from '../../elements/Icon';
import { decodeTrackDrag, TRACK_DRAG_TYPE } from '../../lib/track-drag';
import { notify } from '../../stores/notify-store';
import { addToPlaylist } from '../../stores/playlists-store';
import './playlist-drop.css';

/** Only our own drag type is accepted: files, links or text dragged in from elsewhere show no drop highlight. */
const carriesTracks = (e: DragEvent): boolean => e.dataTransfer.types.includes(TRACK_DRAG_TYPE);

export function PlaylistNavItem({ playlist, active, onOpen }: { playlist: PlaylistSummary; active: boolean; onOpen: (id: number) => void }) {
  const [over, setOver] = useState(false);
  const onDragOver = (e: DragEvent<HTMLButtonElement>): void => {
    if (!carriesTracks(e)) return;
    e.preventDefault(); // accept the drop
    e.dataTransfer.dropEffect = 'copy';
    if (!over) setOver(true);
  };
  const onDrop = (e: DragEvent<HTMLButtonElement>): void => {
    setOver(false);
    if (!carriesTracks(e)) return;
    e.preventDefault();
    const ids = decodeTrackDrag(e.dataTransfer.getData(TRACK_DRAG_TYPE));
    if (!ids) {
      notify('error', 'That drop held no songs from the library, so nothing was added.');
      return;
    }
    void addToPlaylist(playlist.id, ids);
  };
  return (
    <button type="button" className={`nav-btn ${active ? 'active' : ''} ${over ? 'drop-over' : ''}`} data-testid="playlist-nav-item"
      data-playlist-id={playlist.id} aria-current={active ? 'page' : undefined} title={playlist.name} onClick={() => onOpen(playlist.id)}
      onDragEnter={onDragOver} onDragOver={onDragOver} onDrop={onDrop}
      onDragLeave={(e) => { if (!(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget))) setOver(false); }}>
      <Icon name="queue" size={16} />
      <span className="nav-label">{playlist.name}</span>
      <span className="nav-detail">{playlist.trackCount.toLocaleString('en-US')}</span>
    </button>
  );
}
