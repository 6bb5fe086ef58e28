/** Settings on real SQLite: validated, persisted, announced; the environment finds the real ffmpeg. */
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/shared/defaults';
import type { Settings } from '../../src/shared/domain';
import { expectCode, freshServices, openServices, waitFor } from '../helpers/services';

describe('settings', () => {
  const ctx = freshServices();

  it('starts from the defaults', async () => {
    expect(await ctx.services.api.settings.getSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('updates, announces and persists a change across a restart', async () => {
    const announced = waitFor(ctx.services.api.settings.onDidChangeSettings);
    const next = await ctx.services.api.settings.updateSettings({ volume: 0.25, replayGain: 'album', watchFolders: false, closeToTray: false });
    expect(next).toEqual({ ...DEFAULT_SETTINGS, volume: 0.25, replayGain: 'album', watchFolders: false, closeToTray: false });
    expect(await announced).toEqual(next);
    await ctx.services.dispose();
    ctx.services = await openServices(ctx.tmp.at('data'));
    expect(await ctx.services.api.settings.getSettings()).toEqual(next);
  });

  it('a partial update keeps the other settings', async () => {
    const next = await ctx.services.api.settings.updateSettings({ volume: 1 });
    expect(next).toMatchObject({ volume: 1, replayGain: 'album', watchFolders: false });
  });

  const invalid: [string, Record<string, unknown>][] = [
    ['volume', { volume: 1.5 }],
    ['volume', { volume: -0.1 }],
    ['volume', { volume: 'loud' }],
    ['volume', { volume: Number.NaN }],
    ['replayGain', { replayGain: 'loud' }],
    ['watchFolders', { watchFolders: 'yes' }],
    ['closeToTray', { closeToTray: 1 }],
    ['ffmpegPath', { ffmpegPath: 42 }],
    ['theme', { theme: 'dark' }],
  ];
  it.each(invalid)('rejects a bad %s with INVALID_ARGUMENT naming the setting, changing nothing', async (name, patch) => {
    const before = await ctx.services.api.settings.getSettings();
    const error = await expectCode(ctx.services.api.settings.updateSettings(patch as Partial<Settings>), 'INVALID_ARGUMENT');
    expect(error.message).toContain(`"${name}"`);
    expect(await ctx.services.api.settings.getSettings()).toEqual(before);
  });

  it('accepts the bounds of the volume range', async () => {
    expect((await ctx.services.api.settings.updateSettings({ volume: 0 })).volume).toBe(0);
    expect((await ctx.services.api.settings.updateSettings({ volume: 1 })).volume).toBe(1);
  });

  it('rejects a patch that is not an object', async () => {
    await expectCode(ctx.services.api.settings.updateSettings(null as unknown as Partial<Settings>), 'INVALID_ARGUMENT');
  });

  it('reports the environment with the ffmpeg it found', async () => {
    const env = await ctx.services.api.settings.getEnvironment();
    expect(env.transport).toBe('web');
    expect(env.dataDir).toBe(ctx.tmp.at('data'));
    expect(env.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(env.platform).toBe(`${process.platform}-${process.arch}`);
    expect(env.ffmpeg).not.toBeNull();
    expect(env.ffmpeg?.version).toMatch(/\d/);
  });

  it('no page can name the ffmpeg program: updateSettings refuses ffmpegPath whatever its value', async () => {
    const before = await ctx.services.api.settings.getSettings();
    for (const ffmpegPath of [ctx.tmp.at('payload.sh'), '/bin/sh', systemFfmpeg(), '', null]) {
      const error = await expectCode(ctx.services.api.settings.updateSettings({ ffmpegPath }), 'INVALID_ARGUMENT');
      expect(error.hint).toMatch(/soundlike ffmpeg/);
    }
    expect(await ctx.services.api.settings.getSettings()).toEqual(before);
  });

  it('the CLI and the desktop dialog set it (setFfmpegPath): only a program that answers as ffmpeg, or back to automatic', async () => {
    const { settings } = ctx.services.api;
    const announced = waitFor(settings.onDidChangeSettings, (s) => s.ffmpegPath === systemFfmpeg());
    const env = await settings.setFfmpegPath(systemFfmpeg());
    await announced;
    expect(env.ffmpeg?.path).toBe(systemFfmpeg());
    const script = ctx.tmp.at('not-ffmpeg.sh');
    writeFileSync(script, '#!/bin/sh\necho hello\n');
    chmodSync(script, 0o755);
    for (const path of [script, ctx.tmp.at('missing-ffmpeg'), ctx.tmp.path]) {
      const error = await expectCode(settings.setFfmpegPath(path), 'FFMPEG_MISSING');
      expect(error.message).toContain(path);
    }
    expect((await settings.getSettings()).ffmpegPath).toBe(systemFfmpeg());
    await settings.setFfmpegPath(null);
    expect((await settings.getSettings()).ffmpegPath).toBeNull();
    expect((await settings.getEnvironment()).ffmpeg).not.toBeNull();
  });
});

/** The ffmpeg on PATH, as an absolute path (the fixtures are made with it, so it is there). */
function systemFfmpeg(): string {
  const found = (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'ffmpeg')).find((file) => existsSync(file));
  if (!found) throw new Error('ffmpeg is not on PATH');
  return found;
}
