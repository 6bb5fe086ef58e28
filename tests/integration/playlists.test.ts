/** Playlists on real files and real SQLite: edit, M3U import/export round trip, queue saved as a playlist. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/main/services';
import { PLAYLIST_FILE_LIMITS } from '../../src/shared/playlist-file';
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
    // The CLI and the desktop save dialog write where the user chose; entries are relative below it.
    expect(await playlists.writeM3u(list.id, file)).toBe(file);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^#EXTM3U\n#EXTINF:\d+,.+\nb\.flac\n#EXTINF:\d+,.+\nsub\/c\.ogg\n$/);

    writeFileSync(file, `${text}#EXTINF:10,Gone\nnot-here.mp3\nhttp://example.invalid/stream\n`);
    const imported = await playlists.importM3uFromPath(file);
    expect(imported.playlist.name).toBe('round trip');
    expect(imported.playlist.trackIds).toEqual([ids['b.flac'], ids['sub/c.ogg']]);
    expect(imported.missing).toEqual(['not-here.mp3', 'http://example.invalid/stream']);
    await expectCode(playlists.importM3uFromPath(tmp.at('nope.m3u')), 'INVALID_ARGUMENT');
  });

  it('imports a file picked in a page from its name and text, matching relative entries by their tail', async () => {
    const { playlists } = services.api;
    const text = `#EXTM3U\n${tmp.at('music', 'a.mp3')}\nsub/c.ogg\nelsewhere/lost.mp3\n`;
    const imported = await playlists.importM3u({ name: 'From the browser.m3u8', text });
    expect(imported.playlist.name).toBe('From the browser');
    expect(imported.playlist.trackIds).toEqual([ids['a.mp3'], ids['sub/c.ogg']]);
    expect(imported.missing).toEqual(['elsewhere/lost.mp3']);
  });

  it('reads no path a page names and writes no file a page names', async () => {
    const { playlists } = services.api;
    const call = playlists as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    // The old contract took a path: a page sending one gets a refusal, not the file's lines.
    const refused = await expectCode(call.importM3u('/etc/passwd'), 'INVALID_ARGUMENT');
    expect(refused.message).not.toMatch(/root:/);
    await expectCode(playlists.importM3u({ name: 'passwd', text: 'root:x:0:0:root:/root:/bin/bash\n' }), 'INVALID_ARGUMENT');
    const list = await playlists.createPlaylist('Not to disk', [ids['a.mp3']]);
    const target = tmp.at('written-by-a-page.sh');
    const text = await call.exportM3u(list.id, target);
    expect(text).toMatch(/^#EXTM3U\n/);
    expect(existsSync(target)).toBe(false);
  });

  it('imports from a path only playlist files: right extension, bounded size, text content', async () => {
    const { playlists } = services.api;
    for (const [name, bytes, message] of [
      ['passwd', Buffer.from('root:x:0:0:root:/root:/bin/bash\n'), /not a playlist file/],
      ['binary.m3u', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00]), /binary/],
      ['huge.m3u8', Buffer.alloc(PLAYLIST_FILE_LIMITS.maxBytes + 1, 0x61), /MiB/],
      ['latin.m3u8', Buffer.from([0x2f, 0x43, 0x61, 0x66, 0xe9, 0x2e, 0x6d, 0x70, 0x33, 0x0a]), /UTF-8/],
    ] as const) {
      const file = tmp.at('lists', name);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, bytes);
      const error = await expectCode(playlists.importM3uFromPath(file), 'INVALID_ARGUMENT');
      expect(error.message, name).toMatch(message);
      expect(error.hint, name).toMatch(/\.m3u/);
    }
    mkdirSync(tmp.at('lists', 'folder.m3u'), { recursive: true });
    await expectCode(playlists.importM3uFromPath(tmp.at('lists', 'folder.m3u')), 'INVALID_ARGUMENT');
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
