/**
 * The user's own data (likes, playlists, plays, blocked artists, radio feedback, settings) survives any
 * one damaged file: user-data.json follows each change, a restore brings it back and says so, and what
 * a restore could not place yet comes back when a scan finds its songs. Real SQLite, real audio files.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/main/services';
import { generateClipCache, makeTempDir, place, type ClipCache, type TempDir } from '../helpers/audio';
import { openServices } from '../helpers/services';

async function until(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Likes, a playlist, plays, a blocked artist and settings, made through the services as a user would. */
async function makeUserData(services: Services): Promise<{ liked: string; playlist: string[] }> {
  const tracks = (await services.api.library.listTracks()).sort((a, b) => a.path.localeCompare(b.path));
  await services.api.library.setLiked(tracks[1].id, true);
  await services.api.playlists.createPlaylist('Evening', [tracks[2].id, tracks[0].id]);
  await services.api.playback.recordPlay({ trackId: tracks[0].id, listenedSec: 1, completed: true });
  await services.api.playback.recordPlay({ trackId: tracks[2].id, listenedSec: 0.5, completed: false });
  await services.api.radio.setArtistBlocked('Nobody Band', true);
  await services.api.settings.updateSettings({ volume: 0.25, replayGain: 'album' });
  return { liked: tracks[1].path, playlist: [tracks[2].path, tracks[0].path] };
}

async function expectUserData(services: Services, made: { liked: string; playlist: string[] }): Promise<void> {
  const tracks = await services.api.library.listTracks();
  const pathOf = new Map(tracks.map((t) => [t.id, t.path]));
  expect((await services.api.library.listLiked()).map((id) => pathOf.get(id))).toEqual([made.liked]);
  const [summary] = await services.api.playlists.listPlaylists();
  expect(summary?.name).toBe('Evening');
  expect((await services.api.playlists.getPlaylist(summary.id)).trackIds.map((id) => pathOf.get(id))).toEqual(made.playlist);
  expect(await services.api.radio.listBlockedArtists()).toEqual(['Nobody Band']);
  expect((await services.api.settings.getSettings()).volume).toBe(0.25);
  expect(services.db.plays.countForTrack(tracks.find((t) => t.path === made.playlist[1])!.id)).toBe(1);
}

describe('the user\'s own data', () => {
  let cache: ClipCache;
  let tmp: TempDir;

  beforeAll(async () => {
    cache = await generateClipCache(1, ['flac', 'mp3']);
    tmp = makeTempDir();
  });

  afterAll(() => {
    tmp?.cleanup();
    cache?.cleanup();
  });

  function music(name: string): string {
    place(cache.tagged.flac, tmp.at(name, 'a.flac'));
    place(cache.untagged.flac, tmp.at(name, 'b.flac'));
    place(cache.tagged.mp3, tmp.at(name, 'c.mp3'));
    return tmp.at(name);
  }

  it('is written to user-data.json shortly after each change', async () => {
    const data = tmp.at('follows');
    const services = await openServices(data);
    try {
      await services.api.library.addFolderAndScan(music('follows-music'));
      const file = join(data, 'user-data.json');
      const [track] = await services.api.library.listTracks();
      await services.api.library.setLiked(track.id, true);
      await until('the like in user-data.json', () => existsSync(file) && JSON.parse(readFileSync(file, 'utf8')).likes.length === 1);
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { paths: string[]; likes: [number, number][] };
      expect(saved.paths[saved.likes[0][0]]).toBe(track.path);
      await services.api.library.setLiked(track.id, false);
      await until('the unlike in user-data.json', () => JSON.parse(readFileSync(file, 'utf8')).likes.length === 0);
    } finally {
      await services.dispose();
    }
  });

  it('comes back whole when library.db is damaged and the backup predates it, and the notice says what came back and what was lost', async () => {
    const data = tmp.at('after-backup');
    const first = await openServices(data);
    await first.api.library.addFolderAndScan(music('after-backup-music'));
    // The backup was taken by the scan: everything below is newer than it.
    const made = await makeUserData(first);
    await first.dispose();

    writeFileSync(join(data, 'library.db'), '');
    const second = await openServices(data);
    try {
      await expectUserData(second, made);
      expect(second.notices).toHaveLength(1);
      const notice = second.notices[0];
      expect(notice).toMatch(/backup of .* was restored: 1 folder, 3 songs/);
      expect(notice).toMatch(/brought back: 1 liked song, 1 playlist \(2 songs\), 2 plays of listening history, 1 blocked artist and your settings/);
      expect(notice).toMatch(/Lost: songs added, changed or analysed after the backup/);
      const env = await second.api.settings.getEnvironment();
      expect(env.notices).toEqual(second.notices);
    } finally {
      await second.dispose();
    }
  });

  it('with no backup at all, starts a new library with the folders back and places likes and playlists once a scan finds their songs', async () => {
    const data = tmp.at('no-backup');
    const first = await openServices(data);
    await first.api.library.addFolderAndScan(music('no-backup-music'));
    const made = await makeUserData(first);
    await first.dispose();

    rmSync(join(data, 'library.db.backup'));
    writeFileSync(join(data, 'library.db'), '');
    const second = await openServices(data);
    try {
      const notice = second.notices.join(' ');
      expect(notice).toMatch(/A new library was started/);
      expect(notice).toMatch(/brought back: 1 music folder, 1 blocked artist and your settings/);
      expect(notice).toMatch(/Waiting for their songs to be scanned again .*: 1 liked song, 1 playlist \(2 songs in all\), 2 plays/);
      expect(notice).toMatch(/your folders are back, so rescan them/);
      expect((await second.api.library.listFolders()).map((f) => f.path)).toEqual([tmp.at('no-backup-music')]);
      expect(await second.api.library.listLiked()).toEqual([]);

      await second.api.library.rescan();
      await expectUserData(second, made);
    } finally {
      await second.dispose();
    }
    // Nothing waits any more, and a third start has nothing to say.
    const third = await openServices(data);
    try {
      expect(third.notices).toEqual([]);
      await expectUserData(third, made);
    } finally {
      await third.dispose();
    }
  });

  it('a damaged user-data.json alone loses nothing: it is rewritten from the database', async () => {
    const data = tmp.at('bad-copy');
    const first = await openServices(data);
    await first.api.library.addFolderAndScan(music('bad-copy-music'));
    const made = await makeUserData(first);
    await first.dispose();

    const file = join(data, 'user-data.json');
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 40));
    const second = await openServices(data);
    try {
      expect(second.notices).toEqual([]);
      await expectUserData(second, made);
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { likes: unknown[]; playlists: unknown[] };
      expect(saved.likes).toHaveLength(1);
      expect(saved.playlists).toHaveLength(1);
    } finally {
      await second.dispose();
    }
  });
});
