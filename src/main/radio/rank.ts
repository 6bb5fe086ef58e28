/**
 * Turning index hits into radio picks (pure functions, so they are unit-tested and deterministic):
 * keep each song's best fragment, then pick songs greedily under the queue rules: no artist twice
 * within `artistGap` picks, no second version of a song already chosen, and, with adventure > 0, a
 * spread (maximal marginal relevance: a candidate close to what was already picked counts for less).
 */

export interface Hit {
  fragmentId: number;
  trackId: number;
  /** Inner product with the radio's query (higher = closer). */
  score: number;
}

export interface Candidate extends Hit {
  artist: string | null;
  /** Same key = same song in another version (live, remaster...). */
  titleKey: string;
  /** The candidate fragment's vector, for the spread; absent when adventure is 0. */
  vector?: Float32Array;
  /** The strongest matched moments (seed fragment <-> this song's fragment), strongest first. */
  pairs?: { seedFragmentId: number; pickFragmentId: number; similarity: number }[];
}

export interface SelectOptions {
  count: number;
  adventure: number;
  artistGap: number;
  /** Artists heard just before the first pick (the seed, the queue so far), most recent last. */
  recentArtists: (string | null)[];
  /** Title keys already in the queue or seeds. */
  usedTitleKeys: Set<string>;
}

/** Each song's best-scoring fragment, best songs first, skipping excluded songs. Ties: lower track id. */
export function bestPerTrack(hits: Hit[], excluded: Set<number>): Hit[] {
  const best = new Map<number, Hit>();
  for (const hit of hits) {
    if (excluded.has(hit.trackId)) continue;
    const seen = best.get(hit.trackId);
    if (!seen || hit.score > seen.score) best.set(hit.trackId, hit);
  }
  return [...best.values()].sort((a, b) => b.score - a.score || a.trackId - b.trackId);
}

/** A title reduced to what stays the same across versions: "Song (Live) - 2011 Remaster" -> "song". */
export function titleKey(title: string, artist: string | null): string {
  const core = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s*[([].*?[)\]]\s*/g, ' ')
    .replace(/\s+-\s+.*(remaster|live|version|mix|edit|mono|stereo|demo|take).*$/i, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return `${(artist ?? '').toLowerCase().trim()}\u0000${core}`;
}

/**
 * The key of "the same song" for the queue rule: its title and artist. Without an artist there is no
 * telling versions from different songs that share a title (tracker modules titled after their game,
 * "Track 01" rips), so an untagged track is only ever itself.
 */
export function songKey(track: { id: number; title: string; artist: string | null }): string {
  return track.artist?.trim() ? titleKey(track.title, track.artist) : `\u0001track:${track.id}`;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function sameArtist(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a.toLowerCase().trim() === b.toLowerCase().trim();
}

/** How many of the best candidates the adventure setting lets the spread choose among. */
export function poolSize(count: number, adventure: number): number {
  return Math.ceil(count * (1 + 4 * Math.min(1, Math.max(0, adventure))));
}

/** The queue rules that can be relaxed, in the order they are: the artist gap first, then other versions of a song. */
export type RelaxableRule = 'artist-gap' | 'same-song';

/**
 * Picks under the rules; when the candidates cannot fill the queue under them (a library of one artist,
 * one composer's works), the rules are relaxed one at a time (artist gap, then other versions of a song
 * already chosen: never the same track twice) and the queue is filled. Says which rules were relaxed.
 */
export function selectPicksRelaxing(candidates: Candidate[], options: SelectOptions): { picks: Candidate[]; relaxed: RelaxableRule[] } {
  const picks = selectPicks(candidates, options);
  const relaxed: RelaxableRule[] = [];
  const stages: { rule: RelaxableRule; options: Partial<SelectOptions> }[] = [
    { rule: 'artist-gap', options: { artistGap: 0 } },
    { rule: 'same-song', options: { artistGap: 0, usedTitleKeys: new Set() } },
  ];
  for (const stage of stages) {
    if (picks.length >= options.count || picks.length >= candidates.length) break;
    const chosen = new Set(picks.map((p) => p.trackId));
    const titleKeys = new Set([...options.usedTitleKeys, ...picks.map((p) => p.titleKey)]);
    // Without the same-song rule each track is its own "song" (but a track is never picked twice).
    const pool = candidates.filter((c) => !chosen.has(c.trackId)).map((c) => (stage.rule === 'same-song' ? { ...c, titleKey: `${c.titleKey}\u0000${c.trackId}` } : c));
    const more = selectPicks(pool, {
      ...options, count: options.count - picks.length, recentArtists: [...options.recentArtists, ...picks.map((p) => p.artist)], usedTitleKeys: titleKeys, ...stage.options,
    }).map((c) => candidates.find((o) => o.trackId === c.trackId) as Candidate);
    if (more.length) relaxed.push(stage.rule);
    picks.push(...more);
  }
  return { picks, relaxed };
}

export function selectPicks(candidates: Candidate[], options: SelectOptions): Candidate[] {
  const adventure = Math.min(1, Math.max(0, options.adventure));
  const lambda = 1 - 0.6 * adventure;
  const pool = candidates.slice(0, Math.max(poolSize(options.count, adventure), options.count));
  const rest = candidates.slice(pool.length);
  const scores = pool.map((c) => c.score);
  const hi = Math.max(...scores);
  const lo = Math.min(...scores);
  const relevance = (c: Candidate) => (hi > lo ? (c.score - lo) / (hi - lo) : 1);

  const picks: Candidate[] = [];
  const history = [...options.recentArtists];
  const usedTitles = new Set(options.usedTitleKeys);
  // slice(-0) would be the whole history: a gap of 0 means no artist rule at all.
  const recent = () => (options.artistGap > 0 ? history.slice(-options.artistGap) : []);
  const allowed = (c: Candidate) => !usedTitles.has(c.titleKey) && !recent().some((artist) => sameArtist(artist, c.artist));
  let remaining = [...pool];
  while (picks.length < options.count) {
    let best: Candidate | null = null;
    let bestValue = -Infinity;
    for (const c of remaining) {
      if (!allowed(c)) continue;
      let value = relevance(c);
      if (lambda < 1 && c.vector) {
        const similarity = picks.reduce((max, p) => (p.vector ? Math.max(max, dot(c.vector as Float32Array, p.vector)) : max), 0);
        value = lambda * value - (1 - lambda) * similarity;
      }
      if (value > bestValue) {
        best = c;
        bestValue = value;
      }
    }
    // The pool ran dry under the rules (one artist dominates the top): take from further down.
    if (!best) {
      const next = rest.findIndex(allowed);
      if (next === -1) break;
      best = rest.splice(next, 1)[0];
    }
    picks.push(best);
    remaining = remaining.filter((c) => c !== best);
    history.push(best.artist);
    usedTitles.add(best.titleKey);
  }
  return picks;
}

/** Evenly spaced picks from a list (a spread sample of a long song's fragments). */
export function spreadSample<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  return Array.from({ length: max }, (_, i) => items[Math.floor((i * items.length) / max)]);
}
