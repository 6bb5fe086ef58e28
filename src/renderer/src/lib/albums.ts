/**
 * Albums and artists derived from the track list, in one pass (50k tracks in a few ms), so browsing
 * needs no query of its own and follows every rescan. An album is its title plus its album artist, or,
 * without one, plus its folder: a compilation whose tracks name different artists stays one album,
 * and two "Greatest Hits" by different artists stay two.
 */
import type { Track } from '../../../shared/domain';
import { normalizeText } from './text';

export interface Album {
  /** Stable while the tags are: used in navigation and as React key. */
  key: string;
  title: string;
  /** The album artist, the one artist of all its tracks, "Various artists", or "Unknown artist" when none is named. */
  artist: string;
  /** Set when `artist` names a real artist (not "Various artists"): the artist page to link. */
  artistKey: string | null;
  year: number | null;
  /** Track ids in disc, then track number order (untagged numbers last, by title). */
  trackIds: number[];
  /** The first cover any of its tracks has. */
  coverId: string | null;
  durationSec: number;
  /** Newest addedAt of its tracks (for "recently added"). */
  addedAt: number;
  /** More than one disc number among its tracks. */
  multiDisc: boolean;
}

export interface Artist {
  key: string;
  name: string;
  /** Albums they are the album artist of, or play on. */
  albumKeys: string[];
  /** Their songs (by track artist or album artist), in album then track order. */
  trackIds: number[];
}

export interface AlbumIndex {
  albums: Album[];
  byKey: Map<string, Album>;
  artists: Artist[];
  artistByKey: Map<string, Artist>;
  /** track id -> its album's key (absent for tracks with no album). */
  albumOfTrack: Map<number, string>;
}

export const VARIOUS_ARTISTS = 'Various artists';
/** An album none of whose songs names an artist (a folder of untagged files). */
export const UNKNOWN_ARTIST = 'Unknown artist';

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Case- and space-insensitive identity of a name. */
export function nameKey(name: string): string {
  let key = nameKeys.get(name);
  if (key === undefined) {
    key = name.trim().replace(/\s+/g, ' ').toLowerCase();
    // Names repeat across a library's tracks: remember them (bounded, so a huge library cannot hoard).
    if (nameKeys.size > 100_000) nameKeys.clear();
    nameKeys.set(name, key);
  }
  return key;
}
const nameKeys = new Map<string, string>();

function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut === -1 ? '' : path.slice(0, cut);
}

/**
 * The album a track belongs to (null when it has no album). `folderArtists` (folder + album -> album
 * artist, from the other tracks) puts a track without album artist, e.g. an untagged file named by its
 * folder, into the album its tagged neighbours of the same title form.
 */
export function albumKeyOf(track: Pick<Track, 'album' | 'albumArtist' | 'path'>, folderArtists?: ReadonlyMap<string, string>): string | null {
  if (!track.album?.trim()) return null;
  const title = nameKey(track.album);
  const artist = track.albumArtist?.trim() ? nameKey(track.albumArtist) : folderArtists?.get(`${folderOf(track.path)}\u0000${title}`);
  return `${title}\u0000${artist ? `aa:${artist}` : `dir:${folderOf(track.path)}`}`;
}

/** Disc, then track number, then title: the order an album is played in. */
export function compareAlbumTracks(a: Track, b: Track): number {
  return (a.discNo ?? 1) - (b.discNo ?? 1)
    || (a.trackNo ?? Number.MAX_SAFE_INTEGER) - (b.trackNo ?? Number.MAX_SAFE_INTEGER)
    || collator.compare(a.title, b.title)
    || a.id - b.id;
}

interface Building {
  title: string;
  tracks: Track[];
}

function finishAlbum(key: string, { title, tracks }: Building): Album {
  tracks.sort(compareAlbumTracks);
  const albumArtist = tracks.find((t) => t.albumArtist?.trim())?.albumArtist?.trim() ?? null;
  const trackArtists = new Set(tracks.map((t) => (t.artist?.trim() ? nameKey(t.artist) : '')));
  const soleArtist = trackArtists.size === 1 && !trackArtists.has('') ? tracks[0].artist?.trim() ?? null : null;
  const artist = albumArtist ?? soleArtist;
  const nobody = trackArtists.size === 1 && trackArtists.has('');
  let year: number | null = null;
  let durationSec = 0;
  let addedAt = 0;
  const discs = new Set<number>();
  for (const t of tracks) {
    if (t.year !== null && (year === null || t.year < year)) year = t.year;
    durationSec += t.durationSec ?? 0;
    addedAt = Math.max(addedAt, t.addedAt);
    discs.add(t.discNo ?? 1);
  }
  return {
    key, title, artist: artist ?? (nobody ? UNKNOWN_ARTIST : VARIOUS_ARTISTS), artistKey: artist ? nameKey(artist) : null, year,
    trackIds: tracks.map((t) => t.id), coverId: tracks.find((t) => t.coverId)?.coverId ?? null,
    durationSec, addedAt, multiDisc: discs.size > 1,
  };
}

