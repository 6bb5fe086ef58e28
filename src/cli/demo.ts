/**
 * `soundlike demo <folder>` (what `npm run demo` runs): scan and analyse a folder into the data folder,
 * print one radio with why each song was picked, and queue it through the same services the player then
 * serves, so the page opens on that radio. With --no-serve it stops after queuing (the desktop app opens
 * the data folder next and finds the queue there).
 */
import { resolve } from 'node:path';
import { SoundlikeError } from '../shared/errors';
import type { Track } from '../shared/domain';
import { createServices, type Services } from '../main/services';
import { formatAnalysisFailures, formatRadio, formatSummary } from './format';
import { createAnalysisProgressPrinter, createScanProgressPrinter } from './progress-bar';
import { serveUntilStopped } from './serve-host';
import { terminalField } from './terminal-text';

export interface DemoOptions {
  dataDir: string;
  folder: string;
  /** The seed song: a path or an id; default the folder's first song by path. */
  seed?: string;
  /** Serve the library in the browser afterwards (else stop once the radio is queued). */
  serve: boolean;
  port?: number;
  host?: string;
  manifestPath?: string;
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

async function scanFolder(services: Services, folder: string): Promise<void> {
  const { library } = services.api;
  const known = (await library.listFolders()).find((f) => f.path === resolve(folder));
  const unsubscribe = library.onDidScanProgress(createScanProgressPrinter());
  try {
    const summary = known ? await library.rescan(known.id) : (await library.addFolderAndScan(folder)).summary;
    process.stdout.write(`${formatSummary(known ? `Rescanned ${known.path}` : `Scanned ${folder}`, summary)}\n`);
  } finally {
    unsubscribe();
  }
}

async function analyseAll(services: Services): Promise<void> {
  const { analysis } = services.api;
  const started = Date.now();
  const unsubscribe = analysis.onDidAnalysisProgress(createAnalysisProgressPrinter());
  try {
    await analysis.startAnalysis();
    await analysis.idle();
  } finally {
    unsubscribe();
  }
  const status = await analysis.getAnalysisStatus();
  if (status.progress.phase === 'error') throw new SoundlikeError('INTERNAL', `Analysis stopped: ${status.progress.message}`);
  const { counts, model } = status;
  process.stdout.write(`Analysed the sound of ${counts.done} of ${counts.total} songs (${counts.fragments} five-second moments) ` +
    `with ${model?.id ?? 'the sound model'} on ${model?.device ?? 'cpu'} in ${seconds(started)}.\n`);
  process.stdout.write(formatAnalysisFailures(await analysis.listAnalysisFailures()));
}

function chooseSeed(tracks: Track[], folder: string, seed: string | undefined): Track {
  if (seed !== undefined) {
    const found = /^\d+$/.test(seed) ? tracks.find((t) => t.id === Number(seed)) : tracks.find((t) => t.path === resolve(seed));
    if (!found) throw new SoundlikeError('UNKNOWN_TRACK', `No song in the library is ${/^\d+$/.test(seed) ? `id ${seed}` : resolve(seed)}.`, 'Give --seed a song inside the demo folder, or leave it out.');
    return found;
  }
  const inFolder = tracks.filter((t) => t.path.startsWith(resolve(folder))).sort((a, b) => a.path.localeCompare(b.path));
  if (inFolder.length === 0) throw new SoundlikeError('UNKNOWN_TRACK', `${resolve(folder)} holds no songs Soundlike can play.`);
  return inFolder[0];
}

/** Runs the demo; resolves when it is done (with --no-serve) or when the host is stopped. */
export async function runDemo(options: DemoOptions): Promise<number> {
  const started = Date.now();
  const services = await createServices({ dataDir: options.dataDir, transport: 'web', live: options.serve, manifestPath: options.manifestPath });
  for (const notice of services.notices) process.stderr.write(`${notice}\n`);
  try {
    await scanFolder(services, options.folder);
    // The seed is checked before the analysis, so a wrong --seed is said at once.
    const tracks = await services.api.library.listTracks();
    const seed = chooseSeed(tracks, options.folder, options.seed);
    await analyseAll(services);
    // Queued here, before the player opens: the page (or the desktop app) starts on this radio.
    const session = await services.api.radio.playSimilar({ kind: 'track', trackId: seed.id });
    if (session.notice) process.stderr.write(`${session.notice}\n`);
    process.stdout.write(`\n${formatRadio(seed, session.picks, new Map(tracks.map((t) => [t.id, t])))}`);
    process.stdout.write('\nEach pick: how close it sounds to the seed, its moments <-> the seed\'s moments that matched (m:ss), ' +
      `and the tags both were heard to have ("both").\nQueued: "${terminalField(seed.title)}", then its ${session.picks.length} picks. Ready in ${seconds(started)}.\n\n`);
  } catch (error) {
    await services.dispose();
    throw error;
  }
  if (!options.serve) {
    await services.dispose();
    return 0;
  }
  await serveUntilStopped(services, options.dataDir, { port: options.port, host: options.host, anyPortIfTaken: options.port === undefined });
  return 0;
}
