/** Feedback on a song: like (persisted, seeds the liked radio), "less like this" and skip (radio picks). */
import { Icon } from '../../elements/Icon';
import { toggleLiked, useIsLiked } from '../../stores/likes-store';
import { blockArtist, lessLikeThis, skipCurrent } from './radio-actions';

export function LikeButton({ trackId, withLabel = false }: { trackId: number; withLabel?: boolean }) {
  const liked = useIsLiked(trackId);
  const label = liked ? 'Unlike' : 'Like';
  return (
    <button type="button" className={withLabel ? `btn small ${liked ? 'liked' : ''}` : `icon-btn small like ${liked ? 'on' : ''}`}
      data-testid="like-button" aria-pressed={liked} aria-label={label} title={`${label} (L)`}
      onClick={(e) => { e.stopPropagation(); void toggleLiked(trackId); }}>
      <Icon name={liked ? 'heart' : 'heartOutline'} size={withLabel ? 14 : 16} />
      {withLabel ? (liked ? 'Liked' : 'Like') : null}
    </button>
  );
}

export function LessButton({ trackId, withLabel = false }: { trackId: number; withLabel?: boolean }) {
  return (
    <button type="button" className={withLabel ? 'btn small' : 'icon-btn small'} data-testid="less-like-this"
      aria-label="Less like this" title="Less like this: the radio steers away from songs like it"
      onClick={(e) => { e.stopPropagation(); void lessLikeThis(trackId); }}>
      <Icon name="less" size={withLabel ? 13 : 15} />
      {withLabel ? 'Less like this' : null}
    </button>
  );
}

export function SkipButton() {
  return (
    <button type="button" className="btn small" data-testid="skip-button" title="Skip to the next song (the radio notes it)"
      onClick={(e) => { e.stopPropagation(); skipCurrent(); }}>
      <Icon name="skip" size={13} /> Skip
    </button>
  );
}

/** Keeps an artist out of every radio (and out of what the radio has queued). */
export function BlockArtistButton({ artist }: { artist: string | null }) {
  if (!artist) return null;
  return (
    <button type="button" className="btn small" data-testid="block-artist"
      title={`Never pick ${artist} for a radio (undo in Folders & settings)`}
      onClick={(e) => { e.stopPropagation(); void blockArtist(artist); }}>
      <Icon name="less" size={13} /> Block artist
    </button>
  );
}
