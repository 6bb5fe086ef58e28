/**
 * Reads one audio file's tags with music-metadata and saves its cover picture (content-addressed, so an
 * album's tracks share one file). What the bytes are is checked first (audio-check.ts): a file named
 * for one format but holding another is read as what it holds, and bytes that are no audio at all are
 * refused. Throws a plain Error whose message says, in words, why a file is unusable. A file without a
 * title tag is named from its file name (file-title.ts) and, lacking an album, takes its folder's name.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join } from 'node:path';
import type { TrackFields } from '../db/queries/tracks';
import { containerKind, KIND_MIME, MIN_DECODED_SEC, probeDecode, sniffAudioFile, type AudioKind } from './audio-check';
import { factsFromFileName } from './file-title';

type MusicMetadata = typeof import('music-metadata');
let reader: Promise<MusicMetadata> | null = null;
// music-metadata 11 is ESM-only; a dynamic import keeps this module loadable from any bundle format.
const loadReader = (): Promise<MusicMetadata> => (reader ??= import('music-metadata'));

/** The reader's version, stored with each failure so an upgrade can retry what it might now read. */
export const READER_VERSION: string = (() => {
  try {
    const require = createRequire(import.meta.url);
    let dir = dirname(require.resolve('music-metadata'));
    while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
    return `music-metadata@${(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version}`;
  } catch {
    return 'music-metadata@unknown';
  }
})();

const MIN_BYTES_PER_SECOND = 500;

const PICTURE_EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/jpg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp', 'image/bmp': 'bmp' };

function firstNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function text(value: string | undefined | null): string | null {
  const trimmed = value?.replace(/\0/g, '').trim();
  return trimmed ? trimmed : null;
}

async function saveCover(coversDir: string, picture: { format: string; data: Uint8Array }): Promise<string | null> {
  const ext = PICTURE_EXTENSIONS[picture.format.toLowerCase()] ?? (picture.format.startsWith('image/') ? picture.format.slice(6) : null);
  if (!ext || picture.data.length === 0) return null;
  const id = `${createHash('sha1').update(picture.data).digest('hex').slice(0, 24)}.${ext}`;
  const file = join(coversDir, id);
  if (!existsSync(file)) {
    await mkdir(coversDir, { recursive: true });
    await writeFile(file, picture.data);
  }
  return id;
}

/** Picture files players conventionally keep beside an album's tracks. */
const FOLDER_COVER_NAMES = ['cover.jpg', 'cover.png', 'folder.jpg', 'folder.png', 'front.jpg', 'front.png', 'album.jpg'];
const MIME_BY_EXT: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png' };
/** covers dir + folder -> cover id, so an album's tracks hash its picture once per scan (cleared per scan). */
const folderCoverCache = new Map<string, Promise<string | null>>();

function folderCover(dir: string, coversDir: string): Promise<string | null> {
  const key = `${coversDir}\u0000${dir}`;
  let found = folderCoverCache.get(key);
  if (!found) {
    found = (async () => {
      for (const name of FOLDER_COVER_NAMES) {
        try {
          const data = await readFile(join(dir, name));
          return await saveCover(coversDir, { format: MIME_BY_EXT[name.split('.').pop() as string], data });
        } catch {
          // not there: try the next name
        }
      }
      return null;
    })();
    if (folderCoverCache.size > 256) folderCoverCache.clear();
    folderCoverCache.set(key, found);
  }
  return found;
}

const FINGERPRINT_SPAN = 64 * 1024;

/** Hash of the file's first and last 64 KiB and its size: the same content moved anywhere matches. */
export async function fileFingerprint(path: string, size: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const hash = createHash('sha1');
    const head = Buffer.alloc(Math.min(FINGERPRINT_SPAN, size));
    await handle.read(head, 0, head.length, 0);
    hash.update(head);
    if (size > FINGERPRINT_SPAN) {
      const tail = Buffer.alloc(Math.min(FINGERPRINT_SPAN, size - FINGERPRINT_SPAN));
      await handle.read(tail, 0, tail.length, size - tail.length);
      hash.update(tail);
    }
    return `${size.toString(36)}-${hash.digest('hex').slice(0, 24)}`;
  } finally {
    await handle.close();
  }
}

/** Forgets folder pictures seen before (each scan looks again: a cover.jpg may have been added). */
export function forgetFolderCovers(): void {
  folderCoverCache.clear();
}

