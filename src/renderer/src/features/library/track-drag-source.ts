/** Library rows as a drag source: a row (or the selection it belongs to) can be dropped on a sidebar playlist. */
import type { DragEvent } from 'react';
import { draggedIds, encodeTrackDrag, TRACK_DRAG_TYPE } from '../../lib/track-drag';
import { useBrowseStore, visibleTrackIds } from '../../stores/browse-store';

export function startTrackDrag(e: DragEvent<HTMLElement>, trackId: number): void {
  const ids = draggedIds(trackId, useBrowseStore.getState().selection.ids, visibleTrackIds());
  e.dataTransfer.setData(TRACK_DRAG_TYPE, encodeTrackDrag(ids));
  // Plain text too, so a drop on a text field shows what was dragged rather than nothing.
  e.dataTransfer.setData('text/plain', ids.length === 1 ? `1 song` : `${ids.length} songs`);
  e.dataTransfer.effectAllowed = 'copy';
}
