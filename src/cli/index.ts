/**
 * The command-line front end: the same services as the app, no window. `soundlike --help` lists the
 * commands. Exit codes: 0 done, 1 failed, 2 bad usage or input.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SoundlikeError } from '../shared/errors';
import { setProcessRole } from '../main/data-lock';
import { LogFile, pointHintAtLog } from '../main/logging';
import { appRoot, dataPaths, defaultDataDir } from '../main/paths';
import { APP_VERSION, createServices } from '../main/services';
import { requireBindHost } from '../main/web/binding';
import { chooseFfmpeg, exportPlaylist, importPlaylist } from './file-commands';
import { formatAnalysisFailures, formatError, formatRadio, formatSummary, formatTrackTable } from './format';
import { terminalJson } from './terminal-text';
import { cpus } from 'node:os';
import { benchAnalysis } from './bench/analysis-bench';
import { saveResults } from './bench/bench-common';
import { benchLibrary, watchProbe } from './bench/library-bench';
import { benchMainThread, mainThreadProbe } from './bench/main-thread-bench';
import { forkNodeHost } from '../main/service-host/node-host-process';
import { startSupervisor, type ServiceHostSupervisor } from '../main/service-host/supervisor';
import { benchQuality } from './bench/quality-bench';
import { benchRadio } from './bench/radio-bench';
import { benchQueue } from './bench/queue-bench';
import { benchStep } from './bench/step-bench';
import { createAnalysisProgressPrinter, createScanProgressPrinter } from './progress-bar';
import { runDemo } from './demo';
import { serveUntilStopped, type ServedServices } from './serve-host';
import { sonicPathCommand } from './path-command';

const HELP = `Soundlike ${APP_VERSION}: a music player whose radio follows the sound of the music.

Usage: soundlike <command> [options]

Commands:
  scan <folder...>     add music folders to the library (or rescan them) and read their tags
  tracks               list the library's tracks (--json for machine-readable output)
  serve                start the web host and print its address (with its access token)
  demo <folder>        scan and analyse a folder, print a radio with why each song was picked, then
                       serve it with that radio queued (--seed <track>; --no-serve: stop once queued)
  import <file.m3u8>   make a playlist from an .m3u/.m3u8 file (entries not in the library are listed)
  export <playlist> [file]
                       write a playlist (its id or name) as extended M3U to the file, or print it
  ffmpeg [path]        show the ffmpeg program analysis uses, or set it (--reset: find it by itself)
  analyze              analyse the sound of every track not analysed yet, then exit
  radio <track>        songs that sound like a track (a path or an id), with why each was picked
                       (--count N, default 10; --adventure 0..1; --artist-gap N, default 3; --json)
  path <from> <to>     a sonic path: songs that walk from one track to the other (each a path or an id)
                       through the sound space, each with why it follows the one before (--count N, default 10; --json)
  bench [all]          analysis and radio benchmarks (as below), results saved under bench-results/
  bench analysis       analysis throughput vs raw ffmpeg decoding of the same files (--tracks N, default 24; --minutes M, default 4)
  bench radio          radio latency and recall (--sizes 100000,1000000; --queries N, default 200;
                       --reuse DIR with one size: the library an earlier run wrote)
  bench quality        radio precision@10 on real labelled music vs MFCC and random (--corpus DIR with labels.tsv;
                       default: the real-music test packages of the training recipe)
  bench step           radio quality vs analysis cost per fragment step, on the corpus's test songs
                       (--corpus DIR, default models/training/corpus/main; --steps 5,2.5,1.25)
  bench library        scanning and watching (--files N, default 10000; --big N, default 100000)
  bench queue          removing a folder of N queued tracks (--tracks N, default 20000), a track change and
                       enqueue/remove/move (whole queue vs edit) in queues of each size (--sizes 50000,200000):
                       time and bytes sent
  bench main-thread    the front end's longest main-thread stall while N files scan and then analyse, services
                       in-process vs behind the service host (--files N, default 10000; --seconds S of analysis,
                       default 30; --rounds N, default 2)

Options:
  --data <dir>         where the library database lives (default: ${defaultDataDir()})
  --model <manifest>   the sound model's manifest.json (default: the shipped models/manifest.json)
  --json               (tracks) print JSON
  --port <n>           (serve, demo) port to listen on (default 7878; 0 picks a free one)
  --host <addr>        (serve) address to bind (default 127.0.0.1: only this computer; any other
                       address lets the network reach it, with the access token the only protection)
  --service-host       (serve) run the services in their own process, as the desktop app does (restarted
                       if it crashes; the page is told)
  --reset              (ffmpeg) forget the set path and find ffmpeg by itself
  -h, --help           show this help
  -v, --version        show the version

One Soundlike at a time writes a data folder: while the app, serve or another command holds it, the
others are refused (naming it); tracks still lists the library, reading only. Log: <data>/logs/soundlike.log
`;

class UsageError extends Error {}

interface Parsed {
  command: string | undefined;
  positionals: string[];
  values: { data?: string; model?: string; count?: string; adventure?: string; 'artist-gap'?: string; tracks?: string; minutes?: string; sizes?: string; queries?: string; reuse?: string; corpus?: string; steps?: string; json?: boolean; reset?: boolean; seed?: string; 'no-serve'?: boolean; port?: string; host?: string; files?: string; big?: string; rounds?: string; seconds?: string; 'service-host'?: boolean; help?: boolean; version?: boolean };
}

function parse(argv: string[]): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        data: { type: 'string' },
        model: { type: 'string' },
        count: { type: 'string' },
        adventure: { type: 'string' },
        'artist-gap': { type: 'string' },
        json: { type: 'boolean' },
        reset: { type: 'boolean' },
        seed: { type: 'string' },
        'no-serve': { type: 'boolean' },
        port: { type: 'string' },
        host: { type: 'string' },
        files: { type: 'string' },
        tracks: { type: 'string' },
        minutes: { type: 'string' },
        sizes: { type: 'string' },
        queries: { type: 'string' },
        reuse: { type: 'string' },
        corpus: { type: 'string' },
        steps: { type: 'string' },
        big: { type: 'string' },
        rounds: { type: 'string' },
        seconds: { type: 'string' },
        'service-host': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
    return { command: positionals[0], positionals: positionals.slice(1), values };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function scan(dataDir: string, folders: string[]): Promise<number> {
  if (folders.length === 0) throw new UsageError('scan needs at least one folder: soundlike scan <folder...>');
  const services = await createServices({ dataDir, transport: 'web', live: false });
  for (const notice of services.notices) process.stderr.write(`${notice}\n`);
  const library = services.api.library;
  const unsubscribe = library.onDidScanProgress(createScanProgressPrinter());
  let status = 0;
  try {
    for (const input of folders) {
      const known = (await library.listFolders()).find((f) => f.path === resolve(input));
      try {
        const summary = known ? await library.rescan(known.id) : (await library.addFolderAndScan(input)).summary;
        process.stdout.write(`${formatSummary(known ? `Rescanned ${known.path}` : `Scanned ${input}`, summary)}\n`);
      } catch (error) {
        process.stderr.write(`${formatError(pointHintAtLog(SoundlikeError.from(error)))}\n`);
        status = 2;
      }
    }
  } finally {
    unsubscribe();
    await services.dispose();
  }
  return status;
}

async function tracks(dataDir: string, json: boolean): Promise<number> {
  // Reading only: SQLite's WAL lets it read beside a running writer, so it works while the app or serve runs.
  const services = await createServices({ dataDir, transport: 'web', live: false, readOnlyIfBusy: true });
  for (const notice of services.notices) process.stderr.write(`${notice}\n`);
  try {
    const all = await services.api.library.listTracks();
    all.sort((a, b) => a.path.localeCompare(b.path));
    process.stdout.write(json ? `${terminalJson(all)}\n` : `${formatTrackTable(all)}\n`);
    return 0;
  } finally {
    await services.dispose();
  }
}

/** --port and --host, checked before anything opens (an empty host would listen on every interface). */
function serveOptions(portText: string | undefined, host: string | undefined): { port?: number; host?: string } {
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, not "${portText}".`);
  }
  return { port, host: host === undefined ? undefined : requireBindHost(host) };
}

/** The supervisor as the web host serves it: replies and events passed on as the host's JSON text. */
function servedFromHost(host: ServiceHostSupervisor): ServedServices & { notices: string[] } {
  return { api: host.api, media: host.media, relay: host, notices: host.notices, dispose: () => host.dispose() };
}

async function serve(dataDir: string, portText: string | undefined, host: string | undefined, serviceHost: boolean): Promise<number> {
  const options = serveOptions(portText, host);
  // --service-host: the services run in their own process under the supervisor the desktop app uses.
  const services = serviceHost
    ? servedFromHost(await startSupervisor({ spawn: () => forkNodeHost(), start: { dataDir, transport: 'web', live: true, owner: 'soundlike serve' } }))
    : await createServices({ dataDir, transport: 'web', live: true });
  for (const notice of services.notices) process.stderr.write(`${notice}\n`);
  await serveUntilStopped(services, dataDir, options);
  return 0;
}

async function analyze(dataDir: string, model: string | undefined): Promise<number> {
  const services = await createServices({ dataDir, transport: 'web', live: false, manifestPath: model });
  for (const notice of services.notices) process.stderr.write(`${notice}\n`);
  const { analysis } = services.api;
  const unsubscribe = analysis.onDidAnalysisProgress(createAnalysisProgressPrinter());
  const started = Date.now();
  try {
    await analysis.startAnalysis();
    await analysis.idle();
    const status = await analysis.getAnalysisStatus();
    if (status.progress.phase === 'error') {
      process.stderr.write(`soundlike: ${status.progress.message}\n`);
      return 2;
    }
    const failures = await analysis.listAnalysisFailures();
    const { counts, model: loaded } = status;
    process.stdout.write(`Analysed ${status.progress.done - status.progress.failed} tracks (${status.progress.failed} failed) in ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s with ${loaded?.id} on ${loaded?.device}.\n` +
      `Library: ${counts.done} of ${counts.total} tracks analysed, ${counts.fragments} fragments, ${counts.failed} failed.\n` +
      (counts.outdated > 0 ? `${counts.outdated} tracks analysed with an earlier model or step are still to redo (run analyze again).\n` : ''));
    process.stdout.write(formatAnalysisFailures(failures));
    return 0;
  } finally {
    unsubscribe();
    await services.dispose();
  }
}

async function radio(dataDir: string, seedArg: string | undefined, values: Parsed['values']): Promise<number> {
  if (!seedArg) throw new UsageError('radio needs a seed track: soundlike radio <track path or id>');
  const count = values.count === undefined ? undefined : Number(values.count);
  const adventure = values.adventure === undefined ? undefined : Number(values.adventure);
  const artistGap = values['artist-gap'] === undefined ? undefined : Number(values['artist-gap']);
  const services = await createServices({ dataDir, transport: 'web', live: false, manifestPath: values.model });
  for (const notice of services.notices) process.stderr.write(`${notice}\n`);
  try {
    const tracks = await services.api.library.listTracks();
    const byId = new Map(tracks.map((t) => [t.id, t]));
    const seedTrack = /^\d+$/.test(seedArg) ? byId.get(Number(seedArg)) : tracks.find((t) => t.path === resolve(seedArg));
    if (!seedTrack) throw new SoundlikeError('UNKNOWN_TRACK', `No track in the library is ${/^\d+$/.test(seedArg) ? `id ${seedArg}` : resolve(seedArg)}.`, 'Scan its folder first (soundlike scan <folder>), or list ids with soundlike tracks.');
    const session = await services.api.radio.previewRadio({ kind: 'track', trackId: seedTrack.id }, { count, adventure, artistGap });
    if (session.notice) process.stderr.write(`${session.notice}\n`);
    if (values.json) {
      const brief = (id: number) => {
        const t = byId.get(id);
        return { id, path: t?.path, title: t?.title, artist: t?.artist, album: t?.album };
      };
      process.stdout.write(`${terminalJson({
        seed: brief(seedTrack.id),
        options: session.options,
        picks: session.picks.map((p) => ({ ...brief(p.trackId), id: undefined, trackId: p.trackId, distance: p.explanation.distance, explanation: p.explanation })),
      })}\n`);
    } else {
      process.stdout.write(formatRadio(seedTrack, session.picks, byId));
    }
    return 0;
  } finally {
    await services.dispose();
  }
}

/** Runs one short command over the library's services and closes them. */
async function withServices(dataDir: string, run: (api: Awaited<ReturnType<typeof createServices>>['api']) => Promise<number>): Promise<number> {
  const services = await createServices({ dataDir, transport: 'web', live: false });
  for (const notice of services.notices) process.stderr.write(`${notice}\n`);
  try {
    return await run(services.api);
  } finally {
    await services.dispose();
  }
}

function count(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive whole number.`);
  return n;
}

