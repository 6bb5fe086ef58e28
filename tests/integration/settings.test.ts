/** Settings on real SQLite: validated, persisted, announced; the environment finds the real ffmpeg. */
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
    const next = await ctx.services.api.settings.updateSettings({ volume: 0.25, replayGain: 'album', watchFolders: false });
    expect(next).toEqual({ ...DEFAULT_SETTINGS, volume: 0.25, replayGain: 'album', watchFolders: false });
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

  it('an ffmpegPath set to something that is not ffmpeg falls back to one that runs', async () => {
    await ctx.services.api.settings.updateSettings({ ffmpegPath: ctx.tmp.at('not-ffmpeg') });
    const env = await ctx.services.api.settings.getEnvironment();
    expect(env.ffmpeg?.path).not.toBe(ctx.tmp.at('not-ffmpeg'));
    expect(env.ffmpeg).not.toBeNull();
    await ctx.services.api.settings.updateSettings({ ffmpegPath: '' });
    expect((await ctx.services.api.settings.getSettings()).ffmpegPath).toBeNull();
  });
});
