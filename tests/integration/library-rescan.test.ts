/**
 * Incremental rescans (house rule 6: rescan by size and mtime) and folder validation, on real files.
 * The tests in the first describe run in order: each builds on the state the previous one left.
 */
import { mkdirSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/main/services';
import type { Track } from '../../src/shared/domain';
import { generateClipCache, makeClip, makeTempDir, place, tagsFor, type ClipCache, type TempDir } from '../helpers/audio';
import { expectCode, freshServices, openServices, record } from '../helpers/services';

function playsOf(services: Services, trackId: number): number {
  const db = new Database(services.paths.database, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM plays WHERE track_id = ?').get(trackId) as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('incremental rescan', () => {
  let cache: ClipCache;
  let tmp: TempDir;
  let services: Services;
  let music: string;
  let folderId: number;
  const trackAt = async (path: string): Promise<Track | undefined> => (await services.api.library.listTracks()).find((t) => t.path === path);

  beforeAll(async () => {
    cache = await generateClipCache(1, ['mp3', 'flac', 'ogg', 'wav']);
    tmp = makeTempDir();
    music = tmp.at('music');
    place(cache.tagged.mp3, join(music, 'a.mp3'));
    place(cache.tagged.flac, join(music, 'b.flac'));
    place(cache.tagged.ogg, join(music, 'c.ogg'));
    place(cache.untagged.wav, join(music, 'plain.wav'));
    writeFileSync(join(music, 'notes.txt'), 'not audio: never a track nor a failure');
  }, 120_000);

  afterAll(async () => {
    await services?.dispose();
    tmp?.cleanup();
    cache?.cleanup();
  });

  it('first scan adds the four tracks and ignores the text file', async () => {
    services = await openServices(tmp.at('data'));
    const { folder, summary } = await services.api.library.addFolderAndScan(music);
    folderId = folder.id;
    expect(summary).toMatchObject({ added: 4, updated: 0, removed: 0, moved: 0, failed: 0 });
  });

  it('a rescan of unchanged files writes nothing and announces no change', async () => {
    const changes = record(services.api.library.onDidChangeTracks);
    const before = await services.api.library.listTracks();
    const summary = await services.api.library.rescan(folderId);
    changes.stop();
    expect(summary).toMatchObject({ added: 0, updated: 0, removed: 0, moved: 0, failed: 0, unchanged: 4 });
    expect(changes.payloads).toEqual([]);
    expect(await services.api.library.listTracks()).toEqual(before);
  });

  it('a file rewritten in place is updated, keeping its id', async () => {
    const path = join(music, 'c.ogg');
    const before = await trackAt(path);
    await makeClip(path, { format: 'ogg', seconds: 1, tags: tagsFor('ogg', { title: 'Rewritten' }) });
    const future = new Date(Date.now() + 5000);
    utimesSync(path, future, future);
    const summary = await services.api.library.rescan(folderId);
    expect(summary).toMatchObject({ added: 0, updated: 1, removed: 0, moved: 0, failed: 0 });
    const after = await trackAt(path);
    expect(after?.id).toBe(before?.id);
    expect(after?.title).toBe('Rewritten');
  });

  it('a touched file (same bytes, new mtime) is re-read and counted as updated', async () => {
    const path = join(music, 'b.flac');
    const future = new Date(Date.now() + 10_000);
    utimesSync(path, future, future);
    const summary = await services.api.library.rescan(folderId);
    expect(summary).toMatchObject({ added: 0, updated: 1, removed: 0 });
    expect((await trackAt(path))?.mtimeMs).toBe(Math.round(future.getTime()));
  });

  it('a deleted file is removed', async () => {
    rmSync(join(music, 'b.flac'));
    const changed = record(services.api.library.onDidChangeTracks);
    const summary = await services.api.library.rescan(folderId);
    changed.stop();
    expect(summary).toMatchObject({ added: 0, updated: 0, removed: 1, moved: 0 });
    expect(await trackAt(join(music, 'b.flac'))).toBeUndefined();
    expect(changed.payloads.length).toBe(1);
  });

  it('a tagged file moved into a subfolder keeps its id and its listening history', async () => {
    const from = join(music, 'a.mp3');
    const to = join(music, 'moved', 'renamed.mp3');
    const before = await trackAt(from);
    if (!before) throw new Error('a.mp3 missing');
    await services.api.playback.recordPlay({ trackId: before.id, listenedSec: 30, completed: false });
    expect(playsOf(services, before.id)).toBe(1);
    mkdirSync(join(music, 'moved'));
    renameSync(from, to);
    const summary = await services.api.library.rescan(folderId);
    expect(summary).toMatchObject({ added: 0, removed: 0, moved: 1 });
    const after = await trackAt(to);
    expect(after?.id).toBe(before.id);
    expect(await trackAt(from)).toBeUndefined();
    expect(playsOf(services, before.id)).toBe(1);
  });

  it('an untagged file renamed keeps its id and history too (its title came from the old name)', async () => {
    const from = join(music, 'plain.wav');
    const to = join(music, 'plain renamed.wav');
    const before = await trackAt(from);
    if (!before) throw new Error('plain.wav missing');
    await services.api.playback.recordPlay({ trackId: before.id, listenedSec: 12, completed: true });
    renameSync(from, to);
    const summary = await services.api.library.rescan(folderId);
    expect(summary).toMatchObject({ added: 0, removed: 0, moved: 1 });
    const after = await trackAt(to);
    expect(after?.id).toBe(before.id);
    expect(after?.title).toBe('plain renamed');
    expect(playsOf(services, before.id)).toBe(1);
  });
});

describe('move detection', () => {
  const ctx = freshServices();

  it('a different untagged recording of the same length replacing a deleted one is not a move', async () => {
    // Same format and length: identical size and duration, different sound.
    const music = ctx.tmp.at('music');
    await makeClip(join(music, 'take one.wav'), { format: 'wav', seconds: 1, frequency: 300 });
    const { folder } = await ctx.services.api.library.addFolderAndScan(music);
    const [first] = await ctx.services.api.library.listTracks();
    await ctx.services.api.playback.recordPlay({ trackId: first.id, listenedSec: 1, completed: true });
    rmSync(join(music, 'take one.wav'));
    await makeClip(join(music, 'another song.wav'), { format: 'wav', seconds: 1, frequency: 1200 });
    const summary = await ctx.services.api.library.rescan(folder.id);
    expect(summary).toMatchObject({ added: 1, removed: 1, moved: 0 });
    const [second] = await ctx.services.api.library.listTracks();
    expect(second.id).not.toBe(first.id);
    expect(playsOf(ctx.services, second.id)).toBe(0);
  });
});

describe('failed files', () => {
  let cache: ClipCache;
  let tmp: TempDir;
  let services: Services;

  beforeAll(async () => {
    cache = await generateClipCache(1, ['mp3']);
    tmp = makeTempDir();
    services = await openServices(tmp.at('data'));
  });

  afterAll(async () => {
    await services?.dispose();
    tmp?.cleanup();
    cache?.cleanup();
  });

  it('are not retried while unchanged, and are retried (and cleared) once replaced by a good file', async () => {
    const music = tmp.at('music');
    const bad = join(music, 'bad.mp3');
    mkdirSync(music);
    writeFileSync(bad, Buffer.alloc(0));
    place(cache.tagged.mp3, join(music, 'good.mp3'));
    const first = await services.api.library.addFolderAndScan(music);
    expect(first.summary).toMatchObject({ added: 1, failed: 1 });
    expect((await services.api.library.listScanFailures()).map((f) => f.path)).toEqual([bad]);

    const again = await services.api.library.rescan(first.folder.id);
    expect(again).toMatchObject({ added: 0, updated: 0, failed: 0, unchanged: 2 });
    expect(await services.api.library.listScanFailures()).toHaveLength(1);

    place(cache.untagged.mp3, bad);
    const fixed = await services.api.library.rescan(first.folder.id);
    expect(fixed).toMatchObject({ added: 1, failed: 0 });
    expect(await services.api.library.listScanFailures()).toEqual([]);
    expect((await services.api.library.listTracks()).map((t) => t.title).sort()).toEqual(['Title mp3', 'bad']);
  });

  it('a dangling link is a failure until it points at a real track, then it is added', async () => {
    const music = tmp.at('links');
    mkdirSync(music);
    const target = tmp.at('link-target.mp3');
    symlinkSync(target, join(music, 'linked.mp3'));
    const { folder, summary } = await services.api.library.addFolderAndScan(music);
    expect(summary).toMatchObject({ added: 0, failed: 1 });
    expect((await services.api.library.rescan(folder.id))).toMatchObject({ failed: 0, added: 0 });
    place(cache.tagged.mp3, target);
    const fixed = await services.api.library.rescan(folder.id);
    expect(fixed).toMatchObject({ added: 1, failed: 0 });
    expect((await services.api.library.listScanFailures()).map((f) => f.path)).not.toContain(join(music, 'linked.mp3'));
  });

  it('a failure whose file is deleted is forgotten', async () => {
    const music = tmp.at('music2');
    mkdirSync(music);
    writeFileSync(join(music, 'zero.flac'), Buffer.alloc(0));
    const { folder } = await services.api.library.addFolderAndScan(music);
    expect((await services.api.library.listScanFailures()).map((f) => f.path)).toContain(join(music, 'zero.flac'));
    rmSync(join(music, 'zero.flac'));
    await services.api.library.rescan(folder.id);
    expect((await services.api.library.listScanFailures()).map((f) => f.path)).not.toContain(join(music, 'zero.flac'));
  });
});

describe('music folders', () => {
  let cache: ClipCache;
  let tmp: TempDir;
  let services: Services;

  beforeAll(async () => {
    cache = await generateClipCache(1, ['flac']);
    tmp = makeTempDir();
    place(cache.tagged.flac, tmp.at('lib', 'one.flac'));
    place(cache.untagged.flac, tmp.at('lib', 'inner', 'two.flac'));
    place(cache.untagged.flac, tmp.at('other', 'three.flac'));
    services = await openServices(tmp.at('data'));
  });

  afterAll(async () => {
    await services?.dispose();
    tmp?.cleanup();
    cache?.cleanup();
  });

  it('rejects a missing path with FOLDER_NOT_FOUND and a hint', async () => {
    const error = await expectCode(services.api.library.addFolder(tmp.at('nope')), 'FOLDER_NOT_FOUND');
    expect(error.message).toContain(tmp.at('nope'));
    expect(error.hint).toBeTruthy();
  });

  it('rejects a file with NOT_A_FOLDER', async () => {
    await expectCode(services.api.library.addFolder(tmp.at('lib', 'one.flac')), 'NOT_A_FOLDER');
  });

  it('rejects an empty path with INVALID_ARGUMENT', async () => {
    await expectCode(services.api.library.addFolder('  '), 'INVALID_ARGUMENT');
  });

  it('rejects the same folder twice (also spelled with a trailing slash) with FOLDER_ALREADY_ADDED', async () => {
    await services.api.library.addFolderAndScan(tmp.at('lib'));
    await expectCode(services.api.library.addFolder(tmp.at('lib')), 'FOLDER_ALREADY_ADDED');
    await expectCode(services.api.library.addFolder(`${tmp.at('lib')}/`), 'FOLDER_ALREADY_ADDED');
  });

  it('rejects a folder inside, or around, one already added with FOLDER_INSIDE_ANOTHER', async () => {
    await expectCode(services.api.library.addFolder(tmp.at('lib', 'inner')), 'FOLDER_INSIDE_ANOTHER');
    await expectCode(services.api.library.addFolder(tmp.path), 'FOLDER_INSIDE_ANOTHER');
  });

  it('rejects a link to a folder already in the library (its tracks would be listed twice)', async () => {
    symlinkSync(tmp.at('lib'), tmp.at('lib-link'));
    symlinkSync(tmp.at('lib', 'inner'), tmp.at('inner-link'));
    await expectCode(services.api.library.addFolder(tmp.at('lib-link')), 'FOLDER_ALREADY_ADDED');
    await expectCode(services.api.library.addFolder(tmp.at('inner-link')), 'FOLDER_INSIDE_ANOTHER');
  });

  it('accepts a sibling folder whose name merely starts like another', async () => {
    place(cache.untagged.flac, tmp.at('lib-extra', 'four.flac'));
    const { summary } = await services.api.library.addFolderAndScan(tmp.at('lib-extra'));
    expect(summary.added).toBe(1);
  });

  it('removeFolder forgets the folder and only its tracks', async () => {
    const { folder } = await services.api.library.addFolderAndScan(tmp.at('other'));
    const before = await services.api.library.listTracks();
    expect(before.filter((t) => t.folderId === folder.id)).toHaveLength(1);
    const folders = record(services.api.library.onDidChangeFolders);
    await services.api.library.removeFolder(folder.id);
    const after = await services.api.library.listTracks();
    expect(after.filter((t) => t.folderId === folder.id)).toEqual([]);
    expect(after).toHaveLength(before.length - 1);
    expect((await services.api.library.listFolders()).map((f) => f.id)).not.toContain(folder.id);
    await new Promise((resolve) => setImmediate(resolve));
    folders.stop();
    expect(folders.payloads.at(-1)?.map((f) => f.id)).not.toContain(folder.id);
  });

  it('removeFolder and rescan of an unknown id reject with UNKNOWN_FOLDER', async () => {
    await expectCode(services.api.library.removeFolder(4242), 'UNKNOWN_FOLDER');
    await expectCode(services.api.library.rescan(4242), 'UNKNOWN_FOLDER');
  });
});

describe('a music folder moved to a new location', () => {
  let cache: ClipCache;
  let tmp: TempDir;
  let services: Services;

  beforeAll(async () => {
    cache = await generateClipCache(1, ['mp3', 'flac']);
    tmp = makeTempDir();
    services = await openServices(tmp.at('data'));
  }, 120_000);

  afterAll(async () => {
    await services?.dispose();
    tmp?.cleanup();
    cache?.cleanup();
  });

  it('keeps its songs (ids, likes, playlists) when the new location is added, before the old one is removed', async () => {
    place(cache.tagged.mp3, tmp.at('old', 'a.mp3'));
    place(cache.tagged.flac, tmp.at('old', 'sub', 'b.flac'));
    const { folder: old } = await services.api.library.addFolderAndScan(tmp.at('old'));
    const ids = (await services.api.library.listTracks()).map((t) => t.id).sort((a, b) => a - b);
    const playlist = await services.api.playlists.createPlaylist('Road trip', [ids[1], ids[0]]);
    await services.api.library.setLiked(ids[0], true);

    renameSync(tmp.at('old'), tmp.at('new'));
    await services.api.library.rescan(old.id);
    expect((await services.api.library.listFolders()).find((f) => f.id === old.id)?.status).toBe('missing');

    const { folder: moved, summary } = await services.api.library.addFolderAndScan(tmp.at('new'));
    expect(summary).toMatchObject({ added: 0, moved: 2, removed: 0 });
    const tracks = await services.api.library.listTracks();
    expect(tracks.map((t) => t.id).sort((a, b) => a - b)).toEqual(ids);
    expect(tracks.every((t) => t.folderId === moved.id && t.path.startsWith(tmp.at('new')))).toBe(true);

    await services.api.library.removeFolder(old.id);
    expect((await services.api.playlists.getPlaylist(playlist.id)).trackIds).toEqual([ids[1], ids[0]]);
    expect(await services.api.library.listLiked()).toEqual([ids[0]]);
  });

  it('does not hand a track whose file is still there to a copy elsewhere, even if its folder was marked missing', async () => {
    place(cache.tagged.mp3, tmp.at('kept', 'c.mp3'));
    const { folder: kept } = await services.api.library.addFolderAndScan(tmp.at('kept'));
    const original = (await services.api.library.listTracks()).find((t) => t.path === tmp.at('kept', 'c.mp3'));
    renameSync(tmp.at('kept'), tmp.at('kept-away'));
    await services.api.library.rescan(kept.id); // now marked missing
    renameSync(tmp.at('kept-away'), tmp.at('kept')); // back, not rescanned yet
    place(cache.tagged.mp3, tmp.at('copy', 'c.mp3'));
    const { summary } = await services.api.library.addFolderAndScan(tmp.at('copy'));
    expect(summary).toMatchObject({ added: 1, moved: 0 });
    const after = await services.api.library.listTracks();
    expect(after.find((t) => t.id === original?.id)?.path).toBe(tmp.at('kept', 'c.mp3'));
  });
});
