/**
 * `soundlike bench radio`: radio latency (p50/p95, the whole previewRadio: the index's candidates, the
 * exact set-to-set re-rank, the rules, the explanations) and recall@10 of its picks against the exact
 * reference (a Flat index and every song of the library re-ranked: what the first stage can lose), at
 * 100k and 1M fragment vectors, with index build time (including fitting the library's sound space) and
 * bytes per vector; latency is measured after 20 warm-up radios, with the CPU time a radio costs (main and
 * the index worker together). The vectors are synthetic but shaped like a library's: songs in clusters
 * of similar songs, each song's fragments spread around its own centre, unit length.
 */
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../shared/defaults';
import { gaussian, prng } from '../../shared/prng';
import { analysisSha256, loadModel } from '../../engine/manifest';
import { LibraryDb } from '../../main/db/library-db';
import { defaultManifestPath, indexWorkerPath } from '../../main/paths';
import { RadioServiceImpl } from '../../main/radio/radio-service';
import { VectorIndex } from '../../main/radio/vector-index';
import { createServices } from '../../main/services';
import { benchDir, mb } from './bench-common';

const FRAGMENTS_PER_TRACK = 48;
/** Radios run (and not measured) before the measured ones. */
const WARM_UP_RADIOS = 20;

function unit(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < v.length; i++) v[i] /= n;
  return v;
}

function noisy(centre: Float32Array, sigma: number, random: () => number): Float32Array {
  return unit(Float32Array.from(centre, (x) => x + sigma * gaussian(random)));
}

