/**
 * The radio's way into the vector index: opened (and checked against SQLite) on first use with the model's
 * version and the radio's tunables, refreshed after the library or its analysis changed, and the one notice
 * of a damaged index that was rebuilt. Also the library's coverage (how much of it is analysed), which
 * goes stale with the same changes.
 */
import { RADIO_TUNABLES } from '../../shared/defaults';
import type { RadioDeps } from './radio-deps';

/** Which analysis the index and the coverage are of: the model, its features, its fragment step. */
export interface AnalysisVersion { modelSha: string; featureVersion: number; stepSec: number }

export class RadioIndexGate {
  private indexDirty = true;
  /** The index was found damaged and rebuilt: told once, with the next radio (and in the log now). */
  private indexNotice: string | null = null;
  /** How much of the library is analysed (a count over every track: kept until a track is analysed or changes). */
  private coverageCache: { key: string; value: { analysed: number; total: number } } | null = null;

  constructor(private readonly deps: Pick<RadioDeps, 'db' | 'analysis' | 'index' | 'vectorsDir' | 'indexTunables'>) {}

  /** A track was analysed, or tracks left or joined the library: refresh the index before its next use. */
  markDirty(): void {
    this.indexDirty = true;
    this.coverageCache = null;
  }

  /** `facts` when the caller has them already; the manifest's facts are enough (no encoder is loaded). */
  async open(facts?: { version: AnalysisVersion; embeddingSize: number }): Promise<void> {
    const { db, analysis, index, vectorsDir, indexTunables } = this.deps;
    const { version, embeddingSize } = facts ?? await analysis.modelFacts();
    const wasOpen = index.isOpen;
    const stats = await index.open({
      databasePath: db.file, dir: vectorsDir, modelSha: version.modelSha, featureVersion: version.featureVersion,
      stepSec: version.stepSec, embeddingSize,
      exactLimit: indexTunables?.exactLimit ?? RADIO_TUNABLES.exactLimit,
      nprobe: indexTunables?.nprobe ?? RADIO_TUNABLES.nprobe,
      rebuildTombstoneShare: RADIO_TUNABLES.rebuildTombstoneShare,
      libraryMap: indexTunables?.libraryMap === undefined ? { ...RADIO_TUNABLES.libraryMap } : indexTunables.libraryMap,
      rerank: { ...RADIO_TUNABLES.rerank },
    });
    // Opening compares the saved index with SQLite and brings it up to date: no refresh needed then.
    if (!wasOpen) this.indexDirty = false;
    if (!wasOpen && stats.damage) {
      this.indexNotice = `The radio's saved index was damaged (${stats.damage}), so it was rebuilt from the library database. ` +
        'Nothing was lost: the radio is as it was.';
      console.warn(`[soundlike] ${this.indexNotice}`);
    }
    if (this.indexDirty) {
      this.indexDirty = false;
      await index.refresh();
    }
  }

  /** The pending index notice, as a session field, once. */
  takeNotice(): { notice?: string } {
    const notice = this.indexNotice;
    this.indexNotice = null;
    return notice ? { notice } : {};
  }

  /** Songs analysed with `version` / all songs. */
  coverage(version: AnalysisVersion): { analysed: number; total: number } {
    const key = `${version.modelSha}/${version.featureVersion}/${version.stepSec}`;
    if (this.coverageCache?.key !== key) this.coverageCache = { key, value: this.deps.db.analysis.coverage(version) };
    return this.coverageCache.value;
  }
}
