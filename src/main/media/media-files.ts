/**
 * Turns a media request (a track id or a cover id) into a file on disk, serving only what the library
 * owns: a track's file must lie inside a library folder, a cover must be one Soundlike extracted.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { audioMimeType } from '../../shared/audio-formats';
import { SoundlikeError } from '../../shared/errors';
import type { LibraryDb } from '../db/library-db';
import { isInside } from '../library/validate-folder';

export interface MediaFile {
  path: string;
  size: number;
  mimeType: string;
}

const COVER_ID = /^[a-f0-9]{24}\.(jpg|png|gif|webp|bmp)$/;
const COVER_MIME: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', bmp: 'image/bmp' };

export class MediaFiles {
  constructor(private readonly db: LibraryDb, private readonly coversDir: string) {}

  async track(trackId: number): Promise<MediaFile> {
    const track = Number.isInteger(trackId) ? this.db.tracks.byId(trackId) : null;
    if (!track) throw new SoundlikeError('UNKNOWN_TRACK', `No track has id ${trackId}.`);
    const folders = this.db.folders.paths();
    if (!folders.some((f) => isInside(f.path, track.path))) {
      throw new SoundlikeError('UNKNOWN_TRACK', 'That file is not inside a library folder.');
    }
    try {
      const info = await stat(track.path);
      return { path: track.path, size: info.size, mimeType: audioMimeType(track.path) };
    } catch {
      throw new SoundlikeError('TRACK_FILE_MISSING', `The file of "${track.title}" is missing: ${track.path}.`,
        'Reconnect its drive or folder, or rescan the library.');
    }
  }

  async cover(coverId: string): Promise<MediaFile> {
    const match = COVER_ID.exec(coverId);
    if (!match) throw new SoundlikeError('INVALID_ARGUMENT', 'Not a cover id.');
    const path = join(this.coversDir, coverId);
    try {
      const info = await stat(path);
      return { path, size: info.size, mimeType: COVER_MIME[match[1]] };
    } catch {
      throw new SoundlikeError('INVALID_ARGUMENT', 'That cover is not stored; rescan to extract it again.');
    }
  }
}
