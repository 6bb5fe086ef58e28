/**
 * Turns a media request (a track id or a cover id) into an open file, serving only what the library
 * owns: a track's file must lie inside a library folder and still be the very file the scan read as
 * audio (links are followed, so a link re-pointed since must not serve its new target); a cover must be
 * one Soundlike extracted. The file is opened first and checked through the open handle, so it cannot
 * be swapped between the check and the read.
 */
import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { audioMimeType } from '../../shared/audio-formats';
import { SoundlikeError } from '../../shared/errors';
import type { LibraryDb } from '../db/library-db';
import type { FileIdentity } from '../db/queries/tracks';
import { isInside } from '../library/validate-folder';

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

/** Non-blocking, so a path re-pointed at a FIFO cannot hang the open (it is then refused as not a file). */
const READ_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

const COVER_ID = /^[a-f0-9]{24}\.(jpg|png|gif|webp|bmp)$/;
const COVER_MIME: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', bmp: 'image/bmp' };

/** The identity a scan records for a file: `stat` of the path, so of a link's target. */
export function fileIdOf(info: Pick<Stats, 'dev' | 'ino'>): string {
  return `${info.dev}:${info.ino}`;
}

/** True while the open file is the one the scan recorded (rows from before identities: size and mtime). */
function isScannedFile(info: Stats, scanned: FileIdentity): boolean {
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

export class MediaFiles {
  constructor(private readonly db: LibraryDb, private readonly coversDir: string) {}

  async track(trackId: number): Promise<MediaFile> {
    const track = Number.isInteger(trackId) ? this.db.tracks.fileIdentity(trackId) : null;
    if (!track) throw new SoundlikeError('UNKNOWN_TRACK', `No track has id ${trackId}.`);
    const folders = this.db.folders.paths();
    if (!folders.some((f) => isInside(f.path, track.path))) {
      throw new SoundlikeError('UNKNOWN_TRACK', 'That file is not inside a library folder.');
    }
    let handle: FileHandle;
    try {
      handle = await open(track.path, READ_FLAGS);
    } catch {
      throw new SoundlikeError('TRACK_FILE_MISSING', `The file of "${track.title}" is missing: ${track.path}.`,
        'Reconnect its drive or folder, or rescan the library.');
    }
    try {
      const info = await handle.stat();
      if (!info.isFile() || !isScannedFile(info, track)) {
        throw new SoundlikeError('TRACK_FILE_MISSING',
          `The file of "${track.title}" is not the one the library read (it changed, or a link now points to another file): ${track.path}.`,
          'Rescan the library: if it is audio, it plays again.');
      }
      return mediaFile(handle, track.path, info.size, audioMimeType(track.path));
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
  }

  async cover(coverId: string): Promise<MediaFile> {
    const match = COVER_ID.exec(coverId);
    if (!match) throw new SoundlikeError('INVALID_ARGUMENT', 'Not a cover id.');
    const path = join(this.coversDir, coverId);
    let handle: FileHandle;
    try {
      handle = await open(path, READ_FLAGS);
    } catch {
      throw new SoundlikeError('INVALID_ARGUMENT', 'That cover is not stored; rescan to extract it again.');
    }
    try {
      return mediaFile(handle, path, (await handle.stat()).size, COVER_MIME[match[1]]);
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
  }
}
