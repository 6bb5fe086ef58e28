/**
 * The services in their own process, driven as Electron main drives them (the same supervisor, with Node's
 * child_process.fork in place of utilityProcess): contract calls, events, media and dialogs over the
 * channel; a SIGKILL of the host mid-scan fails the call in flight clearly, announces the restart, and
 * the restarted host takes the dead one's lock with every playlist and like intact; too many crashes give
 * up with a clear message; a second writer on the folder is refused naming the owner; dispose releases it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServicesRestart } from '../../src/shared/domain';
import { LOCK_FILE_NAME } from '../../src/main/data-lock';
import { forkNodeHost } from '../../src/main/service-host/node-host-process';
import { PIECE_CHARS } from '../../src/main/service-host/protocol';
import { startSupervisor, type ServiceHostSupervisor } from '../../src/main/service-host/supervisor';
import type { NativeDialogs } from '../../src/main/desktop/desktop-service';
import { generateClipCache, makeTempDir, place, type ClipCache, type TempDir } from '../helpers/audio';
import { ensureCliBundle, soundlike } from '../helpers/cli';
import { expectCode, openServices, record, waitFor } from '../helpers/services';

const OWNER = 'the service-host test';
/** Files in the folder scanned when the host is killed: enough that the track list's JSON comes in pieces. */
const MORE = 700;

function lockOwner(dataDir: string): { pid: number; command: string } {
  return JSON.parse(readFileSync(join(dataDir, LOCK_FILE_NAME), 'utf8')) as { pid: number; command: string };
}

function start(dataDir: string, extra: Partial<Parameters<typeof startSupervisor>[0]> = {}): Promise<ServiceHostSupervisor> {
  return startSupervisor({ spawn: () => forkNodeHost(), start: { dataDir, transport: 'web', live: false, owner: OWNER }, log: () => undefined, ...extra });
}

/** Resolves once the pid no longer runs. */
async function gone(pid: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`process ${pid} still runs`);
}