async function bench(positionals: string[], values: Parsed['values']): Promise<number> {
  const [which, arg] = positionals;
  if (which === 'library') {
    await benchLibrary({ files: count(values.files, 10_000, 'files'), bigTree: count(values.big, 100_000, 'big') });
    return 0;
  }
  if (which === 'queue') {
    const sizes = (values.sizes ?? '50000,200000').split(',').map((n) => count(n, 0, 'sizes'));
    const results = { machine: `${process.platform}-${process.arch}, ${cpus().length} cores, node ${process.version}`, ...await benchQueue({ tracks: count(values.tracks, 20_000, 'tracks'), sizes }) };
    const file = saveResults('queue', results);
    process.stdout.write(`${JSON.stringify(results, null, 2)}\nSaved ${file}\n`);
    return 0;
  }
  if (which === undefined || which === 'all' || which === 'analysis' || which === 'radio') {
    const results: Record<string, unknown> = { machine: `${process.platform}-${process.arch}, ${cpus().length} cores, node ${process.version}` };
    if (which !== 'radio') {
      results.analysis = await benchAnalysis({ tracks: count(values.tracks, 24, 'tracks'), minutes: count(values.minutes, 4, 'minutes'), manifestPath: values.model });
    }
    if (which !== 'analysis') {
      const sizes = (values.sizes ?? '100000,1000000').split(',').map((n) => count(n, 0, 'sizes'));
      // --reuse DIR: the data folder a previous run wrote for the (single) size given (soundlike-bench-radio-N-*).
      const reuse = values.reuse ? { [sizes[0]]: resolve(values.reuse) } : undefined;
      results.radio = await benchRadio({ sizes, queries: count(values.queries, 200, 'queries'), manifestPath: values.model, reuse });
    }
    const file = saveResults(which === undefined || which === 'all' ? 'bench' : which, results);
    process.stdout.write(`${JSON.stringify(results, null, 2)}\nSaved ${file}\n`);
    return 0;
  }
  if (which === 'quality') {
    const results = await benchQuality({ corpus: values.corpus, manifestPath: values.model });
    const file = saveResults('quality', results);
    process.stdout.write(`${JSON.stringify(results, null, 2)}\nSaved ${file}\n`);
    return 0;
  }
  if (which === 'step') {
    const steps = (values.steps ?? '5,2.5,1.25').split(',').map(Number);
    if (steps.some((s) => !(s > 0))) throw new UsageError('--steps must be positive seconds, e.g. 5,2.5,1.25');
    const results = await benchStep({ corpus: resolve(values.corpus ?? join(appRoot(), 'models/training/corpus/main')), steps, manifestPath: values.model });
    const file = saveResults('step', results);
    process.stdout.write(`${JSON.stringify(results, null, 2)}\nSaved ${file}\n`);
    return 0;
  }
  if (which === 'main-thread') {
    const results = {
      machine: `${process.platform}-${process.arch}, ${cpus().length} cores, node ${process.version}`,
      ...await benchMainThread({ files: count(values.files, 10_000, 'files'), analyseSeconds: count(values.seconds, 30, 'seconds'), rounds: count(values.rounds, 2, 'rounds') }),
    };
    const file = saveResults('main-thread', results);
    process.stdout.write(`${JSON.stringify(results, null, 2)}\nSaved ${file}\n`);
    return 0;
  }
  if (which === 'main-thread-probe' && arg) {
    const [, , music, dataDir, seconds] = positionals;
    await mainThreadProbe(arg, music, dataDir, count(seconds, 30, 'seconds'));
    return 0;
  }
  if (which === 'watch-probe' && arg) {
    await watchProbe(arg);
    return 0;
  }
  throw new UsageError('Which benchmark? soundlike bench [all|analysis|radio|library|queue|quality|step|main-thread]');
}

