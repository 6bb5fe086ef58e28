/**
 * The live library: chokidar watching a real folder. New and deleted files show up without a manual
 * rescan; a watched folder that vanishes is marked missing (tracks kept) and comes back when restored.
 * Generous timeouts: debounce, awaitWriteFinish and the 5 s root poll all add up on a busy machine.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/main/services';
import type { MusicFolder } from '../../src/shared/domain';
import { generateClipCache, makeTempDir, place, type ClipCache, type TempDir } from '../helpers/audio';
import { openServices, waitFor } from '../helpers/services';

describe('watched folder (live services)', () => {
  let cache: ClipCache;
  let tmp: TempDir;
  let services: Services;
  let music: string;
  let folder: MusicFolder;
  const paths = async () => (await services.api.library.listTracks()).map((t) => t.path).sort();

  beforeAll(async () => {
    cache = await generateClipCache(1, ['mp3', 'flac']);
    tmp = makeTempDir();
    music = tmp.at('music');
    place(cache.tagged.mp3, join(music, 'first.mp3'));
    services = await openServices(tmp.at('data'), true);
    const scanned = waitFor(services.api.library.onDidScanProgress, (p) => p.final, 30_000, 'the first scan');
    folder = await services.api.library.addFolder(music);
    await scanned;
  });

  afterAll(async () => {
    await services?.dispose();
    tmp?.cleanup();
    cache?.cleanup();
  });

  it('watches the folder it added and scanned it', async () => {
    expect(folder.watching).toBe(true);
    expect(await paths()).toEqual([join(music, 'first.mp3')]);
  });

  it('picks up a file copied into the folder', async () => {
    const target = join(music, 'sub', 'second.flac');
    const changed = waitFor(services.api.library.onDidChangeTracks, () => true, 20_000, 'the new file to be scanned');
    mkdirSync(join(music, 'sub'));
    copyFileSync(cache.tagged.flac, target);
    await changed;
    expect(await paths()).toEqual([join(music, 'first.mp3'), target].sort());
  });

  it('drops a file deleted from the folder', async () => {
    const changed = waitFor(services.api.library.onDidChangeTracks, () => true, 20_000, 'the deletion to be scanned');
    rmSync(join(music, 'first.mp3'));
    await changed;
    expect(await paths()).toEqual([join(music, 'sub', 'second.flac')]);
  });

  it('marks a deleted folder missing, keeps its tracks unavailable, and brings it back when restored', async () => {
    const missing = waitFor(services.api.library.onDidChangeFolders, (fs) => fs.some((f) => f.id === folder.id && f.status === 'missing'), 20_000, 'the folder to be marked missing');
    const saved = tmp.at('saved');
    rmSync(saved, { recursive: true, force: true });
    // Move the folder away (as an unplugged drive would vanish), then put it back.
    const { renameSync } = await import('node:fs');
    renameSync(music, saved);
    await missing;
    const [gone] = await services.api.library.listFolders();
    expect(gone.status).toBe('missing');
    expect(gone.statusMessage).toMatch(/gone|missing|reconnect/i);
    const kept = await services.api.library.listTracks();
    expect(kept.map((t) => t.path)).toEqual([join(music, 'sub', 'second.flac')]);
    expect(kept.every((t) => t.available === false)).toBe(true);

    const back = waitFor(services.api.library.onDidChangeFolders, (fs) => fs.some((f) => f.id === folder.id && f.status === 'ok'), 25_000, 'the folder to come back');
    renameSync(saved, music);
    await back;
    const [restored] = await services.api.library.listFolders();
    expect(restored).toMatchObject({ status: 'ok', statusMessage: null });
    expect((await services.api.library.listTracks()).every((t) => t.available)).toBe(true);
  });

  it('watches the restored folder again: a new file is picked up', async () => {
    const changed = waitFor(services.api.library.onDidChangeTracks, () => true, 20_000, 'a file in the restored folder');
    copyFileSync(cache.untagged.mp3, join(music, 'third.mp3'));
    await changed;
    expect(await paths()).toContain(join(music, 'third.mp3'));
    expect((await services.api.library.listFolders())[0].watching).toBe(true);
  });

  it('marks a folder deleted outright as missing', async () => {
    const missing = waitFor(services.api.library.onDidChangeFolders, (fs) => fs.some((f) => f.id === folder.id && f.status === 'missing'), 20_000, 'the deleted folder to be marked missing');
    rmSync(music, { recursive: true, force: true });
    await missing;
    const tracks = await services.api.library.listTracks();
    expect(tracks.length).toBeGreaterThan(0);
    expect(tracks.every((t) => !t.available)).toBe(true);
  });

  it('recreating a deleted folder brings it back (found by the 5 s root poll) and watches it again', async () => {
    const back = waitFor(services.api.library.onDidChangeFolders, (fs) => fs.some((f) => f.id === folder.id && f.status === 'ok' && f.watching), 25_000, 'the recreated folder to be ok and watched');
    place(cache.untagged.flac, join(music, 'reborn.flac'));
    await back;
    // The rescan that found it back has run (or is queued): wait for it, then check.
    await services.api.library.rescan(folder.id);
    const tracks = await services.api.library.listTracks();
    expect(tracks.map((t) => t.path)).toEqual([join(music, 'reborn.flac')]);
    expect(tracks.every((t) => t.available)).toBe(true);
  });
});
