/**
 * The liked songs: play them, start a radio from all of them (or from one), unlike per row. Likes seed
 * the liked-songs radio, so this is where the listener sees and edits what that radio is built from.
 */
import { useCallback, useMemo } from 'react';
import { Icon } from '../../elements/Icon';
import { VirtualList } from '../../elements/VirtualList';
import { formatTotalDuration, plural } from '../../lib/format';
import { useLibraryStore } from '../../stores/library-store';
import { useLikesStore } from '../../stores/likes-store';
import { useCurrentTrackId } from '../../stores/queue-store';
import { useRadioStarting } from '../../stores/radio-store';
import { playLikedRadio, playSimilar } from '../radio/radio-actions';
import { likedInOrder, playLiked, unlike } from './liked-actions';
import { LIKED_ROW_HEIGHT, LikedRow } from './LikedRow';
import './liked.css';

export function LikedView() {
  const liked = useLikesStore((s) => s.liked);
  const likesLoaded = useLikesStore((s) => s.loaded);
  const byId = useLibraryStore((s) => s.byId);
  const libraryLoaded = useLibraryStore((s) => s.tracksLoaded);
  const playingId = useCurrentTrackId();
  const radioBusy = useRadioStarting() !== null;
  const ids = useMemo(() => likedInOrder(liked, (id) => byId.has(id)), [liked, byId]);
  const totalSec = useMemo(() => ids.reduce((sum, id) => sum + (byId.get(id)?.durationSec ?? 0), 0), [ids, byId]);
  const onPlay = useCallback((index: number) => playLiked(ids, index), [ids]);
  const onRadio = useCallback((trackId: number) => playSimilar([trackId]), []);
  const empty = ids.length === 0;

  return (
    <section className="liked-view" aria-label="Liked songs" data-testid="liked-view">
      <header className="liked-head">
        <div className="liked-head-text">
          <span className="details-label">Your likes</span>
          <h2 className="liked-name">Liked songs</h2>
          <span className="muted small" data-testid="liked-summary">
            {plural(ids.length, 'song')}{totalSec > 0 ? ` · ${formatTotalDuration(totalSec)}` : ''}
          </span>
        </div>
        <div className="liked-actions-bar">
          <button type="button" className="btn primary" data-testid="liked-play-all" disabled={empty} onClick={() => playLiked(ids)}>
            <Icon name="play" size={15} /> Play
          </button>
          <button type="button" className="btn" data-testid="liked-view-radio" disabled={empty || radioBusy}
            title="Play songs that sound like your liked songs" onClick={playLikedRadio}>
            <Icon name="similar" size={15} /> Radio from liked songs
          </button>
        </div>
      </header>
      {!libraryLoaded || !likesLoaded ? <div className="placeholder">Loading your liked songs…</div>
        : empty ? (
          <p className="placeholder" data-testid="liked-empty">
            No liked songs yet. Press the heart in the player bar (or L) while a song plays, and it shows up here.
          </p>
        ) : (
          <div className="liked-table">
            <div className="liked-header" aria-hidden="true">
              <span /><span>Title</span><span>Artist</span><span className="liked-album">Album</span><span className="liked-time">Time</span><span />
            </div>
            <VirtualList count={ids.length} rowHeight={LIKED_ROW_HEIGHT} role="list" ariaLabel="Liked songs" className="liked-list"
              testId="liked-list"
              renderRow={(index, top) => {
                const track = byId.get(ids[index]);
                return track ? (
                  <LikedRow key={track.id} track={track} index={index} top={top} playing={track.id === playingId}
                    radioBusy={radioBusy} onPlay={onPlay} onRadio={onRadio} onUnlike={unlike} />
                ) : null;
              }} />
          </div>
        )}
    </section>
  );
}