/** Writes a synthetic analysed library of `fragments` vectors into a fresh data folder. */
function makeLibrary(dataDir: string, fragments: number, dims: number, version: { modelSha: string; featureVersion: number; stepSec: number }): number {
  const random = prng(7);
  const db = LibraryDb.open(join(dataDir, 'library.db'));
  const tracks = Math.ceil(fragments / FRAGMENTS_PER_TRACK);
  const styles = Array.from({ length: Math.max(20, Math.round(tracks / 40)) }, () => unit(Float32Array.from({ length: dims }, () => gaussian(random))));
  db.transaction(() => {
    const folderId = db.folders.insert('/bench-library');
    for (let t = 0; t < tracks; t++) {
      const trackId = db.tracks.insert(folderId, {
        path: `/bench-library/${t}.mp3`, size: 4_000_000 + t, mtimeMs: 1, title: `Song ${t}`, artist: `Artist ${t % 3000}`, album: null,
        albumArtist: null, trackNo: null, discNo: null, year: null, genre: null, durationSec: FRAGMENTS_PER_TRACK * version.stepSec,
        codec: 'MPEG 1 Layer 3', sampleRate: 44100, bitrate: 192000, coverId: null, replayGainTrackDb: null, replayGainAlbumDb: null, fingerprint: `f${t}`,
      });
      const centre = noisy(styles[t % styles.length], 0.06, random);
      const n = Math.min(FRAGMENTS_PER_TRACK, fragments - t * FRAGMENTS_PER_TRACK);
      db.analysis.storeDone({ trackId, path: '', size: 4_000_000 + t, mtimeMs: 1, durationSec: null }, version,
        Array.from({ length: n }, (_, i) => ({ startSec: i * version.stepSec, endSec: i * version.stepSec + 5, vector: noisy(centre, 0.05, random), tags: [] })), n * version.stepSec);
    }
  });
  db.close();
  return tracks;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** `reuse`: size -> a data folder an earlier run of this benchmark wrote (its path is printed), to skip writing it again. */
export async function benchRadio(options: { sizes: number[]; queries: number; manifestPath?: string; reuse?: Record<number, string> }): Promise<Record<string, unknown>[]> {
  const manifestPath = options.manifestPath ?? defaultManifestPath();
  const { manifest } = await loadModel(manifestPath);
  const version = { modelSha: analysisSha256(manifest), featureVersion: manifest.feature_version ?? 1, stepSec: DEFAULT_SETTINGS.fragmentStepSec };
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const results: Record<string, unknown>[] = [];
  for (const size of options.sizes) {
    const dataDir = options.reuse?.[size] ?? benchDir(`radio-${size}`);
    let tracks: number;
    if (options.reuse?.[size]) {
      const db = LibraryDb.open(join(dataDir, 'library.db'));
      tracks = db.tracks.count();
      db.close();
      log(`Reusing the benchmark library in ${dataDir} (${tracks} tracks)`);
    } else {
      log(`Writing ${size} synthetic fragment vectors (${manifest.embedding_size} dims) to ${dataDir} ...`);
      tracks = makeLibrary(dataDir, size, manifest.embedding_size, version);
    }
    const services = await createServices({ dataDir, transport: 'web', live: false, manifestPath });
    const exactIndex = new VectorIndex(indexWorkerPath());
    const exact = new RadioServiceImpl({
      db: services.db, analysis: services.api.analysis, playback: services.playback, index: exactIndex, vectorsDir: join(dataDir, 'vectors-exact'),
      indexTunables: { exactLimit: Number.MAX_SAFE_INTEGER, exhaustive: true },
    });
    try {
      const random = prng(11);
      const seeds = Array.from({ length: options.queries }, () => 1 + Math.floor(random() * tracks));
      let t = performance.now();
      await services.api.radio.previewRadio({ kind: 'track', trackId: seeds[0] }, { count: 10, adventure: 0 });
      const buildMs = performance.now() - t;
      const stats = await services.api.radio.indexStats();
      log(`index: ${stats?.descriptor}, built/opened in ${Math.round(buildMs)} ms`);
      t = performance.now();
      await exact.previewRadio({ kind: 'track', trackId: seeds[0] }, { count: 10, adventure: 0 });
      log(`exact reference index built in ${Math.round(performance.now() - t)} ms`);
      // Steady state, as a radio runs once the app has played a few: the first radios of a fresh process
      // also pay for compiling the code paths (slower by about half), which is not the index's latency.
      for (let i = 0; i < WARM_UP_RADIOS; i++) {
        await services.api.radio.previewRadio({ kind: 'track', trackId: 1 + Math.floor(random() * tracks) }, { count: 10, adventure: 0 });
      }

      // All the radios first, then the exhaustive reference for each seed: the reference's long
      // computations (and their garbage) never land inside a measured radio.
      const latencies: number[] = [];
      const exactLatencies: number[] = [];
      const picksOf: number[][] = [];
      // CPU time of the whole process (main and the index worker) over the measured radios: the work a radio
      // costs, which a busy machine's scheduling does not inflate the way it inflates the latency's tail.
      const cpuBefore = process.cpuUsage();
      for (const trackId of seeds) {
        t = performance.now();
        const fast = await services.api.radio.previewRadio({ kind: 'track', trackId }, { count: 10, adventure: 0 });
        latencies.push(performance.now() - t);
        picksOf.push(fast.picks.map((p) => p.trackId));
      }
      const cpu = process.cpuUsage(cpuBefore);
      let recallSum = 0;
      for (const [i, trackId] of seeds.entries()) {
        t = performance.now();
        const truth = await exact.previewRadio({ kind: 'track', trackId }, { count: 10, adventure: 0 });
        exactLatencies.push(performance.now() - t);
        const truthIds = new Set(truth.picks.map((p) => p.trackId));
        recallSum += truthIds.size ? picksOf[i].filter((id) => truthIds.has(id)).length / truthIds.size : 1;
      }
      latencies.sort((a, b) => a - b);
      exactLatencies.sort((a, b) => a - b);
      const round = (x: number) => Math.round(x * 100) / 100;
      const result = {
        fragments: size,
        tracks,
        index: stats?.descriptor,
        indexBuildMs: Math.round(buildMs),
        bytesPerVector: stats?.bytesPerVector,
        space: stats?.space,
        radioLatencyMs: { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), queries: latencies.length, afterWarmUpRadios: WARM_UP_RADIOS },
        radioCpuMs: round((cpu.user + cpu.system) / 1000 / latencies.length),
        exhaustiveReferenceLatencyMs: { p50: round(percentile(exactLatencies, 50)), p95: round(percentile(exactLatencies, 95)) },
        recallAt10: round(recallSum / seeds.length),
        peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
      };
      log(JSON.stringify(result));
      results.push(result);
    } finally {
      exact.dispose();
      await exactIndex.close();
      await services.dispose();
    }
  }
  return results;
}

