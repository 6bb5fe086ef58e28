/** The clicked point's popover: the song, "Play" (it alone), "Play similar" (a radio from it), a sonic path from or to it. */
import { useEffect, useRef, type CSSProperties } from 'react';
import type { SonicMapPoint, Track } from '../../../../shared/domain';
import { Icon } from '../../elements/Icon';
import { tagLabel } from '../../lib/sonic-map';
import { playTracks } from '../../stores/queue-store';
import { playSimilar } from '../radio/radio-actions';
import { MapPathButtons } from './SonicPathItems';

interface MapPopoverProps {
  point: SonicMapPoint;
  track: Track | undefined;
  at: [number, number];
  width: number;
  height: number;
  onClose: () => void;
}

export function MapPopover({ point, track, at, width, height, onClose }: MapPopoverProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') onClose(); };
    // A press anywhere else closes it (a press on another dot then opens that one's).
    const onDown = (e: MouseEvent) => { if (!ref.current?.contains(e.target as Node)) onClose(); };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onDown);
    ref.current?.querySelector('button')?.focus();
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onDown);
    };
  }, [onClose]);

  // Keep it inside the map: open left of the point near the right edge, above it near the bottom.
  const [x, y] = at;
  const style: CSSProperties = {
    ...(x > width - 250 ? { right: width - x + 10 } : { left: x + 10 }),
    ...(y > height - 170 ? { bottom: height - y + 10 } : { top: y + 10 }),
  };
  const title = track?.title ?? `Track ${point.trackId}`;
  return (
    <div ref={ref} className="map-popover" style={style} role="dialog" aria-label={title} data-testid="map-popover"
      onClick={(e) => e.stopPropagation()}>
      <div className="map-popover-text">
        <strong title={title}>{title}</strong>
        <span className="muted">{track ? (track.artist ?? track.albumArtist ?? 'Unknown artist') : ''}</span>
        <span className="map-tooltip-tag">{tagLabel(point.tag)}</span>
      </div>
      <div className="map-popover-buttons">
        <button type="button" className="btn small primary" data-testid="map-play"
          onClick={() => { onClose(); void playTracks([point.trackId], 0); }}>
          <Icon name="play" size={13} /> Play
        </button>
        <button type="button" className="btn small" data-testid="map-play-similar"
          onClick={() => { onClose(); playSimilar([point.trackId]); }}>
          <Icon name="similar" size={13} /> Play similar
        </button>
      </div>
      <MapPathButtons trackId={point.trackId} onClose={onClose} />
    </div>
  );
}
