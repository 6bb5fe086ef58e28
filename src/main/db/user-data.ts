/**
 * The user's own data (settings, folders, likes, blocked artists, playlists, plays, radio feedback) as a
 * small file beside the database, so that a damaged library.db or a stale backup loses none of it. Songs
 * are named by path; entries whose songs a restored library lacks wait (in kv) until a scan finds them.
 */
import type { UserDataQueries, UserDataRows } from './queries/user-data';

export const USER_DATA_FORMAT = 1;

/** The file's shape. Songs are indexes into `paths`, so a long play history stays small. */
export interface UserData {
  format: typeof USER_DATA_FORMAT;
  savedAt: number;
  paths: string[];
  /** The settings row's JSON, as stored. */
  settings: string | null;
  folders: { path: string; addedAt: number }[];
  likes: [song: number, at: number][];
  blocked: [name: string, at: number][];
  playlists: { id: number; name: string; createdAt: number; updatedAt: number; songs: number[] }[];
  plays: [song: number, at: number, listenedSec: number, completed: number][];
  radios: { id: number; seed: string; seedSongs: number[]; options: string; createdAt: number; feedback: [song: number, kind: string, at: number][] }[];
}

/** What an apply brought back. */
export interface UserDataCounts {
  settings: boolean;
  folders: number;
  likes: number;
  blocked: number;
  playlists: number;
  playlistSongs: number;
  plays: number;
  feedback: number;
}

export function emptyUserData(savedAt = Date.now()): UserData {
  return { format: USER_DATA_FORMAT, savedAt, paths: [], settings: null, folders: [], likes: [], blocked: [], playlists: [], plays: [], radios: [] };
}

/** Builds a UserData while interning paths. */
class Builder {
  readonly data: UserData;
  private readonly index = new Map<string, number>();

  constructor(savedAt: number) {
    this.data = emptyUserData(savedAt);
  }

  song(path: string): number {
    let i = this.index.get(path);
    if (i === undefined) {
      i = this.data.paths.length;
      this.data.paths.push(path);
      this.index.set(path, i);
    }
    return i;
  }
}

function seedTrackIds(seed: string): number[] {
  try {
    const s = JSON.parse(seed) as { kind?: string; trackId?: number; trackIds?: number[] };
    return s.kind === 'track' && typeof s.trackId === 'number' ? [s.trackId] : s.kind === 'tracks' && Array.isArray(s.trackIds) ? s.trackIds : [];
  } catch {
    return [];
  }
}

/** The seed with its songs' ids as the library now numbers them (songs it lacks are left out). */
function remapSeed(seed: string, ids: number[]): string {
  try {
    const s = JSON.parse(seed) as { kind?: string };
    if (s.kind === 'track' && ids.length === 1) return JSON.stringify({ kind: 'track', trackId: ids[0] });
    if (s.kind === 'track' || s.kind === 'tracks') return JSON.stringify({ kind: 'tracks', trackIds: ids });
  } catch {
    // an unreadable seed is kept as it was; the radio it describes is history, not used again
  }
  return seed;
}

/**
 * The database's user data now, plus what still waits for its songs. A waiting playlist (restored with
 * songs missing) keeps its full list while the user has not edited it since.
 */
export function snapshotUserData(q: UserDataQueries, rows: UserDataRows, waiting: UserData | null, savedAt = Date.now()): UserData {
  const b = new Builder(savedAt);
  const d = b.data;
  d.settings = rows.settings;
  d.folders = rows.folders;
  d.likes = rows.likes.map((l) => [b.song(l.path), l.at]);
  d.blocked = rows.blocked.map((x) => [x.name, x.at]);
  const items = new Map<number, number[]>();
  for (const i of rows.playlistItems) items.set(i.playlistId, [...(items.get(i.playlistId) ?? []), b.song(i.path)]);
  d.playlists = rows.playlists.map((p) => ({ ...p, songs: items.get(p.id) ?? [] }));
  d.plays = rows.plays.map((p) => [b.song(p.path), p.at, p.listenedSec, p.completed]);
  const feedback = new Map<number, UserData['radios'][number]['feedback']>();
  for (const f of rows.feedback) feedback.set(f.radioId, [...(feedback.get(f.radioId) ?? []), [b.song(f.path), f.kind, f.at]]);
  d.radios = rows.radios.map((r) => ({
    ...r, seedSongs: seedTrackIds(r.seed).flatMap((id) => { const p = q.pathOf(id); return p === undefined ? [] : [b.song(p)]; }), feedback: feedback.get(r.id) ?? [],
  }));
  if (waiting) mergeWaiting(b, waiting);
  return d;
}

