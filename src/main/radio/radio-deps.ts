/** What the radio is built on (the library database, the analysis, the queue, the vector index), and what its parts share. */
import type { AnalysisServiceImpl } from '../analysis/analysis-service';
import type { LibraryDb } from '../db/library-db';
import type { PlaybackServiceImpl } from '../playback/playback-service';
import type { IndexConfig } from './index-protocol';
import type { RadioIndexGate } from './radio-index-gate';
import type { RadioState } from './radio-state';
import type { VectorIndex } from './vector-index';

export interface RadioDeps {
  db: LibraryDb;
  /** Fires when tracks leave or join the library (their fragments go or come with them). */
  onDidChangeTracks?: (listener: () => void) => () => void;
  analysis: AnalysisServiceImpl;
  playback: PlaybackServiceImpl;
  index: VectorIndex;
  vectorsDir: string;
  /** Overrides of the index tunables (benchmarks: an exact index, an exhaustive re-rank, no library map). */
  indexTunables?: { exactLimit?: number; nprobe?: number; libraryMap?: IndexConfig['libraryMap']; exhaustive?: boolean };
  /** The data folder is open read-only (another process owns it): the stored radio is read, never cleared. */
  readOnly?: boolean;
}

/** The parts every piece of the radio shares: its dependencies, the index, and the playing radio. */
export interface RadioContext {
  deps: RadioDeps;
  gate: RadioIndexGate;
  state: RadioState;
}