type Metadata = Awaited<ReturnType<MusicMetadata['parseFile']>>;

class UndecodableError extends Error {}

/** Bytes no container check recognised must decode; an ffmpeg that was killed or cannot run proves nothing. */
async function requireDecodable(ffmpeg: string, path: string): Promise<void> {
  const probe = await probeDecode(ffmpeg, path);
  if (probe.decodedSec >= MIN_DECODED_SEC || probe.inconclusive) return;
  throw new UndecodableError(`No audio could be decoded from it${probe.error ? ` (ffmpeg: ${probe.error})` : ''}; it is damaged, or not audio at all.`);
}

/**
 * Parses by file name, as the reader does; when the bytes are plainly another kind (a FLAC named .mp3),
 * parses again as what they are.
 */
async function parseAs(path: string, size: number, kind: AudioKind | null): Promise<Metadata> {
  const { parseFile, parseStream } = await loadReader();
  const meta = await parseFile(path, { duration: false, skipCovers: false });
  if (kind && containerKind(meta.format.container) !== kind) {
    const stream = createReadStream(path);
    try {
      return await parseStream(stream, { mimeType: KIND_MIME[kind], size }, { duration: true, skipCovers: false });
    } finally {
      stream.destroy();
    }
  }
  // Ogg/Opus (and MP3s without a Xing header) state no length up front: then read the whole file.
  if (!meta.format.duration) return parseFile(path, { duration: true, skipCovers: false });
  return meta;
}

/**
 * Reads tags and technical facts of one audio file; `size`/`mtimeMs` come from the caller's stat. With
 * `ffmpeg`, bytes that no container check recognises must decode to be listed.
 */
export async function readTrackFields(path: string, size: number, mtimeMs: number, coversDir: string, ffmpeg: string | null = null): Promise<TrackFields> {
  if (size === 0) throw new Error('The file is empty (0 bytes).');
  let meta: Metadata;
  try {
    const kind = await sniffAudioFile(path);
    if (!kind && ffmpeg) await requireDecodable(ffmpeg, path);
    meta = await parseAs(path, size, kind);
  } catch (error) {
    if (error instanceof UndecodableError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw new Error('Permission denied: Soundlike may not read this file.');
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Not a readable audio file: ${message}`);
  }
  const { format, common } = meta;
  const hasAudio = Boolean(format.codec || format.container) && (format.duration ?? 0) > 0;
  if (!hasAudio) {
    throw new Error(`No audio found in the file (container: ${format.container ?? 'unknown'}); it may be damaged, truncated or not audio at all.`);
  }
  // Headers can survive truncation and still claim the full length: no codec packs audio below
  // ~4 kbit/s (500 bytes per second), so a file smaller than that for its stated duration lost its audio.
  if ((format.duration ?? 0) * MIN_BYTES_PER_SECOND > size) {
    throw new Error(`The file is truncated: its header says ${format.duration?.toFixed(1)} s of audio, but it holds only ${size} bytes.`);
  }
  const picture = common.picture?.[0];
  const tagTitle = text(common.title);
  // A file without a title tag is named by its file name (cleaned) and, lacking an album, its folder.
  const named = tagTitle ? null : factsFromFileName(basename(path, extname(path)));
  return {
    path,
    size,
    mtimeMs,
    title: tagTitle ?? named?.title ?? basename(path),
    artist: text(common.artist) ?? text(common.artists?.join(', ')) ?? named?.artist ?? null,
    album: text(common.album) ?? (named ? text(basename(dirname(path))) : null),
    albumArtist: text(common.albumartist),
    trackNo: firstNumber(common.track?.no) ?? named?.trackNo ?? null,
    discNo: firstNumber(common.disk?.no) ?? named?.discNo ?? null,
    year: firstNumber(common.year),
    genre: text(common.genre?.join(', ')),
    durationSec: firstNumber(format.duration),
    codec: text(format.codec) ?? text(format.container),
    sampleRate: firstNumber(format.sampleRate),
    bitrate: firstNumber(format.bitrate) === null ? null : Math.round(format.bitrate as number),
    coverId: picture ? await saveCover(coversDir, picture) : await folderCover(dirname(path), coversDir),
    replayGainTrackDb: firstNumber(common.replaygain_track_gain?.dB),
    replayGainAlbumDb: firstNumber(common.replaygain_album_gain?.dB),
    fingerprint: await fileFingerprint(path, size),
  };
}
