/**
 * Turns a media request (a track id or a cover id) into an open file, serving only what the library
 * owns: a track's file must lie inside a library folder and still be the very file the scan read as
 * audio (links are followed, so a link re-pointed since must not serve its new target); a cover must be
 * one Soundlike extracted. Locating asks the database; opening (open-checked.ts) checks the file through
 * the open handle, so it cannot be swapped between the check and the read.
 */
import { join } from 'node:path';
import { audioMimeType } from '../../shared/audio-formats';
import { SoundlikeError } from '../../shared/errors';
import type { LibraryDb } from '../db/library-db';
import { isInside } from '../library/validate-folder';
import { openLocated, type LocatedMedia, type MediaFile, type MediaSource } from './open-checked';

export { fileIdOf, type MediaFile } from './open-checked';

const COVER_ID = /^[a-f0-9]{24}\.(jpg|png|gif|webp|bmp)$/;
const COVER_MIME: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', bmp: 'image/bmp' };

export class MediaFiles implements MediaSource {
  constructor(private readonly db: LibraryDb, private readonly coversDir: string) {}

  /** Where a track's file is and what the scan recorded of it; refused outside the library's folders. */
  locateTrack(trackId: number): LocatedMedia {
    const track = Number.isInteger(trackId) ? this.db.tracks.fileIdentity(trackId) : null;
    if (!track) throw new SoundlikeError('UNKNOWN_TRACK', `No track has id ${trackId}.`);
    const folders = this.db.folders.paths();
    if (!folders.some((f) => isInside(f.path, track.path))) {
      throw new SoundlikeError('UNKNOWN_TRACK', 'That file is not inside a library folder.');
    }
    return {
      kind: 'track', path: track.path, title: track.title, mimeType: audioMimeType(track.path),
      scanned: { fileId: track.fileId, size: track.size, mtimeMs: track.mtimeMs },
    };
  }

  /** Where an extracted cover is; only ids of the shape Soundlike writes are accepted. */
  locateCover(coverId: string): LocatedMedia {
    const match = COVER_ID.exec(coverId);
    if (!match) throw new SoundlikeError('INVALID_ARGUMENT', 'Not a cover id.');
    return { kind: 'cover', path: join(this.coversDir, coverId), mimeType: COVER_MIME[match[1]] };
  }

  async track(trackId: number): Promise<MediaFile> {
    return openLocated(this.locateTrack(trackId));
  }

  async cover(coverId: string): Promise<MediaFile> {
    return openLocated(this.locateCover(coverId));
  }
}
