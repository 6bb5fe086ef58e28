/**
 * What counts as a playlist file to import, checked where the file is picked (the page, the CLI, the
 * desktop dialog) and again in main: an .m3u/.m3u8 name, a bounded size, and text that reads as a
 * playlist, so neither a path nor any other file's bytes can be passed off as one.
 */
import { SoundlikeError } from './errors';
import type { PlaylistFile } from './domain';

export const PLAYLIST_FILE_LIMITS = {
  /** 2 MiB: some 20,000 entries with long paths. */
  maxBytes: 2 * 1024 * 1024,
  /** A longer line is no path any file system takes. */
  maxLineChars: 8192,
  extensions: ['.m3u', '.m3u8'],
} as const;

const WHAT_TO_DO = 'Choose an .m3u or .m3u8 playlist file (VLC, foobar2000, Rhythmbox and Soundlike write them).';

/** A file name for an exported playlist: the name without characters file systems refuse, + .m3u8. */
export function m3uFileName(name: string): string {
  const printable = [...name].map((c) => (c.charCodeAt(0) < 32 ? ' ' : c)).join('');
  const safe = printable.replace(/[<>:"/\\|?*]+/g, ' ').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  return `${safe.slice(0, 120) || 'playlist'}.m3u8`;
}

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

/** Refuses a name that is not .m3u/.m3u8. */
export function checkPlaylistName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '') throw new SoundlikeError('INVALID_ARGUMENT', 'The playlist file has no name.', WHAT_TO_DO);
  const base = baseName(name.trim());
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 ? base.slice(dot).toLowerCase() : '';
  if (!(PLAYLIST_FILE_LIMITS.extensions as readonly string[]).includes(extension)) {
    throw new SoundlikeError('INVALID_ARGUMENT', `“${base}” is not a playlist file: Soundlike imports .m3u and .m3u8 files.`, WHAT_TO_DO);
  }
  return base;
}

function tooBig(name: string, bytes: number): SoundlikeError {
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return new SoundlikeError('INVALID_ARGUMENT', `“${name}” is ${mib(bytes)}, more than a playlist file can be (${mib(PLAYLIST_FILE_LIMITS.maxBytes)}).`, WHAT_TO_DO);
}

/** Refuses a size over the bound before anything is read. */
export function checkPlaylistSize(name: string, bytes: number): void {
  if (bytes > PLAYLIST_FILE_LIMITS.maxBytes) throw tooBig(name, bytes);
}

/** The text of a playlist file's bytes: UTF-8, or for .m3u (an older format) Windows-1252 when it is not UTF-8. */
export function decodePlaylistBytes(name: string, bytes: Uint8Array): string {
  checkPlaylistSize(name, bytes.byteLength);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    if (name.toLowerCase().endsWith('.m3u8')) {
      throw new SoundlikeError('INVALID_ARGUMENT', `“${name}” is not UTF-8 text, as an .m3u8 playlist must be.`, WHAT_TO_DO);
    }
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/**
 * The file as given, checked: a playlist name, a bounded size, and text with no control characters
 * (binary files have them) and no line too long to be a path or a stream address.
 */
export function checkPlaylistFile(file: unknown): PlaylistFile {
  if (typeof file !== 'object' || file === null || typeof (file as PlaylistFile).text !== 'string') {
    throw new SoundlikeError('INVALID_ARGUMENT', 'Give the playlist file’s name and text.', WHAT_TO_DO);
  }
  const name = checkPlaylistName((file as PlaylistFile).name);
  const { text } = file as PlaylistFile;
  // UTF-16 length bounds UTF-8 bytes from below: a quick refusal before the exact count.
  const bytes = text.length > PLAYLIST_FILE_LIMITS.maxBytes ? text.length : new TextEncoder().encode(text).byteLength;
  checkPlaylistSize(name, bytes);
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/.test(text.replace(/^\uFEFF/, ''))) {
    throw new SoundlikeError('INVALID_ARGUMENT', `“${name}” is not a text playlist (it holds binary data).`, WHAT_TO_DO);
  }
  if (text.split(/\r?\n/).some((line) => line.length > PLAYLIST_FILE_LIMITS.maxLineChars)) {
    throw new SoundlikeError('INVALID_ARGUMENT', `“${name}” has a line longer than any file path: it is not a playlist.`, WHAT_TO_DO);
  }
  return { name, text };
}
