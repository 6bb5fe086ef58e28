/**
 * Sorting the library view. Keys are normalised once per load (sortKeysFor); a sort returns an order of
 * indices into the track array. Empty values sort last in both directions; ties fall through to
 * album -> disc -> track so albums stay in play order.
 */
import type { Track } from '../../../shared/domain';
import { normalizeText } from './text';

export type SortColumn = 'trackNo' | 'title' | 'artist' | 'album' | 'year' | 'genre' | 'duration' | 'codec';
export type SortDirection = 'asc' | 'desc';
export interface SortSpec {
  column: SortColumn;
  direction: SortDirection;
}

export const DEFAULT_SORT: SortSpec = { column: 'artist', direction: 'asc' };

/** Normalised string keys, one array per text column, aligned with the track array. */
export interface SortKeys {
  title: string[];
  artist: string[];
  album: string[];
  genre: string[];
  codec: string[];
}

/** Digit runs are zero-padded so plain string comparison orders "Track 2" before "Track 10". */
function naturalKey(value: string): string {
  return normalizeText(value).replace(/\d+/g, (digits) => digits.padStart(12, '0'));
}

export function sortKeysFor(tracks: readonly Track[]): SortKeys {
  const keys: SortKeys = { title: [], artist: [], album: [], genre: [], codec: [] };
  for (const t of tracks) {
    keys.title.push(naturalKey(t.title));
    keys.artist.push(naturalKey(t.artist ?? t.albumArtist ?? ''));
    keys.album.push(naturalKey(t.album ?? ''));
    keys.genre.push(naturalKey(t.genre ?? ''));
    keys.codec.push((t.codec ?? '').toLowerCase());
  }
  return keys;
}

type Compare = (a: number, b: number) => number;

/** Empty ('' / null) last regardless of direction; `sign` flips only real comparisons. */
function byString(values: readonly string[], sign: number): Compare {
  return (a, b) => {
    const x = values[a];
    const y = values[b];
    if (x === y) return 0;
    if (x === '') return 1;
    if (y === '') return -1;
    return x < y ? -sign : sign;
  };
}

function byNumber(get: (i: number) => number | null, sign: number): Compare {
  return (a, b) => {
    const x = get(a);
    const y = get(b);
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return (x - y) * sign;
  };
}

/** Which keys break ties after the primary column (always ascending). */
const SECONDARY: Record<SortColumn, SortColumn[]> = {
  trackNo: ['album', 'title'],
  title: ['artist', 'album'],
  artist: ['album'],
  album: ['artist'],
  year: ['artist', 'album'],
  genre: ['artist', 'album'],
  duration: ['title'],
  codec: ['artist', 'album'],
};

function comparatorFor(column: SortColumn, sign: number, tracks: readonly Track[], keys: SortKeys): Compare {
  switch (column) {
    case 'trackNo': return byNumber((i) => tracks[i].trackNo, sign);
    case 'year': return byNumber((i) => tracks[i].year, sign);
    case 'duration': return byNumber((i) => tracks[i].durationSec, sign);
    default: return byString(keys[column], sign);
  }
}

/** Indices of `tracks` in display order for `spec`. Stable: equal rows keep library order. */
export function sortOrder(tracks: readonly Track[], keys: SortKeys, spec: SortSpec): number[] {
  const chain: Compare[] = [comparatorFor(spec.column, spec.direction === 'asc' ? 1 : -1, tracks, keys)];
  for (const col of SECONDARY[spec.column]) chain.push(comparatorFor(col, 1, tracks, keys));
  // Album play order: disc then track number, whatever the primary column was.
  chain.push(byNumber((i) => tracks[i].discNo, 1), byNumber((i) => tracks[i].trackNo, 1));
  if (spec.column !== 'title') chain.push(byString(keys.title, 1));
  const order = tracks.map((_, i) => i);
  order.sort((a, b) => {
    for (const cmp of chain) {
      const r = cmp(a, b);
      if (r !== 0) return r;
    }
    return 0;
  });
  return order;
}

/** Clicking a header: same column flips direction, a new column starts ascending. */
export function nextSort(current: SortSpec, column: SortColumn): SortSpec {
  if (current.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: 'asc' };
}
