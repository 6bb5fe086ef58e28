/**
 * Library search: each track gets one lower-case "haystack" built once per load, and a query is a set of
 * words that must all occur in it (AND). Filtering walks an already-sorted order, so typing never re-sorts.
 */
import type { Track } from '../../../shared/domain';
import { normalizeText } from './text';

/** Separates fields so that no query word (which never contains it) can match across two fields. */
const FIELD_SEPARATOR = '\u0000';

/** The searchable text of a track: title, artist, album, album artist and genre. */
export function buildHaystack(track: Pick<Track, 'title' | 'artist' | 'album' | 'albumArtist' | 'genre'>): string {
  return normalizeText(
    [track.title, track.artist, track.album, track.albumArtist, track.genre]
      .filter((v): v is string => typeof v === 'string' && v.length > 0)
      .join(FIELD_SEPARATOR),
  );
}

/** Splits a query into distinct normalised words; an empty list matches everything. */
export function parseQuery(query: string): string[] {
  const words = normalizeText(query).split(/\s+/).filter((w) => w.length > 0);
  return [...new Set(words)];
}

export function matchesAll(haystack: string, terms: readonly string[]): boolean {
  for (const term of terms) {
    if (!haystack.includes(term)) return false;
  }
  return true;
}

/** The entries of `order` (indices into the haystack array) whose haystack contains every term. */
export function filterOrder(order: readonly number[], haystacks: readonly string[], terms: readonly string[]): number[] {
  if (terms.length === 0) return order.slice();
  const out: number[] = [];
  for (const i of order) {
    if (matchesAll(haystacks[i], terms)) out.push(i);
  }
  return out;
}

/**
 * True when every track matching `next` also matches `prev`, so `next` can be filtered from prev's result
 * instead of the whole library (the usual case while typing more letters). Holds when each prev term is a
 * substring of some next term: containing the longer word implies containing the shorter.
 */
export function isRefinement(prev: readonly string[], next: readonly string[]): boolean {
  return prev.every((p) => next.some((n) => n.includes(p)));
}