export async function main(argv: string[]): Promise<number> {
  let logFile: string | null = null;
  try {
    const { command, positionals, values } = parse(argv);
    if (values.version) {
      process.stdout.write(`${APP_VERSION}\n`);
      return 0;
    }
    if (values.help || command === undefined || command === 'help') {
      process.stdout.write(HELP);
      return command === undefined && !values.help ? 2 : 0;
    }
    const dataDir = values.data ?? defaultDataDir();
    logFile = dataPaths(dataDir).log;
    setProcessRole(`soundlike ${command}`);
    switch (command) {
      case 'scan':
        return await scan(dataDir, positionals);
      case 'tracks':
        return await tracks(dataDir, values.json ?? false);
      case 'serve':
        return await serve(dataDir, values.port, values.host, values['service-host'] === true);
      case 'demo':
        if (!positionals[0]) throw new UsageError('demo needs a music folder: soundlike demo <folder>');
        return await runDemo({ dataDir, folder: positionals[0], seed: values.seed, serve: !values['no-serve'], ...serveOptions(values.port, values.host), manifestPath: values.model });
      case 'analyze':
      case 'analyse':
        return await analyze(dataDir, values.model);
      case 'radio':
        return await radio(dataDir, positionals[0], values);
      case 'path':
        return await sonicPathCommand(dataDir, positionals, values);
      case 'import':
        if (!positionals[0]) throw new UsageError('import needs a playlist file: soundlike import <file.m3u8>');
        return await withServices(dataDir, (api) => importPlaylist(api, positionals[0], process.stdout));
      case 'export':
        if (!positionals[0]) throw new UsageError('export needs a playlist: soundlike export <playlist id or name> [file.m3u8]');
        return await withServices(dataDir, (api) => exportPlaylist(api, positionals[0], positionals[1], process.stdout));
      case 'ffmpeg':
        if (values.reset && positionals[0]) throw new UsageError('Give either a path or --reset, not both.');
        return await withServices(dataDir, (api) => chooseFfmpeg(api, positionals[0], values.reset ?? false, process.stdout));
      case 'bench':
        return await bench(positionals, values);
      default:
        throw new UsageError(`Unknown command "${command}". Run soundlike --help for the list.`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`soundlike: ${error.message}\n`);
      return 2;
    }
    const e = SoundlikeError.from(error);
    // A bug's details go to the log the hint names (the services, and their log, are closed by now).
    if (logFile && e.code === 'INTERNAL') new LogFile(logFile).write('error', error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.stderr.write(`${formatError(pointHintAtLog(e, logFile))}\n`);
    return error instanceof SoundlikeError && error.code !== 'INTERNAL' ? 2 : 1;
  }
}

// Run when executed (bin/soundlike.js imports this bundle and calls main itself).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
