/**
 * Reading a playlist file the user named on this computer (the CLI's argument, the desktop open
 * dialog's answer) and matching a playlist's entries to library tracks.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { PlaylistFile } from '../../shared/domain';
import { SoundlikeError } from '../../shared/errors';
import { checkPlaylistFile, checkPlaylistName, checkPlaylistSize, decodePlaylistBytes } from '../../shared/playlist-file';
import type { ParsedEntry } from './m3u';

/** The checked playlist file at `path` (name, size and content as for a file picked in a page). */
export async function readPlaylistPath(path: string): Promise<PlaylistFile & { path: string }> {
  if (typeof path !== 'string' || path.trim() === '') throw new SoundlikeError('INVALID_ARGUMENT', 'Give the path of an .m3u or .m3u8 file.');
  const file = resolve(path.trim());
  const name = checkPlaylistName(basename(file));
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new SoundlikeError('INVALID_ARGUMENT', `${file} is not a file.`, 'Choose an .m3u or .m3u8 playlist file.');
    checkPlaylistSize(name, info.size);
    bytes = await readFile(file);
  } catch (error) {
    if (error instanceof SoundlikeError) throw error;
    throw new SoundlikeError('INVALID_ARGUMENT', `Cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, 'Check the path of the playlist file.');
  }
  return { ...checkPlaylistFile({ name, text: decodePlaylistBytes(name, bytes) }), path: file };
}

/** `a/./b/c.mp3` -> `a/b/c.mp3`; null when it climbs (`..`), which no tail of a library path can match. */
function normalTail(relative: string): string | null {
  const parts = relative.split('/').filter((part) => part !== '' && part !== '.');
  return parts.length === 0 || parts.includes('..') ? null : parts.join('/');
}

/**
 * Track ids for a playlist's entries, in order: by exact path, or, for a relative entry of a file that
 * came without its folder, the one library file whose path ends with it (none or several: missing).
 */
export function matchEntries(entries: ParsedEntry[], tracks: Array<{ id: number; path: string }>): { trackIds: number[]; missing: string[] } {
  const byPath = new Map(tracks.map((t) => [t.path, t.id]));
  const byName = new Map<string, Array<{ id: number; path: string }>>();
  for (const t of tracks) {
    const name = basename(t.path);
    const same = byName.get(name);
    if (same) same.push(t);
    else byName.set(name, [t]);
  }
  const trackIds: number[] = [];
  const missing: string[] = [];
  for (const { entry, path, relative } of entries) {
    let id = path ? byPath.get(path) : undefined;
    const tail = relative === null ? null : normalTail(relative);
    if (tail !== null) {
      const found = (byName.get(basename(tail)) ?? []).filter((t) => t.path.endsWith(`/${tail}`) || t.path.endsWith(`\\${tail.replace(/\//g, '\\')}`));
      if (found.length === 1) id = found[0].id;
    }
    if (id === undefined) missing.push(entry);
    else trackIds.push(id);
  }
  return { trackIds, missing };
}
