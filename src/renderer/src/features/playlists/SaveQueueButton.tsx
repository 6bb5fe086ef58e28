/** "Save as playlist" in the queue's header: keeps what is queued (a radio, say) as a playlist, named in place. */
import { useEffect, useRef, useState } from 'react';
import { queuePlaylistName, uniqueName } from '../../lib/playlist-edit';
import { useLibraryStore } from '../../stores/library-store';
import { notify } from '../../stores/notify-store';
import { saveQueueAsPlaylist, usePlaylistsStore } from '../../stores/playlists-store';
import { useQueueStore } from '../../stores/queue-store';
import { useRadioStore } from '../../stores/radio-store';
import './playlists.css';

function suggestedName(): string {
  const session = useRadioStore.getState().session;
  const hasPicks = useQueueStore.getState().items.some((i) => i.origin.kind === 'radio');
  const { byId } = useLibraryStore.getState();
  const seeds = session && hasPicks ? session.seedTrackIds.map((id) => byId.get(id)?.title ?? `track ${id}`) : [];
  return uniqueName(queuePlaylistName(seeds, new Date()), usePlaylistsStore.getState().summaries.map((s) => s.name));
}

export function SaveQueueButton() {
  const empty = useQueueStore((s) => s.items.length === 0);
  const [name, setName] = useState<string | null>(null);
  const box = useRef<HTMLSpanElement>(null);
  const editing = name !== null;

  useEffect(() => {
    if (!editing) return;
    const close = (e: MouseEvent) => { if (!box.current?.contains(e.target as Node)) setName(null); };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [editing]);

  const save = async () => {
    const trimmed = name?.trim();
    if (!trimmed) return;
    setName(null);
    const playlist = await saveQueueAsPlaylist(trimmed);
    if (playlist) notify('info', `Saved the queue as “${playlist.name}” (${playlist.trackIds.length} songs).`);
  };

  return (
    <span ref={box} className="save-queue">
      <button type="button" className="btn small" data-testid="save-queue-as-playlist" disabled={empty}
        title="Save the queue as a playlist (keep a radio you like)" aria-label="Save the queue as a playlist"
        onClick={() => setName((n) => (n === null ? suggestedName() : null))}>
        Save
      </button>
      {name !== null ? (
        <form className="save-queue-pop" onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <label className="small muted" htmlFor="save-queue-name">Playlist name</label>
          <input id="save-queue-name" className="text-input" value={name} autoFocus maxLength={200} data-testid="save-queue-name"
            onFocus={(e) => e.currentTarget.select()} onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => { if (e.key === 'Escape') setName(null); }} />
          <div className="save-queue-buttons">
            <button type="button" className="btn small" onClick={() => setName(null)}>Cancel</button>
            <button type="submit" className="btn small primary" data-testid="save-queue-confirm" disabled={!name.trim()}>Save</button>
          </div>
        </form>
      ) : null}
    </span>
  );
}
