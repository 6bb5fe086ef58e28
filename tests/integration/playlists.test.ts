/** Playlists on real files and real SQLite: edit, M3U import/export round trip, queue saved as a playlist. */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/main/services';
import { generateClipCache, makeTempDir, place, type ClipCache, type TempDir } from '../helpers/audio';
import { expectCode, openServices, waitFor } from '../helpers/services';

describe('playlists', () => {
  let clips: ClipCache;
  let tmp: TempDir;
  let services: Services;
  let ids: Record<string, number>;

  beforeAll(async () => {
    clips = await generateClipCache(1, ['mp3', 'flac', 'ogg']);
    tmp = makeTempDir();
    for (const name of ['a.mp3', 'b.flac', 'sub/c.ogg']) place(clips.tagged[name.split('.').pop() as 'mp3' | 'flac' | 'ogg'], tmp.at('music', name));
    services = await openServices(tmp.at('data'));
    await services.api.library.addFolderAndScan(tmp.at('music'));
    const tracks = await services.api.library.listTracks();
    ids = Object.fromEntries(tracks.map((t) => [t.path.slice(tmp.at('music').length + 1), t.id]));
  });

  afterAll(async () => {
    await services?.dispose();
    tmp?.cleanup();
    clips?.cleanup();
  });

  it('creates, edits, renames and deletes, announcing each change', async () => {
    const { playlists } = services.api;
    const created = waitFor(playlists.onDidChangePlaylists, (list) => list.some((p) => p.name === 'Mix'));
    const mix = await playlists.createPlaylist('  Mix ', [ids['a.mp3'], ids['b.flac']]);
    await created;
    expect(mix).toMatchObject({ name: 'Mix', trackCount: 2, trackIds: [ids['a.mp3'], ids['b.flac']] });
    expect(mix.durationSec).toBeGreaterThan(1.5);
    const edited = await playlists.setPlaylistTracks(mix.id, [ids['sub/c.ogg'], ids['a.mp3'], ids['a.mp3']]);
    expect(edited.trackIds).toEqual([ids['sub/c.ogg'], ids['a.mp3'], ids['a.mp3']]);
    expect((await playlists.renamePlaylist(mix.id, 'Evening')).name).toBe('Evening');
    await expectCode(playlists.createPlaylist('  '), 'INVALID_ARGUMENT');
    await expectCode(playlists.addToPlaylist(mix.id, [999_999]), 'UNKNOWN_TRACK');
    await playlists.deletePlaylist(mix.id);
    await expectCode(playlists.getPlaylist(mix.id), 'UNKNOWN_PLAYLIST');
  });

  it('exports M3U and imports it back to the same tracks, listing entries not in the library', async () => {
    const { playlists } = services.api;
    const list = await playlists.createPlaylist('Round trip', [ids['b.flac'], ids['sub/c.ogg']]);
    const file = tmp.at('music', 'round trip.m3u8');
    const text = await playlists.exportM3u(list.id, file);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(text).toMatch(/^#EXTM3U\n#EXTINF:\d+,.+\nb\.flac\n#EXTINF:\d+,.+\nsub\/c\.ogg\n$/);

    writeFileSync(file, `${text}#EXTINF:10,Gone\nnot-here.mp3\nhttp://example.invalid/stream\n`);
    const imported = await playlists.importM3u(file);
    expect(imported.playlist.name).toBe('round trip');
    expect(imported.playlist.trackIds).toEqual([ids['b.flac'], ids['sub/c.ogg']]);
    expect(imported.missing).toEqual(['not-here.mp3', 'http://example.invalid/stream']);
    await expectCode(playlists.importM3u(tmp.at('nope.m3u')), 'INVALID_ARGUMENT');
  });

  it('saves the queue as a playlist, and a track leaving the library leaves its playlists', async () => {
    const { playlists, playback, library } = services.api;
    await playback.replaceQueue([ids['a.mp3'], ids['b.flac']], 0);
    const saved = await playlists.saveQueueAsPlaylist('From the queue');
    expect(saved.trackIds).toEqual([ids['a.mp3'], ids['b.flac']]);
    const folder = (await library.listFolders())[0];
    await library.removeFolder(folder.id);
    expect((await playlists.getPlaylist(saved.id)).trackIds).toEqual([]);
  });
});
