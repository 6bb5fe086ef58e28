/**
 * Dragging library rows onto a playlist: the track ids travel in the drag data under our own type.
 * A drop may come from anywhere (another tab, another app), so what is read back is checked: a list of
 * positive integer ids, no more than a sane number, or nothing.
 */

export const TRACK_DRAG_TYPE = 'application/x-soundlike-tracks';

/** More than any one drag of a library could carry; a bigger payload is not ours. */
export const MAX_DRAGGED_TRACKS = 100_000;

export function encodeTrackDrag(trackIds: readonly number[]): string {
  return JSON.stringify({ trackIds });
}

/** The ids a drop carries, or null when the payload is not a well-formed list of track ids. */
export function decodeTrackDrag(data: string): number[] | null {
  if (!data || data.length > 2_000_000) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || !('trackIds' in parsed)) return null;
  const ids: unknown = parsed.trackIds;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_DRAGGED_TRACKS) return null;
  if (!ids.every((id): id is number => Number.isSafeInteger(id) && (id as number) > 0)) return null;
  return [...new Set(ids)];
}

/** What a drag of `trackId` carries: the whole selection when the row is part of it, else just the row. */
export function draggedIds(trackId: number, selection: ReadonlySet<number>, visibleOrder: readonly number[]): number[] {
  if (!selection.has(trackId) || selection.size < 2) return [trackId];
  return visibleOrder.filter((id) => selection.has(id));
}
