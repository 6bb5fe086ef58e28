/**
 * A first scan of a folder holding every readable format, tagged and untagged, and every kind of broken
 * input: real ffmpeg clips, real SQLite, real music-metadata.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanProgress, ScanSummary, Track } from '../../src/shared/domain';
import type { Services } from '../../src/main/services';
import { AUDIO_FORMATS, COVER_FORMATS, generateClipCache, isRoot, makeBrokenInputs, makeTempDir, place, tagsFor,
  type BrokenInputs, type ClipCache, type TempDir } from '../helpers/audio';
import { openServices, record } from '../helpers/services';

const EXPECTED_CODEC: Record<string, RegExp> = {
  mp3: /MPEG 1 Layer 3/, flac: /FLAC/, ogg: /Vorbis/, opus: /Opus/, m4a: /AAC/, wav: /PCM/,
};

describe('library scan of every format and every broken input', () => {
  let cache: ClipCache;
  let tmp: TempDir;
  let services: Services;
  let music: string;
  let broken: BrokenInputs;
  let summary: ScanSummary;
  let tracks: Track[];
  let progress: ScanProgress[];

  beforeAll(async () => {
    cache = await generateClipCache(2);
    tmp = makeTempDir();
    music = tmp.at('music');
    for (const format of AUDIO_FORMATS) {
      place(cache.tagged[format], join(music, 'tagged', `song.${format}`));
      place(cache.untagged[format], join(music, 'plain', `Plain ${format} file.${format}`));
    }
    broken = makeBrokenInputs(join(music, 'broken'), cache);
    services = await openServices(tmp.at('data'));
    const recorder = record(services.api.library.onDidScanProgress);
    summary = (await services.api.library.addFolderAndScan(music)).summary;
    recorder.stop();
    progress = recorder.payloads;
    tracks = await services.api.library.listTracks();
  });

  afterAll(async () => {
    await services?.dispose();
    tmp?.cleanup();
    cache?.cleanup();
  });

  const byPath = (path: string) => {
    const track = tracks.find((t) => t.path === path);
    if (!track) throw new Error(`no track for ${path}; have ${tracks.map((t) => t.path).join(', ')}`);
    return track;
  };

  it('reports exact counts: every good file added, every broken one failed', () => {
    // 6 tagged + 6 untagged + the track inside the folder named x.mp3 (+ the chmod 000 file root can read).
    const good = 13 + (isRoot ? 1 : 0);
    const bad = 4 + (isRoot ? 0 : 1);
    expect(summary).toMatchObject({ added: good, updated: 0, removed: 0, moved: 0, failed: bad });
    expect(summary.failures).toHaveLength(bad);
    expect(tracks).toHaveLength(good);
  });

  it.each(AUDIO_FORMATS)('reads the tags and technical facts of a tagged %s', (format) => {
    const track = byPath(join(music, 'tagged', `song.${format}`));
    const tags = tagsFor(format);
    expect(track.title).toBe(tags.title);
    expect(track.artist).toBe(tags.artist);
    expect(track.album).toBe(tags.album);
    expect(track.genre).toBe(tags.genre);
    expect(track.year).toBe(tags.year);
    expect(track.trackNo).toBe(tags.track);
    if (format === 'wav') {
      // RIFF INFO has no album-artist or disc fields; ffmpeg cannot write them.
      expect(track.albumArtist).toBeNull();
      expect(track.discNo).toBeNull();
    } else {
      expect(track.albumArtist).toBe(tags.albumArtist);
      expect(track.discNo).toBe(tags.disc);
    }
    expect(track.durationSec).toBeGreaterThan(cache.seconds - 0.1);
    expect(track.durationSec).toBeLessThan(cache.seconds + 0.15);
    expect(track.codec).toMatch(EXPECTED_CODEC[format]);
    expect(track.sampleRate).toBe(format === 'opus' ? 48000 : 44100);
    expect(track.bitrate).toBeGreaterThan(0);
    expect(track.size).toBe(statSync(track.path).size);
    expect(track.available).toBe(true);
  });

  it('stores a sane bitrate: within a factor of two of size / duration for constant-rate files', () => {
    // A player shows this number; it must describe the file, not a header field misread.
    for (const format of ['mp3', 'opus', 'm4a', 'wav'] as const) {
      const track = byPath(join(music, 'tagged', `song.${format}`));
      const fromSize = (track.size * 8) / (track.durationSec ?? 1);
      expect.soft(track.bitrate, `${format}: stored ${track.bitrate}, file averages ${Math.round(fromSize)} bit/s`)
        .toBeGreaterThan(fromSize / 2);
      expect.soft(track.bitrate, format).toBeLessThan(fromSize * 2);
    }
  });

  it.each(AUDIO_FORMATS)('saves the embedded cover of a %s (when the format carries one) under <data>/covers', async (format) => {
    const track = byPath(join(music, 'tagged', `song.${format}`));
    if (!COVER_FORMATS.includes(format)) {
      expect(track.coverId).toBeNull();
      return;
    }
    expect(track.coverId).toMatch(/^[a-f0-9]{24}\.(jpg|png)$/);
    const file = join(services.paths.covers, track.coverId as string);
    expect(existsSync(file)).toBe(true);
    const bytes = readFileSync(file);
    // Real pictures: JPEG starts FF D8, PNG starts 89 'PNG'.
    expect(bytes.subarray(0, 2).equals(Buffer.from([0xff, 0xd8])) || bytes.subarray(1, 4).toString() === 'PNG').toBe(true);
    const media = await services.media.cover(track.coverId as string);
    expect(media.mimeType).toMatch(/^image\/(jpeg|png)$/);
  });

  it.each(AUDIO_FORMATS)('titles an untagged %s from its file name, its folder as album, and leaves the other tags empty', (format) => {
    const track = byPath(join(music, 'plain', `Plain ${format} file.${format}`));
    expect(track.title).toBe(`Plain ${format} file`);
    expect(track).toMatchObject({ artist: null, album: 'plain', albumArtist: null, trackNo: null, discNo: null, year: null, genre: null, coverId: null });
    expect(track.durationSec).toBeCloseTo(cache.seconds, 0);
  });

  it('walks a folder named x.mp3 instead of treating it as a file', () => {
    expect(byPath(broken.trackInsideFolderNamedMp3).title).toBe('inside');
    expect(summary.failures.map((f) => f.path)).not.toContain(broken.folderNamedMp3);
  });

  it('records each broken input with a reason that says what is wrong', async () => {
    const failures = await services.api.library.listScanFailures();
    const reason = (path: string) => {
      const failure = failures.find((f) => f.path === path);
      if (!failure) throw new Error(`${path} is not a recorded failure; have ${JSON.stringify(failures)}`);
      return failure.reason;
    };
    expect(reason(broken.empty)).toMatch(/empty|0 bytes/i);
    expect(reason(broken.truncated)).toMatch(/truncated/i);
    expect(reason(broken.randomBytes)).toMatch(/no audio|not a readable audio/i);
    expect(reason(broken.dangling)).toMatch(/link|does not exist/i);
    if (isRoot) {
      // Root reads a chmod 000 file anyway: it is simply a track.
      expect(failures.map((f) => f.path)).not.toContain(broken.unreadable);
      expect(byPath(broken.unreadable).codec).toMatch(/PCM/);
    } else {
      expect(reason(broken.unreadable)).toMatch(/permission/i);
    }
    expect(failures.map((f) => f.path).sort()).toEqual(summary.failures.map((f) => f.path).sort());
    for (const failure of failures) expect(failure.at).toBeGreaterThan(0);
  });

  it('never lists a broken input as a track', () => {
    const paths = new Set(tracks.map((t) => t.path));
    for (const path of [broken.empty, broken.truncated, broken.randomBytes, broken.dangling, broken.folderNamedMp3]) {
      expect(paths.has(path)).toBe(false);
    }
  });

  it('reports progress ending with exactly one final tick that matches the summary', () => {
    expect(progress.length).toBeGreaterThan(0);
    const last = progress[progress.length - 1];
    expect(last).toMatchObject({ final: true, phase: 'done', added: summary.added, failed: summary.failed });
    expect(progress.filter((p) => p.final)).toHaveLength(1);
    expect(last.done).toBe(last.total);
  });

  it('getScanProgress reports the final tick once the scan is over', async () => {
    expect(await services.api.library.getScanProgress()).toEqual(progress[progress.length - 1]);
  });

  it('counts the folder tracks and records when it was scanned', async () => {
    const [folder] = await services.api.library.listFolders();
    expect(folder).toMatchObject({ path: music, status: 'ok', statusMessage: null, trackCount: tracks.length, watching: false });
    expect(folder.lastScanAt).toBeGreaterThan(0);
  });

  it('gets one track by id and rejects an unknown id with UNKNOWN_TRACK', async () => {
    const first = tracks[0];
    expect(await services.api.library.getTrack(first.id)).toEqual(first);
    await expect(services.api.library.getTrack(987654)).rejects.toMatchObject({ code: 'UNKNOWN_TRACK' });
  });
});
