/**
 * `soundlike bench analysis`: end-to-end analysis of N 4-minute MP3s (decode -> fragments -> encoder ->
 * stored) against ffmpeg decode-only throughput of the same files, in the same run, with the same two
 * tracks in flight; plus the process's peak memory. The MP3s are the demo songs looped to 4 minutes.
 */
import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ANALYSIS_TUNABLES } from '../../shared/defaults';
import { isAudioPath } from '../../shared/audio-formats';
import { resolveFfmpeg } from '../../main/ffmpeg';
import { appRoot } from '../../main/paths';
import { createServices } from '../../main/services';
import { benchDir, mb, rate, run } from './bench-common';

function demoSongs(dir = join(appRoot(), 'resources', 'demo-library')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? demoSongs(path) : isAudioPath(path) ? [path] : [];
  }).sort();
}

/** Runs jobs with `width` in flight, in order. */
async function inFlight<T>(items: T[], width: number, job: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await job(items[next++]);
  }));
}

export async function benchAnalysis(options: { tracks: number; minutes: number; manifestPath?: string }): Promise<Record<string, unknown>> {
  const ffmpeg = await resolveFfmpeg(null);
  if (!ffmpeg) throw new Error('ffmpeg is needed for the analysis benchmark.');
  const root = benchDir('analysis');
  const music = join(root, 'music');
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const songs = demoSongs();
  log(`Rendering ${options.tracks} MP3s of ${options.minutes} min from the demo songs in ${music} ...`);
  await run('mkdir', ['-p', music]);
  const files: string[] = [];
  for (let i = 0; i < options.tracks; i++) {
    const out = join(music, `track${String(i).padStart(3, '0')}.mp3`);
    await run(ffmpeg.path, ['-v', 'error', '-y', '-stream_loop', '-1', '-i', songs[i % songs.length], '-t', String(options.minutes * 60),
      '-ac', '2', '-ar', '44100', '-b:a', '192k', '-map_metadata', '-1', '-metadata', `title=Bench ${i}`, '-metadata', `artist=Bench ${i % 5}`, out]);
    files.push(out);
  }
  await Promise.all(files.map((f) => readFile(f))); // same page-cache state for both measurements

  const services = await createServices({ dataDir: join(root, 'data'), transport: 'web', live: false, manifestPath: options.manifestPath });
  try {
    await services.api.library.addFolderAndScan(music);
    const model = await services.engine.start();

    let t = performance.now();
    let audioSec = 0;
    await inFlight(files, ANALYSIS_TUNABLES.inFlight, async (f) => {
      audioSec += (await services.engine.decodeOnly(f)).audioSec;
    });
    const decodeMs = performance.now() - t;
    log(`decode only: ${options.tracks} tracks in ${Math.round(decodeMs)} ms`);

    t = performance.now();
    await services.api.analysis.startAnalysis();
    await services.api.analysis.idle();
    const pipelineMs = performance.now() - t;
    const status = await services.api.analysis.getAnalysisStatus();
    log(`pipeline: ${status.counts.done} tracks, ${status.counts.fragments} fragments in ${Math.round(pipelineMs)} ms`);

    const decodeRate = rate(options.tracks, decodeMs);
    const pipelineRate = rate(status.counts.done, pipelineMs);
    return {
      model: model.id,
      device: model.device,
      tracks: options.tracks,
      minutesPerTrack: options.minutes,
      audioHours: Math.round((audioSec / 3600) * 100) / 100,
      fragments: status.counts.fragments,
      failed: status.counts.failed,
      decodeOnly: { ms: Math.round(decodeMs), tracksPerSec: decodeRate, realtimeX: Math.round(audioSec / (decodeMs / 1000)) },
      pipeline: { ms: Math.round(pipelineMs), tracksPerSec: pipelineRate, tracksPerHour: Math.round(pipelineRate * 3600), secPerTrack: Math.round((pipelineMs / 1000 / status.counts.done) * 100) / 100 },
      pipelineOverDecode: Math.round((pipelineRate / decodeRate) * 100) / 100,
      peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
    };
  } finally {
    await services.dispose();
  }
}
