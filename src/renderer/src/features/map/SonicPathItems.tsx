/**
 * The small entry points of the sonic path outside the map: the track menu's items ("from here", "to
 * here", or between the two selected songs) and the selection bar's button when two songs are selected.
 */
import type { ReactNode } from 'react';
import { Icon } from '../../elements/Icon';
import { selectedTrackIds } from '../../stores/browse-store';
import { usePathBuilding, usePathStart } from '../../stores/sonic-path-store';
import { pathTo, playSonicPath, startPathFrom, titleOf } from './sonic-path-actions';

type MenuItem = (label: string, run: () => void, testId?: string) => ReactNode;

export function SonicPathItems({ trackId, selected, item }: { trackId: number; selected: readonly number[]; item: MenuItem }) {
  const start = usePathStart();
  if (selected.length === 2) return item('Sonic path between the 2 songs', () => void playSonicPath(selected[0], selected[1]), 'menu-sonic-path-between');
  return (
    <>
      {start !== null && start !== trackId ? item(`Sonic path to here (from “${titleOf(start)}”)`, () => pathTo(trackId), 'menu-sonic-path-to') : null}
      {item('Sonic path from here…', () => startPathFrom(trackId), 'menu-sonic-path-from')}
    </>
  );
}

/** With two songs selected: the walk from the first (in the list's order) to the second. */
export function SonicPathButton() {
  const building = usePathBuilding();
  return (
    <button type="button" className="btn small" data-testid="selection-sonic-path" disabled={building}
      title="Songs that walk from the first selected song to the second through the sound space"
      onClick={() => {
        const [from, to] = selectedTrackIds();
        if (from !== undefined && to !== undefined) void playSonicPath(from, to);
      }}>
      <Icon name="similar" size={13} /> Sonic path
    </button>
  );
}

/** The map popover's path buttons: start a walk at this song, or end the chosen one here. */
export function MapPathButtons({ trackId, onClose }: { trackId: number; onClose: () => void }) {
  const start = usePathStart();
  const building = usePathBuilding();
  return (
    <div className="map-popover-buttons">
      {start !== null && start !== trackId ? (
        <button type="button" className="btn small primary" data-testid="map-path-to" disabled={building}
          title={`Songs that walk from “${titleOf(start)}” to this one`}
          onClick={() => { onClose(); pathTo(trackId); }}>
          <Icon name="similar" size={13} /> Path to here
        </button>
      ) : null}
      <button type="button" className="btn small" data-testid="map-path-from"
        title="Start a sonic path at this song, then choose where it goes"
        onClick={() => { onClose(); startPathFrom(trackId); }}>
        Path from here…
      </button>
    </div>
  );
}
