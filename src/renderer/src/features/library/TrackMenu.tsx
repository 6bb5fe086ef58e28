/** The right-click menu of a library row. Closes on any outside click, Escape, scroll or blur. */
import { useEffect, useRef } from 'react';
import type { Track } from '../../../../shared/domain';
import { selectedTrackIds } from '../../stores/browse-store';
import { toggleLiked, useIsLiked } from '../../stores/likes-store';
import { playSimilar } from '../radio/radio-actions';
import { AddToPlaylistMenu } from '../playlists/AddToPlaylistMenu';
import { SonicPathItems } from '../map/SonicPathItems';
import { addToQueue, playFromVisible, playNext } from './play-actions';

export interface MenuAt {
  track: Track;
  x: number;
  y: number;
}

export function TrackMenu({ at, onClose }: { at: MenuAt; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const liked = useIsLiked(at.track.id);
  // A right-click inside a multi-selection acts on all of it.
  const selected = selectedTrackIds();
  const seedIds = selected.length > 1 && selected.includes(at.track.id) ? selected : [at.track.id];

  useEffect(() => {
    const close = (e: Event) => {
      if (e instanceof MouseEvent && ref.current?.contains(e.target as Node)) return;
      onClose();
    };
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') onClose(); };
    window.addEventListener('mousedown', close);
    window.addEventListener('blur', close);
    window.addEventListener('wheel', close, { passive: true });
    window.addEventListener('keydown', onKey);
    ref.current?.querySelector('button')?.focus();
    return () => {
      window.removeEventListener('mousedown', close);
      window.removeEventListener('blur', close);
      window.removeEventListener('wheel', close);
      window.removeEventListener('keydown', onKey);
    };
  }, [onClose]);

  // Keep the menu inside the window near the right and bottom edges.
  const left = Math.min(at.x, window.innerWidth - 190);
  const top = Math.min(at.y, window.innerHeight - 190);
  const item = (label: string, run: () => void, testId?: string) => (
    <button type="button" role="menuitem" className="menu-item" data-testid={testId} onClick={() => { run(); onClose(); }}>{label}</button>
  );
  return (
    <div ref={ref} className="menu" role="menu" style={{ left, top }} data-testid="track-menu">
      {item('Play', () => playFromVisible(at.track.id))}
      {item('Play next', () => playNext(at.track.id))}
      {item('Add to queue', () => addToQueue(at.track.id))}
      <AddToPlaylistMenu trackIds={seedIds} onClose={onClose} />
      <div className="menu-sep" role="separator" />
      {item(seedIds.length > 1 ? `Play similar sounding (${seedIds.length} songs)` : 'Play similar sounding',
        () => playSimilar(seedIds), 'play-similar')}
      <SonicPathItems trackId={at.track.id} selected={seedIds} item={item} />
      {item(liked ? 'Unlike' : 'Like', () => void toggleLiked(at.track.id), 'menu-like')}
    </div>
  );
}
