/**
 * `soundlike bench quality`: how good the radio is on real, labelled music, as a user gets it. The set's
 * files are scanned and analysed by the real services, then every track seeds a radio (10 picks, adventure
 * 0, no artist gap, so only the sound decides) and precision@10 counts the picks that share the seed's
 * label (album). Side by side, in the same run, on the same files: ranking variants computed from the very
 * vectors the app stored, the 20-MFCC mean/std baseline, and random picks (exact expectation).
 *
 * Default set: the real-music test packages of the training recipe (models/training/real_corpus.py; a
 * soundtrack is an album). `--corpus DIR` with DIR/labels.tsv (`file<TAB>label`) for any other set.
 * Tracker modules (.it .xm .s3m .mod) are converted to FLAC first with the system's ffmpeg (libopenmpt),
 * since the app plays only the formats of audio-formats.ts.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { RADIO_TUNABLES } from '../../shared/defaults';
import { isAudioPath } from '../../shared/audio-formats';
import type { FragmentRow } from '../../main/db/queries/analysis';
import { resolveFfmpeg } from '../../main/ffmpeg';
import { appRoot } from '../../main/paths';
import { applyLibraryMap, fitLibraryMap } from '../../main/radio/library-map';
import { setSimilarity, spreadIndices } from '../../main/radio/set-similarity';
import { createServices } from '../../main/services';
import { benchDir, run } from './bench-common';
import { mfccMeanStd } from './mfcc';

interface LabelledFile {
  path: string;
  label: string;
}

/** The default set: the training recipe's real-music test packages (package = album). */
function recipeTestSet(): { files: LabelledFile[]; source: string } {
  const items = join(appRoot(), 'models', 'training', 'corpus', 'real', 'items.json');
  if (!existsSync(items)) {
    throw new Error(`The real-music corpus is not on this machine (${items}). Fetch it with\n  /usr/bin/python3 models/training/real_corpus.py\nor give a labelled set: soundlike bench quality --corpus DIR (DIR/labels.tsv: file<TAB>label).`);
  }
  const corpus = JSON.parse(readFileSync(items, 'utf8')) as { root: string; items: { path: string; package: string; split: string }[] };
  const files = corpus.items.filter((i) => i.split === 'test').map((i) => ({ path: join(corpus.root, i.path), label: i.package }));
  return { files, source: `real-music test packages of the training recipe (${items})` };
}

/** A labelled folder: DIR/labels.tsv, one `file<TAB>label` per line (file relative to DIR). */
function labelledFolder(dir: string): { files: LabelledFile[]; source: string } {
  const tsv = join(dir, 'labels.tsv');
  if (!existsSync(tsv)) throw new Error(`${tsv} is missing: one line per file, "file<TAB>label".`);
  const files = readFileSync(tsv, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).map((line, n) => {
    const [file, label] = line.split('\t');
    if (!file || !label) throw new Error(`${tsv}:${n + 1}: expected "file<TAB>label"`);
    return { path: resolve(dir, file), label };
  });
  return { files, source: tsv };
}

/** Top-k other tracks by score (higher = closer), ties by index. */
function topK(scores: Float64Array, self: number, k: number): number[] {
  return Array.from(scores.keys()).filter((i) => i !== self).sort((a, b) => scores[b] - scores[a] || a - b).slice(0, k);
}

function precisionOf(lists: number[][], labels: string[]): number {
  const each = lists.map((picks, seed) => (picks.length ? picks.filter((p) => labels[p] === labels[seed]).length / picks.length : 0));
  return each.reduce((a, b) => a + b, 0) / each.length;
}

function unit(rows: Float32Array[]): Float32Array[] {
  return rows.map((v) => {
    const n = Math.hypot(...v) || 1;
    return v.map((x) => x / n);
  });
}

