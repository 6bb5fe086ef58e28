/**
 * Pure helpers for editing a playlist's track list (setPlaylistTracks takes the whole new list) and for
 * the words and file names around import and export.
 */

/** The list with the entry at `from` moved so that it ends up at index `to`; the same list when out of range. */
export function moveEntry<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (from < 0 || from >= list.length || to < 0 || to >= list.length || from === to) return out;
  const [moved] = out.splice(from, 1);
  out.splice(to, 0, moved);
  return out;
}

/** The list without the entry at `index` (one entry: a track can be in a playlist twice). */
export function removeEntry<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** "1 entry was not in your library", "3 entries were not in your library". */
export function missingSummary(count: number): string {
  return count === 1 ? '1 entry was not in your library' : `${count.toLocaleString('en-US')} entries were not in your library`;
}

/** The download's file name (shared with the desktop save dialog's default name). */
export { m3uFileName } from '../../../shared/playlist-file';

/** The first of "Name", "Name 2", "Name 3"… that no playlist has yet. */
export function uniqueName(base: string, taken: readonly string[]): string {
  const names = new Set(taken.map((n) => n.toLowerCase()));
  if (!names.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base} ${i}`;
    if (!names.has(candidate.toLowerCase())) return candidate;
  }
}

/** A suggested name for the queue saved as a playlist: after the radio's seed songs when it is a radio. */
export function queuePlaylistName(seedTitles: readonly string[], now: Date): string {
  if (seedTitles.length === 1) return `Radio: ${seedTitles[0]}`;
  if (seedTitles.length === 2) return `Radio: ${seedTitles[0]} & ${seedTitles[1]}`;
  if (seedTitles.length > 2) return `Radio: ${seedTitles[0]} + ${seedTitles.length - 1} more`;
  return `Queue ${now.toLocaleDateString('en-US', { month: 'short', day: 'numeric' })}`;
}
