/** Track factory for the lib unit tests (not shipped: only *.test.ts import it). */
import type { Track } from '../../../shared/domain';

let nextId = 1;

export function makeTrack(fields: Partial<Track> = {}): Track {
  const id = fields.id ?? nextId++;
  return {
    id,
    folderId: 1,
    path: `/music/${id}.mp3`,
    size: 1000,
    mtimeMs: 0,
    title: `Track ${id}`,
    artist: null,
    album: null,
    albumArtist: null,
    trackNo: null,
    discNo: null,
    year: null,
    genre: null,
    durationSec: null,
    codec: null,
    sampleRate: null,
    bitrate: null,
    coverId: null,
    replayGainTrackDb: null,
    replayGainAlbumDb: null,
    addedAt: 0,
    available: true,
    ...fields,
  };
}