/** Groups the library into albums (sorted by artist, year, title) and artists (by name). */
export function buildAlbumIndex(tracks: readonly Track[]): AlbumIndex {
  const building = new Map<string, Building>();
  const albumOfTrack = new Map<number, string>();
  const artistNames = new Map<string, string>();
  const artistTracks = new Map<string, Track[]>();
  /** Adds the track to `name`'s songs; returns its key (`skip`: the key already added for this track). */
  const addArtist = (name: string | null, track: Track, skip: string | null): string | null => {
    if (!name) return null;
    const key = nameKey(name);
    if (!key || key === skip) return null;
    if (!artistNames.has(key)) artistNames.set(key, name.trim());
    const list = artistTracks.get(key);
    if (list) list.push(track);
    else artistTracks.set(key, [track]);
    return key;
  };
  const folderArtists = new Map<string, string>();
  for (const track of tracks) {
    if (track.album && track.albumArtist?.trim()) folderArtists.set(`${folderOf(track.path)}\u0000${nameKey(track.album)}`, nameKey(track.albumArtist));
  }
  for (const track of tracks) {
    const key = albumKeyOf(track, folderArtists);
    if (key) {
      albumOfTrack.set(track.id, key);
      const album = building.get(key);
      if (album) album.tracks.push(track);
      else building.set(key, { title: (track.album as string).trim(), tracks: [track] });
    }
    addArtist(track.albumArtist, track, addArtist(track.artist, track, null));
  }

  const albums: Album[] = [];
  for (const [key, b] of building) {
    const album = finishAlbum(key, b);
    albums.push(album);
    // Its songs that name no artist (untagged files) are still the album artist's songs.
    const list = album.artistKey ? artistTracks.get(album.artistKey) : undefined;
    if (list) for (const t of b.tracks) if (!t.artist?.trim() && !t.albumArtist?.trim()) list.push(t);
  }
  albums.sort((a, b) => (a.artistKey === null ? 1 : 0) - (b.artistKey === null ? 1 : 0)
    || collator.compare(a.artist, b.artist) || (a.year ?? 0) - (b.year ?? 0) || collator.compare(a.title, b.title) || (a.key < b.key ? -1 : 1));
  const byKey = new Map(albums.map((a) => [a.key, a]));

  const albumRank = new Map(albums.map((a, i) => [a.key, i]));
  const artists: Artist[] = [];
  for (const [key, list] of artistTracks) {
    const albumKeys = new Set<string>();
    for (const t of list) {
      const albumKey = albumOfTrack.get(t.id);
      if (albumKey) albumKeys.add(albumKey);
    }
    const rank = (t: Track) => albumRank.get(albumOfTrack.get(t.id) ?? '') ?? Number.MAX_SAFE_INTEGER;
    list.sort((a, b) => rank(a) - rank(b) || compareAlbumTracks(a, b));
    artists.push({
      key, name: artistNames.get(key) as string,
      albumKeys: [...albumKeys].sort((a, b) => (albumRank.get(a) ?? 0) - (albumRank.get(b) ?? 0)),
      trackIds: list.map((t) => t.id),
    });
  }
  artists.sort((a, b) => collator.compare(a.name, b.name) || (a.key < b.key ? -1 : 1));
  return { albums, byKey, artists, artistByKey: new Map(artists.map((a) => [a.key, a])), albumOfTrack };
}

export type AlbumSort = 'artist' | 'title' | 'year' | 'added';

/** The grid's order: `albums` come sorted by artist; the other orders are derived from it. */
export function sortAlbums(albums: readonly Album[], sort: AlbumSort): Album[] {
  const list = [...albums];
  if (sort === 'title') list.sort((a, b) => collator.compare(a.title, b.title));
  else if (sort === 'year') list.sort((a, b) => (b.year ?? -1) - (a.year ?? -1) || collator.compare(a.title, b.title));
  else if (sort === 'added') list.sort((a, b) => b.addedAt - a.addedAt);
  return list;
}

/** Albums whose title or artist holds every word of `query` (case- and accent-insensitive). */
export function filterAlbums(albums: readonly Album[], query: string): readonly Album[] {
  const words = fold(query).split(' ').filter(Boolean);
  if (words.length === 0) return albums;
  return albums.filter((a) => {
    const hay = fold(`${a.title} ${a.artist}`);
    return words.every((w) => hay.includes(w));
  });
}

function fold(text: string): string {
  return normalizeText(text).replace(/\s+/g, ' ').trim();
}