function mergeWaiting(b: Builder, w: UserData): void {
  const d = b.data;
  const song = (i: number) => b.song(w.paths[i]);
  // Loops, not push(...list): years of play history would overflow the argument stack.
  for (const [s, at] of w.likes) d.likes.push([song(s), at]);
  for (const [s, at, sec, c] of w.plays) d.plays.push([song(s), at, sec, c]);
  for (const p of w.playlists) {
    const at = d.playlists.findIndex((x) => x.id === p.id);
    if (at >= 0 && d.playlists[at].updatedAt === p.updatedAt) d.playlists[at] = { ...p, songs: p.songs.map(song) };
  }
  for (const r of w.radios) {
    const mine = d.radios.find((x) => x.id === r.id);
    const fb = r.feedback.map(([s, kind, at]): [number, string, number] => [song(s), kind, at]);
    if (mine) for (const f of fb) mine.feedback.push(f);
    else d.radios.push({ ...r, seedSongs: r.seedSongs.map(song), feedback: fb });
  }
}

/**
 * Writes `data` into the database: 'replace' after a restore (the file is newer than what was restored,
 * so its user data wins), 'add' for entries that were waiting for their songs. Returns what was brought
 * back and what still waits. Run it inside one transaction.
 */
export function applyUserData(q: UserDataQueries, data: UserData, mode: 'replace' | 'add'): { counts: UserDataCounts; waiting: UserData } {
  const counts: UserDataCounts = { settings: false, folders: 0, likes: 0, blocked: 0, playlists: 0, playlistSongs: 0, plays: 0, feedback: 0 };
  const waiting = new Builder(data.savedAt);
  const w = waiting.data;
  const ids = new Map<number, number | undefined>();
  const idOf = (song: number) => {
    if (!ids.has(song)) ids.set(song, q.trackIdOf(data.paths[song]));
    return ids.get(song);
  };
  if (mode === 'replace') {
    q.clearForRestore();
    if (data.settings !== null) {
      q.setSettingsJson(data.settings);
      counts.settings = true;
    }
    counts.folders = q.reconcileFolders(data.folders);
    for (const [name, at] of data.blocked) q.block(name, at);
    counts.blocked = data.blocked.length;
  }
  for (const [song, at] of data.likes) {
    const id = idOf(song);
    if (id === undefined) {
      w.likes.push([waiting.song(data.paths[song]), at]);
    } else {
      q.like(id, at);
      counts.likes++;
    }
  }
  for (const p of data.playlists) {
    if (mode === 'replace') q.insertPlaylist(p);
    else if (q.playlistUpdatedAt(p.id) !== p.updatedAt) continue; // edited or deleted since: the user's edit wins
    const present = p.songs.flatMap((s) => { const id = idOf(s); return id === undefined ? [] : [id]; });
    q.setPlaylistItems(p.id, present);
    if (mode === 'replace' && present.length > 0) counts.playlists++; // an empty one is reported as waiting
    counts.playlistSongs += present.length;
    if (present.length < p.songs.length) w.playlists.push({ ...p, songs: p.songs.map((s) => waiting.song(data.paths[s])) });
  }
  for (const [song, at, sec, completed] of data.plays) {
    const id = idOf(song);
    if (id === undefined) {
      w.plays.push([waiting.song(data.paths[song]), at, sec, completed]);
    } else {
      q.play(id, at, sec, completed);
      counts.plays++;
    }
  }
  for (const r of data.radios) {
    const seedIds = r.seedSongs.flatMap((s) => { const id = idOf(s); return id === undefined ? [] : [id]; });
    q.ensureRadio({ id: r.id, seed: remapSeed(r.seed, seedIds), options: r.options, createdAt: r.createdAt });
    const missing: UserData['radios'][number]['feedback'] = [];
    for (const [song, kind, at] of r.feedback) {
      const id = idOf(song);
      if (id === undefined) {
        missing.push([waiting.song(data.paths[song]), kind, at]);
      } else {
        q.feedback(r.id, id, kind, at);
        counts.feedback++;
      }
    }
    if (missing.length) w.radios.push({ ...r, seedSongs: r.seedSongs.map((s) => waiting.song(data.paths[s])), feedback: missing });
  }
  return { counts, waiting: w };
}

