/**
 * Opening a media file the library located, checked through the open handle so it cannot be swapped
 * between the check and the read. Split from MediaFiles (which asks the database where a file is) so the
 * Electron main process can open what the service host located without loading the database.
 */
import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { SoundlikeError } from '../../shared/errors';

/** An open media file. Read it with stream() (which closes it when done) or give it back with close(). */
export interface MediaFile {
  path: string;
  size: number;
  mimeType: string;
  /** Bytes start..end (inclusive) of the checked file; the handle closes when the stream ends. */
  stream(start: number, end: number): Readable;
  /** Closes the file when nothing is read from it (HEAD, an unsatisfiable range, an empty file). */
  close(): void;
}

/** Where media requests are answered: MediaFiles in the services' process, a relay to it elsewhere. */
export interface MediaSource {
  track(trackId: number): Promise<MediaFile>;
  cover(coverId: string): Promise<MediaFile>;
}

/** What a scan recorded of a track's file: its identity is checked again on the open handle. */
export interface ScannedIdentity {
  fileId: string | null;
  size: number;
  mtimeMs: number;
}

/** A file the library owns and may serve (plain data: it crosses from the service host to main). */
export type LocatedMedia =
  | { kind: 'track'; path: string; title: string; mimeType: string; scanned: ScannedIdentity }
  | { kind: 'cover'; path: string; mimeType: string };

/** Non-blocking, so a path re-pointed at a FIFO cannot hang the open (it is then refused as not a file). */
const READ_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

/** The identity a scan records for a file: `stat` of the path, so of a link's target. */
export function fileIdOf(info: Pick<Stats, 'dev' | 'ino'>): string {
  return `${info.dev}:${info.ino}`;
}

/** True while the open file is the one the scan recorded (rows from before identities: size and mtime). */
function isScannedFile(info: Stats, scanned: ScannedIdentity): boolean {
  if (scanned.fileId !== null && fileIdOf(info) !== scanned.fileId) return false;
  return info.size === scanned.size && Math.abs(Math.round(info.mtimeMs) - scanned.mtimeMs) < 1;
}

function mediaFile(handle: FileHandle, path: string, size: number, mimeType: string): MediaFile {
  let taken = false;
  return {
    path,
    size,
    mimeType,
    stream(start, end) {
      taken = true;
      return handle.createReadStream({ start, end, autoClose: true });
    },
    close() {
      if (!taken) void handle.close().catch(() => undefined);
      taken = true;
    },
  };
}

function missing(located: LocatedMedia): SoundlikeError {
  return located.kind === 'track'
    ? new SoundlikeError('TRACK_FILE_MISSING', `The file of "${located.title}" is missing: ${located.path}.`, 'Reconnect its drive or folder, or rescan the library.')
    : new SoundlikeError('INVALID_ARGUMENT', 'That cover is not stored; rescan to extract it again.');
}

/** Opens a located file and checks, on the handle, that it is a plain file and (a track) the scanned one. */
export async function openLocated(located: LocatedMedia): Promise<MediaFile> {
  let handle: FileHandle;
  try {
    handle = await open(located.path, READ_FLAGS);
  } catch {
    throw missing(located);
  }
  try {
    const info = await handle.stat();
    if (located.kind === 'track' && (!info.isFile() || !isScannedFile(info, located.scanned))) {
      throw new SoundlikeError('TRACK_FILE_MISSING',
        `The file of "${located.title}" is not the one the library read (it changed, or a link now points to another file): ${located.path}.`,
        'Rescan the library: if it is audio, it plays again.');
    }
    return mediaFile(handle, located.path, info.size, located.mimeType);
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}