describe('the service host under its supervisor', () => {
  let cache: ClipCache;
  let tmp: TempDir;
  let data: string;
  let host: ServiceHostSupervisor;

  beforeAll(async () => {
    await ensureCliBundle();
    if (!existsSync(join(process.cwd(), 'out', 'main', 'service-host.js'))) throw new Error('out/main/service-host.js is missing: run npm run build.');
    cache = await generateClipCache(1, ['mp3', 'flac']);
    tmp = makeTempDir();
    data = tmp.at('data');
    place(cache.tagged.mp3, tmp.at('music', 'a.mp3'));
    place(cache.untagged.flac, tmp.at('music', 'b.flac'));
    // Enough files that a scan of them is still running when the host is killed.
    for (let i = 0; i < MORE; i++) place(cache.untagged.mp3, tmp.at('more', `${String(i).padStart(3, '0')}.mp3`));
    host = await start(data);
  }, 180_000);

  afterAll(async () => {
    await host?.dispose();
    tmp?.cleanup();
    cache?.cleanup();
  });

  it('serves the contract from its own process: scan, tracks, playlists, likes, media, events', async () => {
    expect(host.hostPid()).toBeGreaterThan(0);
    expect(host.hostPid()).not.toBe(process.pid);
    expect(lockOwner(data)).toMatchObject({ pid: host.hostPid(), command: OWNER });

    const scanned = waitFor(host.api.library.onDidScanProgress, (p) => p.final, 60_000, 'the final scan tick');
    const folder = await host.api.library.addFolder(tmp.at('music'));
    expect(folder.path).toBe(tmp.at('music'));
    expect(await scanned).toMatchObject({ added: 2, failed: 0 });
    const tracks = await host.api.library.listTracks();
    expect(tracks.map((t) => t.path).sort()).toEqual([tmp.at('music', 'a.mp3'), tmp.at('music', 'b.flac')]);
    const [a, b] = ['a.mp3', 'b.flac'].map((name) => tracks.find((t) => t.path.endsWith(name)) as (typeof tracks)[number]);

    const changed = waitFor(host.api.playlists.onDidChangePlaylists, (list) => list.some((p) => p.name === 'Kept'));
    const playlist = await host.api.playlists.createPlaylist('Kept', [a.id, b.id]);
    await changed;
    await host.api.library.setLiked(b.id, true);
    expect(await host.api.library.listLiked()).toEqual([b.id]);
    expect((await host.api.playlists.getPlaylist(playlist.id)).trackIds).toEqual([a.id, b.id]);

    // Media: located by the host, opened and checked here; the bytes are the file's.
    const file = await host.media.track(a.id);
    const chunks: Buffer[] = [];
    for await (const chunk of file.stream(0, file.size - 1)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(readFileSync(tmp.at('music', 'a.mp3')))).toBe(true);
    await expectCode(host.media.track(999_999), 'UNKNOWN_TRACK');

    // What windows get: the host's JSON text, passed on unparsed; events likewise.
    expect(JSON.parse(await host.invokeJson('library', 'listLiked', []))).toEqual({ ok: true, value: [b.id] });
    const eventTexts: Array<[string, string]> = [];
    const stopTexts = host.onEventJson((channel, json) => eventTexts.push([channel, json]));
    await host.api.library.setLiked(a.id, true);
    await host.api.library.setLiked(a.id, false);
    await host.api.playlists.renamePlaylist(playlist.id, 'Kept');
    stopTexts();
    expect(eventTexts.some(([channel, json]) => channel === 'playlists:onDidChangePlaylists' && (JSON.parse(json) as Array<{ name: string }>)[0].name === 'Kept')).toBe(true);

    // Errors cross intact, and a page's call reaches only contract commands.
    await expectCode(host.api.library.getTrack(424_242), 'UNKNOWN_TRACK');
    expect(await host.invoke('desktop', 'openFiles', [['/etc/passwd']])).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await host.invoke('library', 'constructor', [])).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('refuses a second writer on the folder (another host, the CLI, an in-process web host), naming the owner', async () => {
    const pid = host.hostPid() as number;
    const second = await expectCode(start(data), 'DATA_FOLDER_IN_USE');
    expect(second.message).toContain(`in use by ${OWNER} (process ${pid}`);
    const cli = await soundlike(['scan', tmp.at('more'), '--data', data]);
    expect(cli.code).not.toBe(0);
    expect(cli.stderr).toContain(`in use by ${OWNER} (process ${pid}`);
    const inProcess = await expectCode(openServices(data), 'DATA_FOLDER_IN_USE');
    expect(inProcess.hint).toContain(`kill ${pid}`);
    // The first host is unharmed.
    expect(host.hostPid()).toBe(pid);
    expect(await host.api.library.listLiked()).toHaveLength(1);
  });

  it('survives a SIGKILL mid-scan: the call fails clearly, the window hears of it, the restarted host has everything', async () => {
    const before = await host.api.library.listTracks();
    const playlistsBefore = await host.api.playlists.listPlaylists();
    const news = record<ServicesRestart>(host.api.desktop.onDidRestartServices);
    const restarted = waitFor(host.api.desktop.onDidRestartServices, (r) => r.state === 'restarted', 60_000, 'the restart');
    const oldPid = host.hostPid() as number;

    const scanning = waitFor(host.api.library.onDidScanProgress, (p) => p.done > 0 && !p.final, 60_000, 'scan progress');
    const addedFolder = await host.api.library.addFolder(tmp.at('more'));
    expect(addedFolder.path).toBe(tmp.at('more'));
    const rescan = host.api.library.rescan(addedFolder.id);
    await scanning;
    process.kill(oldPid, 'SIGKILL');

    const failure = await expectCode(rescan, 'SERVICES_STOPPED');
    expect(failure.message).toMatch(/stopped unexpectedly/);
    await restarted;
    news.stop();
    expect(news.payloads.map((r) => r.state)).toEqual(['restarting', 'restarted']);
    expect(news.payloads[1].message).toMatch(/was restarted; nothing was lost/);

    const newPid = host.hostPid() as number;
    expect(newPid).toBeGreaterThan(0);
    expect(newPid).not.toBe(oldPid);
    // The dead host's lock was taken over by the new one.
    expect(lockOwner(data)).toMatchObject({ pid: newPid, command: OWNER });

    const after = await host.api.library.listTracks();
    for (const track of before) expect(after.map((t) => t.id)).toContain(track.id);
    expect(await host.api.playlists.listPlaylists()).toEqual(playlistsBefore);
    expect(await host.api.library.listLiked()).toEqual([before.find((t) => t.path.endsWith('b.flac'))?.id]);
    // Calls work again, and the interrupted scan can simply run again.
    const summary = await host.api.library.rescan(addedFolder.id);
    expect(summary.failed).toBe(0);
    // The whole list is longer than one message carries: it crossed in pieces and joined back exactly.
    const text = await host.invokeJson('library', 'listTracks', []);
    expect(text.length).toBeGreaterThan(PIECE_CHARS);
    expect((JSON.parse(text) as { value: unknown[] }).value).toHaveLength(before.length + MORE);
    expect(await host.api.library.listTracks()).toEqual((JSON.parse(text) as { value: unknown[] }).value);
  });

  it('closes cleanly: the host exits and the lock is released', async () => {
    const pid = host.hostPid() as number;
    await host.dispose();
    await gone(pid);
    expect(existsSync(join(data, LOCK_FILE_NAME))).toBe(false);
    await expectCode(host.api.library.listTracks(), 'SERVICES_STOPPED');
    // The folder opens again, with its data.
    const reopened = await openServices(data);
    try {
      expect((await reopened.api.playlists.listPlaylists()).map((p) => p.name)).toEqual(['Kept']);
    } finally {
      await reopened.dispose();
    }
  });
});

describe('a service host that keeps crashing', () => {
  let tmp: TempDir;

  beforeAll(() => {
    tmp = makeTempDir();
  });

  afterAll(() => tmp?.cleanup());

  it('is given up on with a clear message after too many crashes in a minute', async () => {
    const data = tmp.at('data');
    const host = await start(data, { policy: { maxCrashes: 2, windowMs: 60_000, baseDelayMs: 10, maxDelayMs: 10 } });
    try {
      const restarted = waitFor(host.api.desktop.onDidRestartServices, (r) => r.state === 'restarted', 60_000, 'the restart');
      process.kill(host.hostPid() as number, 'SIGKILL');
      await restarted;
      const stopped = waitFor(host.api.desktop.onDidRestartServices, (r) => r.state === 'stopped', 60_000, 'giving up');
      const lastPid = host.hostPid() as number;
      process.kill(lastPid, 'SIGKILL');
      const news = await stopped;
      expect(news.message).toMatch(/stopped unexpectedly 2 times within a minute, so it was not started again/);
      expect(news.hint).toContain(join(data, 'logs', 'soundlike.log'));
      const error = await expectCode(host.api.settings.getSettings(), 'SERVICES_STOPPED');
      expect(error.message).toBe(news.message);
      await gone(lastPid);
    } finally {
      await host.dispose();
    }
  });

  it('shows native dialogs for the host in main: the folder comes from the user\'s pick, not from a page', async () => {
    const music = tmp.at('picked');
    const cache = await generateClipCache(1, ['mp3']);
    place(cache.tagged.mp3, join(music, 'one.mp3'));
    const asked: string[] = [];
    const dialogs: NativeDialogs = {
      chooseMusicFolder: async () => (asked.push('chooseMusicFolder'), music),
      openPlaylistFile: async () => (asked.push('openPlaylistFile'), null),
      savePlaylistFile: async () => null,
      chooseFfmpeg: async () => null,
    };
    const host = await startSupervisor({
      spawn: () => forkNodeHost(), start: { dataDir: tmp.at('dialog-data'), transport: 'electron', live: false, owner: OWNER }, dialogs, log: () => undefined,
    });
    try {
      const scanned = waitFor(host.api.library.onDidScanProgress, (p) => p.final, 60_000, 'the final scan tick');
      const added = await host.api.desktop.chooseMusicFolder();
      expect(added?.path).toBe(music);
      await scanned;
      expect(await host.api.desktop.importM3uWithDialog()).toBeNull();
      expect(asked).toEqual(['chooseMusicFolder', 'openPlaylistFile']);
      // Without dialogs (the web host's supervisor), the same command says where to go instead.
      host.useDialogs(null);
      await expectCode(host.api.desktop.importM3uWithDialog(), 'INVALID_ARGUMENT');
    } finally {
      await host.dispose();
      cache.cleanup();
    }
  });
});
