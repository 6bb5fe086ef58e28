/** Side-panel card: large cover and tags of the selected track, or of the playing one when none is selected. */
import { Cover } from '../../elements/Cover';
import { formatDuration } from '../../lib/format';
import { useSelectedTrackId } from '../../stores/browse-store';
import { useTrack } from '../../stores/library-store';
import { useCurrentTrackId } from '../../stores/queue-store';

export function TrackDetails({ large }: { large: boolean }) {
  const selectedId = useSelectedTrackId();
  const playingId = useCurrentTrackId();
  const track = useTrack(selectedId ?? playingId);
  if (!track) return null;
  const facts = [
    track.year ? String(track.year) : null,
    track.genre,
    track.codec ? track.codec.toUpperCase() : null,
    track.sampleRate ? `${(track.sampleRate / 1000).toFixed(1)} kHz` : null,
    track.bitrate ? `${Math.round(track.bitrate / 1000)} kbps` : null,
    formatDuration(track.durationSec) || null,
  ].filter((f): f is string => Boolean(f));
  return (
    <section className="track-details" aria-label="Track details" data-testid="track-details">
      <Cover coverId={track.coverId} size={large ? 256 : 176} className="cover-large" alt={track.album ? `Cover of ${track.album}` : ''} />
      <div className="details-text">
        <div className="details-label">{track.id === playingId ? 'Now playing' : 'Selected'}</div>
        <div className="details-title" title={track.title}>{track.title}</div>
        <div className="details-artist">{track.artist ?? track.albumArtist ?? 'Unknown artist'}</div>
        <div className="details-album">
          {track.album ?? 'Unknown album'}
          {track.trackNo ? ` · track ${track.discNo && track.discNo > 1 ? `${track.discNo}-` : ''}${track.trackNo}` : ''}
        </div>
        <div className="details-facts">{facts.join(' · ')}</div>
        {!track.available ? <div className="warn-text">Not available: its folder is missing or unreadable.</div> : null}
        <div className="details-path mono start-ellipsis" title={track.path}><bdi>{track.path}</bdi></div>
      </div>
    </section>
  );
}
