/** Settings on real SQLite: validated, persisted, announced; the environment finds the real ffmpeg. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/main/services';
import { DEFAULT_SETTINGS } from '../../src/shared/defaults';
import type { Settings } from '../../src/shared/domain';
import { makeTempDir, type TempDir } from '../helpers/audio';
import { expectCode, openServices, waitFor } from '../helpers/services';

describe('settings', () => {
  let tmp: TempDir;
  let services: Services;

  beforeAll(async () => {
    tmp = makeTempDir();
    services = await openServices(tmp.at('data'));
  });

  afterAll(async () => {
    await services?.dispose();
    tmp?.cleanup();
  });

  it('starts from the defaults', async () => {
    expect(await services.api.settings.getSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('updates, announces and persists a change across a restart', async () => {
    const announced = waitFor(services.api.settings.onDidChangeSettings);
    const next = await services.api.settings.updateSettings({ volume: 0.25, replayGain: 'album', watchFolders: false });
    expect(next).toEqual({ ...DEFAULT_SETTINGS, volume: 0.25, replayGain: 'album', watchFolders: false });
    expect(await announced).toEqual(next);
    await services.dispose();
    services = await openServices(tmp.at('data'));
    expect(await services.api.settings.getSettings()).toEqual(next);
  });

  it('a partial update keeps the other settings', async () => {
    const next = await services.api.settings.updateSettings({ volume: 1 });
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
    const before = await services.api.settings.getSettings();
    const error = await expectCode(services.api.settings.updateSettings(patch as Partial<Settings>), 'INVALID_ARGUMENT');
    expect(error.message).toContain(`"${name}"`);
    expect(await services.api.settings.getSettings()).toEqual(before);
  });

  it('accepts the bounds of the volume range', async () => {
    expect((await services.api.settings.updateSettings({ volume: 0 })).volume).toBe(0);
    expect((await services.api.settings.updateSettings({ volume: 1 })).volume).toBe(1);
  });

  it('rejects a patch that is not an object', async () => {
    await expectCode(services.api.settings.updateSettings(null as unknown as Partial<Settings>), 'INVALID_ARGUMENT');
  });

  it('reports the environment with the ffmpeg it found', async () => {
    const env = await services.api.settings.getEnvironment();
    expect(env.transport).toBe('web');
    expect(env.dataDir).toBe(tmp.at('data'));
    expect(env.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(env.platform).toBe(`${process.platform}-${process.arch}`);
    expect(env.ffmpeg).not.toBeNull();
    expect(env.ffmpeg?.version).toMatch(/\d/);
  });

  it('an ffmpegPath set to something that is not ffmpeg falls back to one that runs', async () => {
    await services.api.settings.updateSettings({ ffmpegPath: tmp.at('not-ffmpeg') });
    const env = await services.api.settings.getEnvironment();
    expect(env.ffmpeg?.path).not.toBe(tmp.at('not-ffmpeg'));
    expect(env.ffmpeg).not.toBeNull();
    await services.api.settings.updateSettings({ ffmpegPath: '' });
    expect((await services.api.settings.getSettings()).ffmpegPath).toBeNull();
  });
});
