/** SettingsService: user settings (validated, persisted, announced) and facts about this install. */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { SettingsService } from '../../shared/contract';
import { ANALYSIS_TUNABLES, DEFAULT_SETTINGS } from '../../shared/defaults';
import type { AboutInfo, AppEnvironment, Settings } from '../../shared/domain';
import { SoundlikeError } from '../../shared/errors';
import type { LibraryDb } from '../db/library-db';
import { Emitter } from '../events';
import { probeFfmpeg, resolveFfmpeg, type FfmpegInfo } from '../ffmpeg';
import { readAbout } from './about';

const SETTINGS_KEY = 'settings';

/** Rejects values of the wrong type or range, naming the setting. */
export function validateSettingsPatch(patch: unknown): Partial<Settings> {
  if (typeof patch !== 'object' || patch === null) throw new SoundlikeError('INVALID_ARGUMENT', 'Settings must be an object.');
  const out: Partial<Settings> = {};
  const p = patch as Record<string, unknown>;
  const bad = (name: string, expected: string) =>
    new SoundlikeError('INVALID_ARGUMENT', `Setting "${name}" must be ${expected}.`);
  for (const key of Object.keys(p)) {
    if (!(key in DEFAULT_SETTINGS)) throw new SoundlikeError('INVALID_ARGUMENT', `There is no setting "${key}".`);
  }
  if ('volume' in p) {
    if (typeof p.volume !== 'number' || !(p.volume >= 0 && p.volume <= 1)) throw bad('volume', 'a number from 0 to 1');
    out.volume = p.volume;
  }
  if ('replayGain' in p) {
    if (p.replayGain !== 'off' && p.replayGain !== 'track' && p.replayGain !== 'album') throw bad('replayGain', "'off', 'track' or 'album'");
    out.replayGain = p.replayGain;
  }
  if ('watchFolders' in p) {
    if (typeof p.watchFolders !== 'boolean') throw bad('watchFolders', 'true or false');
    out.watchFolders = p.watchFolders;
  }
  if ('ffmpegPath' in p) {
    // The program analysis runs: a page (web host or renderer) must never name it. See setFfmpegPath.
    throw new SoundlikeError('INVALID_ARGUMENT', 'The ffmpeg program (setting "ffmpegPath") cannot be changed from a page.',
      'In the desktop app use Settings → ffmpeg → Choose…; otherwise run `soundlike ffmpeg <path>` (or `soundlike ffmpeg --reset`) in a terminal.');
  }
  if ('closeToTray' in p) {
    if (typeof p.closeToTray !== 'boolean') throw bad('closeToTray', 'true or false');
    out.closeToTray = p.closeToTray;
  }
  if ('autoAnalyse' in p) {
    if (typeof p.autoAnalyse !== 'boolean') throw bad('autoAnalyse', 'true or false');
    out.autoAnalyse = p.autoAnalyse;
  }
  if ('analysisDevice' in p) {
    if (p.analysisDevice !== 'auto' && p.analysisDevice !== 'cpu' && p.analysisDevice !== 'cuda') throw bad('analysisDevice', "'auto', 'cpu' or 'cuda'");
    out.analysisDevice = p.analysisDevice;
  }
  if ('analysisThreads' in p) {
    if (!Number.isInteger(p.analysisThreads) || (p.analysisThreads as number) < 1 || (p.analysisThreads as number) > 64) throw bad('analysisThreads', 'a whole number from 1 to 64');
    out.analysisThreads = p.analysisThreads as number;
  }
  if ('fragmentStepSec' in p) {
    const step = p.fragmentStepSec;
    if (typeof step !== 'number' || !(step >= ANALYSIS_TUNABLES.minStepSec && step <= ANALYSIS_TUNABLES.maxStepSec)) {
      throw bad('fragmentStepSec', `a number of seconds from ${ANALYSIS_TUNABLES.minStepSec} to ${ANALYSIS_TUNABLES.maxStepSec}`);
    }
    out.fragmentStepSec = step;
  }
  return out;
}

export class SettingsServiceImpl implements SettingsService {
  private readonly emitter = new Emitter<Settings>();
  private ffmpeg: Promise<FfmpegInfo | null> | null = null;
  private about: AboutInfo | null = null;
  readonly onDidChangeSettings = this.emitter.event;

  constructor(
    private readonly db: LibraryDb,
    private readonly facts: Pick<AppEnvironment, 'version' | 'dataDir' | 'transport' | 'notices' | 'logFile'>,
  ) {}

  async getSettings(): Promise<Settings> {
    return { ...DEFAULT_SETTINGS, ...(this.db.kv.get<Partial<Settings>>(SETTINGS_KEY) ?? {}) };
  }

  async updateSettings(patch: Partial<Settings>): Promise<Settings> {
    const valid = validateSettingsPatch(patch);
    const next = { ...(await this.getSettings()), ...valid };
    this.db.kv.set(SETTINGS_KEY, next);
    if ('ffmpegPath' in valid) this.ffmpeg = null;
    this.emitter.fire(next);
    return next;
  }

  /**
   * Not in the contract (so no page can call it): the CLI's `soundlike ffmpeg` and the desktop app's
   * own dialog set the ffmpeg program here. A path must be a program that answers as ffmpeg; null goes
   * back to finding one by itself.
   */
  async setFfmpegPath(path: string | null): Promise<AppEnvironment> {
    let chosen: string | null = null;
    if (path !== null) {
      if (typeof path !== 'string' || path.trim() === '') throw new SoundlikeError('INVALID_ARGUMENT', 'Give the path of the ffmpeg program.');
      chosen = resolve(path.trim());
      if (!(await probeFfmpeg(chosen))) {
        throw new SoundlikeError('FFMPEG_MISSING', `${chosen} is not an ffmpeg program that runs (it did not answer \`-version\` as ffmpeg).`,
          'Give the path of the ffmpeg binary itself (e.g. /usr/bin/ffmpeg), or reset to let Soundlike find one.');
      }
    }
    const next = { ...(await this.getSettings()), ffmpegPath: chosen };
    this.db.kv.set(SETTINGS_KEY, next);
    this.ffmpeg = null;
    this.emitter.fire(next);
    return this.getEnvironment();
  }

  async getEnvironment(): Promise<AppEnvironment> {
    return { ...this.facts, ffmpeg: await this.findFfmpeg(), platform: `${process.platform}-${process.arch}`, cpuCount: availableParallelism() };
  }

  /** Read once: the file is part of the install and does not change while the app runs. */
  async getAbout(): Promise<AboutInfo> {
    this.about ??= readAbout(this.facts.version);
    return this.about;
  }

  /** The ffmpeg to use, found once and remembered until the setting changes. */
  async findFfmpeg(): Promise<FfmpegInfo | null> {
    this.ffmpeg ??= this.getSettings().then((s) => resolveFfmpeg(s.ffmpegPath));
    return this.ffmpeg;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
