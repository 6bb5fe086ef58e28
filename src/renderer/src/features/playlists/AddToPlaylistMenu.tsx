/**
 * "Add to playlist" in the library's row menu: opens a list of the playlists beside the menu, plus
 * "New playlist…" (named in place, created with the songs). Lives inside the menu's element, so the
 * menu's outside-click handling leaves it open while it is used.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { uniqueName } from '../../lib/playlist-edit';
import { addToPlaylist, createPlaylist, usePlaylistSummaries } from '../../stores/playlists-store';
import { notify } from '../../stores/notify-store';
import { plural } from '../../lib/format';
import './playlists.css';

export function AddToPlaylistMenu({ trackIds, onClose }: { trackIds: readonly number[]; onClose: () => void }) {
  const summaries = usePlaylistSummaries();
  const [open, setOpen] = useState(false);
  const [naming, setNaming] = useState<string | null>(null);
  const [side, setSide] = useState<'right' | 'left'>('right');
  const [up, setUp] = useState(false);
  const item = useRef<HTMLDivElement>(null);
  // Leaving closes it after a moment, so crossing the menu's edge on the way in does not.
  const closeTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const keepOpen = () => {
    if (closeTimer.current) clearTimeout(closeTimer.current);
    closeTimer.current = null;
    setOpen(true);
  };
  const closeSoon = () => {
    if (naming !== null) return; // typing a name: stay
    if (closeTimer.current) clearTimeout(closeTimer.current);
    closeTimer.current = setTimeout(() => setOpen(false), 300);
  };
  useEffect(() => () => { if (closeTimer.current) clearTimeout(closeTimer.current); }, []);

  // Open on the side with room for it.
  useLayoutEffect(() => {
    if (!open || !item.current) return;
    const box = item.current.getBoundingClientRect();
    setSide(box.right + 230 > window.innerWidth ? 'left' : 'right');
    setUp(box.top + 320 > window.innerHeight);
  }, [open]);

  const ids = [...trackIds];
  const what = ids.length === 1 ? 'Add to playlist' : `Add ${ids.length} songs to playlist`;
  const createWith = async (name: string) => {
    onClose();
    const playlist = await createPlaylist(name.trim(), ids);
    if (playlist) notify('info', `Made the playlist “${playlist.name}” with ${plural(ids.length, 'song')}.`);
  };

  return (
    <div ref={item} className="submenu-anchor" onMouseEnter={keepOpen} onMouseLeave={closeSoon}>
      <button type="button" role="menuitem" className="menu-item has-submenu" aria-haspopup="menu" aria-expanded={open}
        data-testid="add-to-playlist" onClick={() => setOpen(true)}
        onKeyDown={(e) => { if (e.key === 'ArrowRight') setOpen(true); }}>
        {what}<span className="submenu-arrow" aria-hidden="true">▸</span>
      </button>
      {open ? (
        <div className={`menu submenu ${side} ${up ? 'up' : ''}`} role="menu" data-testid="playlist-picker">
          {naming !== null ? (
            <form onSubmit={(e) => { e.preventDefault(); if (naming.trim()) void createWith(naming); }}>
              <input className="text-input" value={naming} autoFocus maxLength={200} aria-label="New playlist name"
                data-testid="add-to-new-playlist-name" onFocus={(e) => e.currentTarget.select()}
                onKeyDown={(e) => { e.stopPropagation(); if (e.key === 'Escape') setNaming(null); }}
                onChange={(e) => setNaming(e.target.value)} />
            </form>
          ) : (
            <button type="button" role="menuitem" className="menu-item" data-testid="add-to-new-playlist"
              onClick={() => setNaming(uniqueName('New playlist', summaries.map((s) => s.name)))}>New playlist…</button>
          )}
          {summaries.length ? <div className="menu-sep" role="separator" /> : null}
          <div className="submenu-list">
            {summaries.map((p) => (
              <button key={p.id} type="button" role="menuitem" className="menu-item" data-testid="add-to-playlist-item"
                data-playlist-id={p.id} title={p.name} onClick={() => { onClose(); void addToPlaylist(p.id, ids); }}>
                <span className="submenu-name">{p.name}</span><span className="muted small">{p.trackCount}</span>
              </button>
            ))}
          </div>
        </div>
      ) : null}
    </div>
  );
}
