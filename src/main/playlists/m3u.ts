/**
 * M3U / M3U8 playlists: reading entries (paths relative to the playlist file, absolute paths, file://
 * URLs; comments and #EXTINF lines skipped) and writing extended M3U with #EXTINF.
 */
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ParsedEntry {
  /** The line as written in the file. */
  entry: string;
  /** The file it names, when that is known: absolute, file://, or relative to a known playlist folder. */
  path: string | null;
  /** A relative entry whose playlist folder is unknown (a file picked in a browser): matched by its tail. */
  relative: string | null;
}

/**
 * The entries of an M3U text. Relative entries resolve against the playlist file's folder when it is
 * known (`playlistPath`); for a file that came without a path they are kept as `relative`.
 */
export function parseM3u(text: string, playlistPath: string | null): ParsedEntry[] {
  const base = playlistPath ? dirname(resolve(playlistPath)) : null;
  return text.replace(/^\uFEFF/, '').split(/\r?\n/).map((line) => line.trim()).filter((line) => line && !line.startsWith('#')).map((entry) => {
    if (/^file:\/\//i.test(entry)) {
      try {
        return { entry, path: fileURLToPath(entry), relative: null };
      } catch {
        return { entry, path: null, relative: null };
      }
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry)) return { entry, path: null, relative: null }; // a stream URL: not a library file
    const local = entry.replace(/\\/g, sep === '\\' ? '\\' : '/');
    if (isAbsolute(local)) return { entry, path: resolve(local), relative: null };
    return base ? { entry, path: resolve(base, local), relative: null } : { entry, path: null, relative: local };
  });
}

export interface M3uEntry {
  path: string;
  durationSec: number | null;
  artist: string | null;
  title: string;
}

/** Extended M3U; paths relative to the file's folder when they lie below it, else absolute. */
export function formatM3u(entries: M3uEntry[], playlistPath: string | null): string {
  const base = playlistPath ? dirname(resolve(playlistPath)) : null;
  const lines = ['#EXTM3U'];
  for (const e of entries) {
    const seconds = e.durationSec === null ? -1 : Math.round(e.durationSec);
    lines.push(`#EXTINF:${seconds},${e.artist ? `${e.artist} - ` : ''}${e.title.replace(/[\r\n]+/g, ' ')}`);
    const rel = base ? relative(base, e.path) : null;
    lines.push(rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : e.path);
  }
  return `${lines.join('\n')}\n`;
}
