/** The one home of every tunable default (house rule 8); call sites import, never restate. */
import type { Settings } from './domain';

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  volume: 0.8,
  replayGain: 'track',
  watchFolders: true,
  ffmpegPath: null,
  autoAnalyse: true,
  analysisDevice: 'auto',
  analysisThreads: 1,
  fragmentStepSec: 5,
  closeToTray: true,
};

export const ANALYSIS_TUNABLES = {
  /**
   * Fragments per encoder call: batch 8-32 all run ~2x the fragments/s of batch 1 on CPU (4.0-4.5 ms CPU
   * a fragment here); 16 keeps each pooled PCM batch at 7 MB and onnxruntime's working memory small.
   */
  batchSize: 16,
  /** Predicted tags kept per fragment (for explanations) when the manifest has no `display` groups (older models). */
  topTags: 5,
  /** Tracks handed to the worker at once, at least: it reports how many it decodes at once, and gets one more. */
  inFlight: 2,
  /**
   * The worker runs this many ffmpeg decoders per core (bench:analysis: decoding is ~3/4 of a track's CPU,
   * so the cores are kept busy by decoders, the encoder threads fit in between) ...
   */
  decodersPerCore: 1,
  /** ... and one encoder thread (one onnxruntime session) per this many cores, at least one. */
  coresPerEncoderThread: 4,
  /** Batch buffers per decoder (one filling, one waiting for an encoder): PCM in memory is bounded by these. */
  batchBuffersPerDecoder: 2,
  /** Fragments per encoder call for a track someone waits for (a seed): encoded while the rest decodes. */
  priorityBatchSize: 8,
  /**
   * The run re-reads the pending list from the database when its own list runs out, when the library or
   * the priorities changed, and at the latest after this long. Re-reading after every track cost 0.1-0.2 s
   * of the main thread per track at 50k tracks.
   */
  queueRefreshMs: 30_000,
  progressIntervalMs: 250,
  /** Tracks the shown rate and time left are measured over (the recent rate, not the average since the start). */
  rateWindowTracks: 16,
  minStepSec: 1,
  maxStepSec: 5,
  /** A decoder killed by a signal (out of memory, stopped by hand) is tried again at once this many times. */
  decodeRetries: 2,
  /** Runs that try a track whose decoder was killed again before its failure stands (one more each run). */
  transientAttempts: 3,
  /**
   * Decoded audio this much shorter than the header's length (seconds, or this share of it, whichever is
   * larger) marks the file damaged: encoders pad and headers round, real truncation loses far more.
   */
  damagedShortfallSec: 1,
  damagedShortfallShare: 0.02,
} as const;

export const LIBRARY_TUNABLES = {
  /** Files whose tags are read at once during a scan. */
  tagReadConcurrency: 4,
  /** Rows written per SQLite transaction during a scan. */
  writeBatchSize: 500,
  /** Minimum ms between two progress events of one job (the final tick is always sent). */
  progressIntervalMs: 100,
  /** Quiet time after the last file-system event before the watcher rescans. */
  watchDebounceMs: 750,
  /**
   * Entries a scan looks through in a folder tree without meeting audio before it gives up on that tree
   * (a link to /etc or a documents folder): such a tree is skipped and not watched.
   */
  noAudioLookLimit: 2000,
} as const;

export const WEB_HOST_DEFAULTS = {
  host: '127.0.0.1',
  port: 7878,
} as const;

export const RADIO_DEFAULTS: Readonly<{ count: number; adventure: number; artistGap: number }> = {
  count: 10,
  adventure: 0.2,
  artistGap: 3,
};

/**
 * The adventure control's steps on the radio banner (close <-> varied). The middle one is the default;
 * 'varied' lets the spread choose among about four times the picks it queues (rank.ts poolSize).
 */
export const ADVENTURE_STEPS: readonly { label: string; value: number; hint: string }[] = [
  { label: 'Close', value: 0, hint: 'The closest-sounding songs, closest first' },
  { label: 'Balanced', value: RADIO_DEFAULTS.adventure, hint: 'Close songs, a little spread apart' },
  { label: 'Varied', value: 0.7, hint: 'Further afield: more distant songs, spread apart' },
];

export const RADIO_TUNABLES = {
  /** Seed fragments used at most (a spread sample of long songs and big seed sets). */
  maxSeedFragments: 64,
  /** Songs ranked per wanted pick (the queue rules and the spread choose among them). */
  rankedPerPick: 2,
  minPicksRanked: 20,
  /** Weight of negative feedback (skips, "less like this") against the seeds. */
  negativeWeight: 0.5,
  /** Songs played this recently are not picked. */
  recentPlayMs: 2 * 3600_000,
  /** Extend the radio when this few picks are left after the one playing. */
  extendWhenLeft: 2,
  /**
   * While the library is still being analysed, the radio's unplayed picks are re-ranked with the songs
   * analysed since, after this many new ones or this long after the first of them (whichever is first).
   */
  rerankAfterAnalysed: 8,
  rerankAfterMs: 4000,
  /**
   * The index stays exact (Flat) up to this many fragment vectors (a few hundred songs); above, IVF
   * answers the first stage's ~9 queries in a fraction of a millisecond each (the exact re-rank follows).
   */
  exactLimit: 20_000,
  nprobe: 16,
  rebuildTombstoneShare: 0.15,
  /** The sound space fitted to the library (radio/library-map.ts), chosen by bench:quality. */
  libraryMap: { dims: 16, minTracks: 48, refitChange: 0.25, maxFragments: 100_000 },
  /**
   * The exact set-to-set re-rank of the index's candidate songs (radio/set-similarity.ts). Four spread
   * seed moments of 64 hits each keep recall@10 at 0.99 at 1M vectors (bench:radio) for half the index
   * searches of eight: the searches were the largest share of a radio's time after the re-rank.
   */
  rerank: { candidateTracks: 100, meanCandidates: 50, seedMoments: 16, candidateMoments: 32, queryMoments: 4, hitsPerQuery: 128, momentHits: 64 },
  /**
   * A pick's closeness is told against this library's own pairs of different songs (radio/closeness.ts):
   * up to `pairs` of them are scored like a radio scores a pick (all of them in a small library), and a
   * pick closer than `veryClose` / `close` / `related` percent of those pairs gets those words, else "far".
   */
  closeness: { pairs: 3000, veryClose: 95, close: 80, related: 50 },
} as const;

/** The sonic path (radio/sonic-path.ts): songs between the two by default and at most, and its candidate pool. */
export const SONIC_PATH = {
  count: 10,
  maxCount: 50,
  /** Songs nearest each waypoint compared as sets; a library of up to `wholeLibrary` songs is compared whole. */
  poolPerStep: 12,
  wholeLibrary: 400,
} as const;
