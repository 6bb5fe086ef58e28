/** The one home of every tunable default (house rule 8); call sites import, never restate. */
import type { Settings } from './domain';

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  volume: 0.8,
  replayGain: 'track',
  watchFolders: true,
  ffmpegPath: null,
};

export const LIBRARY_TUNABLES = {
  /** Files whose tags are read at once during a scan. */
  tagReadConcurrency: 4,
  /** Rows written per SQLite transaction during a scan. */
  writeBatchSize: 500,
  /** Minimum ms between two progress events of one job (the final tick is always sent). */
  progressIntervalMs: 100,
  /** Quiet time after the last file-system event before the watcher rescans. */
  watchDebounceMs: 750,
} as const;

export const WEB_HOST_DEFAULTS = {
  host: '127.0.0.1',
  port: 7878,
} as const;