/** Whether anything waits for its songs. */
export function hasWaiting(w: UserData | null | undefined): w is UserData {
  return !!w && (w.likes.length + w.plays.length + w.playlists.length + w.radios.length) > 0;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "3 likes, 1 playlist (12 songs), 40 plays, 2 blocked artists and your settings" (or null: nothing). */
export function describeCounts(c: UserDataCounts): string | null {
  const parts = [
    c.folders ? plural(c.folders, 'music folder') : '',
    c.likes ? plural(c.likes, 'liked song') : '',
    c.playlists ? `${plural(c.playlists, 'playlist')} (${plural(c.playlistSongs, 'song')})` : c.playlistSongs ? `${plural(c.playlistSongs, 'playlist song')}` : '',
    c.plays ? plural(c.plays, 'play') + ' of listening history' : '',
    c.blocked ? plural(c.blocked, 'blocked artist') : '',
    c.feedback ? plural(c.feedback, 'radio skip') : '',
    c.settings ? 'your settings' : '',
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** "2 liked songs, 5 playlist songs, 3 plays" still waiting for their songs to be scanned (or null). */
export function describeWaiting(w: UserData): string | null {
  const playlistSongs = w.playlists.reduce((n, p) => n + p.songs.length, 0);
  const parts = [
    w.likes.length ? plural(w.likes.length, 'liked song') : '',
    w.playlists.length ? `${plural(w.playlists.length, 'playlist')} (${plural(playlistSongs, 'song')} in all)` : '',
    w.plays.length ? plural(w.plays.length, 'play') : '',
    w.radios.length ? plural(w.radios.reduce((n, r) => n + r.feedback.length, 0), 'radio skip') : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : null;
}

/** The parsed file, or the reason it cannot be used. */
export function parseUserData(text: string): UserData | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return `it is not readable JSON (${(error as Error).message})`;
  }
  const d = data as Partial<UserData>;
  if (typeof d !== 'object' || d === null || d.format !== USER_DATA_FORMAT) return 'it is not a Soundlike user-data file of a known format';
  const arrays = [d.paths, d.folders, d.likes, d.blocked, d.playlists, d.plays, d.radios];
  if (typeof d.savedAt !== 'number' || arrays.some((a) => !Array.isArray(a))) return 'it is incomplete';
  const paths = d.paths as unknown[];
  if (paths.some((p) => typeof p !== 'string')) return 'its song list is damaged';
  const song = (i: unknown) => Number.isInteger(i) && (i as number) >= 0 && (i as number) < paths.length;
  const ok = (d.likes as unknown[][]).every((l) => song(l[0]))
    && (d.plays as unknown[][]).every((p) => song(p[0]))
    && (d.playlists as UserData['playlists']).every((p) => Array.isArray(p.songs) && p.songs.every(song))
    && (d.radios as UserData['radios']).every((r) => Array.isArray(r.feedback) && Array.isArray(r.seedSongs) && r.feedback.every((f) => song(f[0])) && r.seedSongs.every(song));
  return ok ? (d as UserData) : 'it refers to songs it does not list';
}