function dot(a: Float32Array | Float64Array, b: Float32Array | Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function flat(rows: Float32Array[], d: number): Float32Array {
  const out = new Float32Array(rows.length * d);
  rows.forEach((r, i) => out.set(r, i * d));
  return out;
}

/** Ranking rules over per-track sets of unit vectors: each returns, per seed, its 10 picks. */
function rankings(sets: Float32Array[][], d: number): Record<string, number[][]> {
  const designRule = sets.map((seed, s) => {
    const query = new Float64Array(d);
    for (const v of seed) for (let j = 0; j < d; j++) query[j] += v[j];
    return topK(Float64Array.from(sets, (c) => Math.max(...c.map((v) => dot(query, v)))), s, 10);
  });
  const means = sets.map((c) => {
    const m = new Float32Array(d);
    for (const v of c) for (let j = 0; j < d; j++) m[j] += v[j];
    return unit([m])[0];
  });
  const songMean = means.map((m, s) => topK(Float64Array.from(means, (o) => dot(m, o)), s, 10));
  const flats = sets.map((c) => flat(c, d));
  const chamfer = flats.map((seed, s) => topK(Float64Array.from(flats, (c, i) => setSimilarity(seed, sets[s].length, c, sets[i].length, d).score), s, 10));
  // The same rule on spread samples of moments (seed x candidate), as the app bounds its work.
  const sampled = (seedMoments: number, candidateMoments: number) => {
    const pick = (c: Float32Array[], n: number) => spreadIndices(c.length, n).map((i) => c[i]);
    const seedSets = sets.map((c) => pick(c, seedMoments));
    const candSets = sets.map((c) => pick(c, candidateMoments));
    return seedSets.map((seed, s) => topK(Float64Array.from(candSets, (c) => setSimilarity(flat(seed, d), seed.length, flat(c, d), c.length, d).score), s, 10));
  };
  return { designRule, songMean, chamfer, chamfer16x32: sampled(16, 32), chamfer24x32: sampled(24, 32), chamfer32x48: sampled(32, 48) };
}

export async function benchQuality(options: { corpus?: string; manifestPath?: string }): Promise<Record<string, unknown>> {
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const set = options.corpus ? labelledFolder(resolve(options.corpus)) : recipeTestSet();
  const missing = set.files.filter((f) => !existsSync(f.path));
  if (missing.length) throw new Error(`${missing.length} files of the set are missing, e.g. ${missing[0].path}`);
  const root = benchDir('quality');
  const music = join(root, 'music');
  const labelOf = new Map<string, string>();
  const system = 'ffmpeg';
  log(`Preparing ${set.files.length} labelled files from ${set.source} in ${music} ...`);
  for (const [i, f] of set.files.entries()) {
    const dir = join(music, String(i).padStart(4, '0'));
    mkdirSync(dir, { recursive: true });
    const name = basename(f.path);
    let placed = join(dir, name);
    if (isAudioPath(f.path)) {
      symlinkSync(f.path, placed);
    } else {
      placed = join(dir, `${basename(name, extname(name))}.flac`);
      await run(system, ['-v', 'error', '-y', '-i', f.path, '-ac', '2', '-ar', '44100', placed]).catch((error: Error) => {
        throw new Error(`${f.path} could not be converted to FLAC with the system's ffmpeg (${error.message.split('\n')[0]})`);
      });
    }
    labelOf.set(placed, f.label);
  }

  const services = await createServices({ dataDir: join(root, 'data'), transport: 'web', live: false, manifestPath: options.manifestPath });
  try {
    await services.api.library.addFolderAndScan(music);
    let t = performance.now();
    await services.api.analysis.startAnalysis();
    await services.api.analysis.idle();
    const analysisSec = (performance.now() - t) / 1000;
    const tracks = (await services.api.library.listTracks()).filter((x) => labelOf.has(x.path)).sort((a, b) => a.id - b.id);
    const status = await services.api.analysis.getAnalysisStatus();
    log(`${tracks.length} tracks scanned, analysed in ${Math.round(analysisSec)} s (${status.counts.failed} failed)`);
    const labels = tracks.map((x) => labelOf.get(x.path) as string);
    const row = new Map(tracks.map((x, i) => [x.id, i]));

    // The app's own radio, through the services.
    const appLists: number[][] = [];
    const latencies: number[] = [];
    for (const track of tracks) {
      t = performance.now();
      const session = await services.api.radio.previewRadio({ kind: 'track', trackId: track.id }, { count: 10, adventure: 0, artistGap: 0 });
      latencies.push(performance.now() - t);
      appLists.push(session.picks.map((p) => row.get(p.trackId) as number));
    }
    latencies.sort((a, b) => a - b);
    const stats = await services.api.radio.indexStats();

    // The same stored vectors, ranked by each rule; in the model's space and in one fitted to this set.
    const sets: Float32Array[][] = tracks.map((x) => services.db.analysis.fragmentsOfTrack(x.id).map((f: FragmentRow) => f.vector));
    const d = sets[0]?.[0]?.length ?? 0;
    const owner: number[] = [];
    const sample: Float32Array[] = [];
    const perTrack = Math.max(4, Math.ceil(RADIO_TUNABLES.libraryMap.maxFragments / sets.length));
    sets.forEach((c, i) => spreadIndices(c.length, perTrack).forEach((j) => {
      sample.push(c[j]);
      owner.push(i);
    }));
    t = performance.now();
    const map = fitLibraryMap(flat(sample, d), Int32Array.from(owner), d, RADIO_TUNABLES.libraryMap.dims);
    const fitMs = performance.now() - t;
    const mapped = sets.map((c) => c.map((v) => Float32Array.from(applyLibraryMap(map, v))));
    const model = rankings(sets, d);
    const library = rankings(mapped, map.dims);

    // The 20-MFCC mean/std baseline, from the app's own decode settings.
    const ffmpeg = await resolveFfmpeg(null);
    if (!ffmpeg) throw new Error('ffmpeg is needed for the MFCC baseline.');
    const mfcc: Float64Array[] = [];
    for (const track of tracks) {
      const { stdout } = await run(ffmpeg.path, ['-v', 'error', '-i', track.path, '-ac', '1', '-ar', '22050', '-f', 'f32le', '-'], { encoding: 'buffer', maxBuffer: 1 << 30 });
      const pcm = new Float32Array(stdout.buffer, stdout.byteOffset, Math.floor(stdout.byteLength / 4));
      mfcc.push(mfccMeanStd(Float32Array.from(pcm)) ?? new Float64Array(40));
    }
    const mu = new Float64Array(40);
    const sd = new Float64Array(40);
    for (const v of mfcc) v.forEach((x, j) => (mu[j] += x / mfcc.length));
    for (const v of mfcc) v.forEach((x, j) => (sd[j] += ((x - mu[j]) ** 2) / mfcc.length));
    const z = mfcc.map((v) => {
      const out = v.map((x, j) => (x - mu[j]) / (Math.sqrt(sd[j]) + 1e-6));
      const n = Math.hypot(...out) || 1;
      return out.map((x) => x / n);
    });
    const mfccLists = z.map((v, s) => topK(Float64Array.from(z, (o) => dot(v, o)), s, 10));

    const chance = labels.reduce((sum, label, i) => sum + (labels.filter((l, j) => j !== i && l === label).length / (labels.length - 1)), 0) / labels.length;
    const round = (x: number) => Math.round(x * 1000) / 1000;
    const precisionAt10 = {
      appRadio: round(precisionOf(appLists, labels)),
      chamferLibrarySpace: round(precisionOf(library.chamfer, labels)),
      chamferLibrarySpaceMoments: {
        '16x32': round(precisionOf(library.chamfer16x32, labels)), '24x32': round(precisionOf(library.chamfer24x32, labels)), '32x48': round(precisionOf(library.chamfer32x48, labels)),
      },
      designRuleLibrarySpace: round(precisionOf(library.designRule, labels)),
      songMeanLibrarySpace: round(precisionOf(library.songMean, labels)),
      chamferModelSpace: round(precisionOf(model.chamfer, labels)),
      songMeanModelSpace: round(precisionOf(model.songMean, labels)),
      designRuleModelSpace: round(precisionOf(model.designRule, labels)),
      mfccMeanStd: round(precisionOf(mfccLists, labels)),
      random: round(chance),
    };
    const result = {
      set: set.source,
      tracks: tracks.length,
      labels: new Set(labels).size,
      modelId: (await services.api.analysis.getAnalysisStatus()).model?.id ?? null,
      analysisSec: Math.round(analysisSec),
      precisionAt10,
      appMinusMfcc: round(precisionOf(appLists, labels) - precisionOf(mfccLists, labels)),
      libraryMapGain: round(precisionOf(library.chamfer, labels) - precisionOf(model.chamfer, labels)),
      appRadioLatencyMs: { p50: round(latencies[Math.floor(latencies.length / 2)]), p95: round(latencies[Math.floor(latencies.length * 0.95)]) },
      index: stats,
      libraryMapFitMs: Math.round(fitMs),
      protocol: 'every track seeds a radio of 10 picks (adventure 0, artist gap 0); precision@10 = share of picks with the seed\'s label. '
        + 'Variants re-rank the same stored vectors: chamfer = symmetric Chamfer similarity of the songs\' fragments; designRule = the summed seed '
        + 'against each song\'s best fragment; songMean = one averaged vector per song; library space = the label-free LDA map fitted on these '
        + 'tracks\' own fragments (tracks as classes), as the app fits it. MFCC: 20 MFCCs mean+std per track, z-scored over the set, cosine.',
    };
    log(JSON.stringify(precisionAt10));
    return result;
  } finally {
    await services.dispose();
  }
}
