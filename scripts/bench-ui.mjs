#!/usr/bin/env node
/**
 * UI benchmark (not a test): drives the real built app (web host + Debian chromium via Playwright) and
 * measures what a user feels.
 *
 *   1. A 50,000-track library (rows written straight into SQLite after the app made the schema):
 *      first paint of the library view, search latency, scroll smoothness of the virtualised list.
 *   2. "Play similar sounding" on the demo library with the real model: click -> radio picks in the
 *      queue, click -> audio playing; for an analysed seed and for an unanalysed one (analysed on demand).
 *
 * Prints a JSON summary and saves it as bench-results/ui-<timestamp>.json.
 *
 *   node scripts/bench-ui.mjs [--tracks 50000] [--runs 5] [--scroll-ms 5000] [--loads 3]
 *                             [--skip-library] [--skip-radio] [--keep] [--headed] [--build DIR ...]
 *
 * Needs the build (out/); runs `npx electron-vite build` only when out/ is missing.
 *
 * --build DIR (repeatable) runs the library part once per build, side by side on the same library and the
 * same load, e.g. a "before" copy made with `npx electron-vite build --outDir /tmp/before/out` next to
 * links to package.json and node_modules (/tmp/before/{package.json,node_modules}), then
 * `--build /tmp/before/out --build out`. Without it the build is out/.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'soundlike.js');
const require = createRequire(join(ROOT, 'package.json'));

const { values: opts } = parseArgs({
  options: {
    tracks: { type: 'string', default: '50000' },
    runs: { type: 'string', default: '5' },
    'scroll-ms': { type: 'string', default: '5000' },
    loads: { type: 'string', default: '3' },
    'skip-library': { type: 'boolean', default: false },
    'skip-radio': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    headed: { type: 'boolean', default: false },
    build: { type: 'string', multiple: true },
  },
});
const TRACKS = Number(opts.tracks);
const RUNS = Number(opts.runs);
const SCROLL_MS = Number(opts['scroll-ms']);
const LOADS = Number(opts.loads);

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'];

// ---------------------------------------------------------------------------------------------- helpers

const log = (...a) => process.stderr.write(`[bench-ui ${new Date().toISOString().slice(11, 19)}] ${a.join(' ')}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (x, d = 1) => (x === null || x === undefined || Number.isNaN(x) ? null : Math.round(x * 10 ** d) / 10 ** d);

function quantile(values, q) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const pos = (v.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return v[lo] + (v[hi] - v[lo]) * (pos - lo);
}
const stats = (values) => {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x));
  return {
    medianMs: round(quantile(v, 0.5)), p95Ms: round(quantile(v, 0.95)),
    minMs: round(v.length ? Math.min(...v) : null), maxMs: round(v.length ? Math.max(...v) : null), n: v.length,
  };
};
const loadavg = () => os.loadavg().map((x) => round(x, 2));

/** Deterministic PRNG (mulberry32). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Everything to undo at the end, also on error or Ctrl-C.
const tempDirs = [];
const children = new Set();
let browser = null;

function makeTemp(prefix) {
  const dir = mkdtempSync(join(os.tmpdir(), `soundlike-bench-ui-${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) {
    children.delete(child);
    return;
  }
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), sleep(5000).then(() => true)]);
  if (timedOut) {
    child.kill('SIGKILL');
    await Promise.race([exited, sleep(2000)]);
  }
  children.delete(child);
}

let cleanedUp = false;
async function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  if (browser) await browser.close().catch(() => {});
  for (const child of [...children]) await stopChild(child).catch(() => {});
  if (opts.keep) {
    if (tempDirs.length) log(`kept temp dirs: ${tempDirs.join(' ')}`);
    return;
  }
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    log(`${sig}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

/** Runs the CLI to completion; throws with its output when it fails. */
function cli(args, env = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`soundlike ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** The builds the library part measures (each a folder holding main/cli.js and renderer/). */
const BUILDS = (opts.build ?? [join(ROOT, 'out')]).map((dir) => resolve(dir));
for (const dir of BUILDS) {
  if (dir !== join(ROOT, 'out') && !existsSync(join(dir, 'main', 'cli.js'))) throw new Error(`--build ${dir}: no main/cli.js there (build one with npx electron-vite build --outDir ${dir})`);
}

/**
 * `soundlike serve --data DIR --port 0` from `build` (default out/, through bin/soundlike.js); resolves with
 * the URL it prints (carries the token).
 */
async function startServer(dataDir, env = {}, build = join(ROOT, 'out')) {
  const entry = build === join(ROOT, 'out') ? BIN : join(build, 'main', 'cli.js');
  const child = spawn(process.execPath, [entry, 'serve', '--data', dataDir, '--port', '0'], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not print its URL in 60 s.\n${out}\n${err}`)), 60_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /Open: (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before printing its URL.\n${out}\n${err}`));
    });
  });
  return { child, url, stderr: () => err, stop: () => stopChild(child) };
}

const dbPath = (dataDir) => join(dataDir, 'library.db');
function openDb(dataDir) {
  const Database = require('better-sqlite3');
  const db = new Database(dbPath(dataDir));
  db.pragma('busy_timeout = 5000');
  return db;
}

// ------------------------------------------------------------------------------------ the 50k library

const WORDS = ['love', 'night', 'blue', 'heart', 'fire', 'rain', 'summer', 'dance', 'dream', 'light', 'river', 'road',
  'home', 'gold', 'shadow', 'star', 'moon', 'sun', 'city', 'lonely', 'wild', 'sweet', 'cold', 'electric', 'velvet',
  'midnight', 'morning', 'echo', 'ghost', 'paper', 'glass', 'silver', 'storm', 'ocean', 'desert', 'highway', 'angel',
  'devil', 'train', 'window', 'garden', 'winter', 'autumn', 'spring', 'fever', 'kiss', 'tears', 'smoke', 'mirror',
  'neon', 'thunder', 'honey', 'sugar', 'whisper', 'horizon', 'island', 'coast', 'valley', 'mountain', 'crystal', 'pulse',
  'signal', 'static', 'radio', 'satellite', 'orbit', 'gravity', 'falling', 'rising', 'running', 'waiting', 'burning',
  'broken', 'golden', 'secret', 'hidden', 'lost', 'found', 'forever', 'tonight', 'yesterday', 'tomorrow', 'again',
  'alone', 'together', 'under', 'over', 'between', 'little', 'big', 'old', 'new', 'red', 'green', 'black', 'white',
  'south', 'north', 'east', 'west', 'letter', 'song', 'blues', 'waltz', 'serenade', 'lullaby', 'anthem', 'prayer'];
const FIRST = ['Anna', 'Marco', 'Lena', 'Jonas', 'Sofia', 'Kai', 'Maya', 'Theo', 'Clara', 'Ivan', 'Nora', 'Felix', 'Ines',
  'Omar', 'Rosa', 'Hugo', 'Elif', 'Yuki', 'Pablo', 'Greta', 'Sam', 'Lucia', 'Arne', 'Mina', 'Otis', 'Vera', 'Luca', 'Ada'];
const LAST = ['Lind', 'Moreau', 'Berg', 'Santos', 'Novak', 'Kowalski', 'Haddad', 'Okafor', 'Tanaka', 'Rossi', 'Jensen',
  'Costa', 'Meyer', 'Dubois', 'Silva', 'Larsen', 'Fischer', 'Varga', 'Nakamura', 'Quinn', 'Ortega', 'Petrov', 'Byrne'];
const BAND_ADJ = ['Velvet', 'Electric', 'Midnight', 'Golden', 'Silent', 'Crimson', 'Paper', 'Neon', 'Wild', 'Lonely',
  'Hollow', 'Broken', 'Static', 'Cosmic', 'Rusty', 'Blue', 'Northern', 'Sleepy', 'Iron', 'Glass'];
const BAND_NOUN = ['Foxes', 'Engines', 'Lanterns', 'Tigers', 'Orchids', 'Wolves', 'Rivers', 'Pilots', 'Ghosts', 'Sparrows',
  'Machines', 'Harbours', 'Comets', 'Saints', 'Strangers', 'Owls', 'Canyons', 'Satellites', 'Crows', 'Kings'];
const GENRES = ['Rock', 'Pop', 'Jazz', 'Blues', 'Electronic', 'Hip-Hop', 'Classical', 'Folk', 'Country', 'Soul', 'Funk',
  'Reggae', 'Metal', 'Punk', 'Indie', 'Ambient', 'Latin', 'R&B', 'Techno', 'House', 'World', 'Soundtrack'];
const CODECS = [['MPEG 1 Layer 3', 44100, 320000], ['MPEG 1 Layer 3', 44100, 192000], ['FLAC', 44100, 950000],
  ['MPEG-4/AAC', 44100, 256000], ['Opus', 48000, 160000], ['Vorbis', 44100, 192000]];
/** Planted in a handful of titles: what a "rare" search finds. */
const RARE = ['zanzibar', 'quixotic', 'xylophonic'];

const cap = (w) => w[0].toUpperCase() + w.slice(1);

function fakeTracks(n, folderPath) {
  const rnd = prng(20261122);
  const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
  // Words get Zipf-like weights, so some words are common and some are rare, as in real titles.
  const weights = WORDS.map((_, i) => 1 / (i + 1) ** 0.8);
  const total = weights.reduce((a, b) => a + b, 0);
  const zipf = () => {
    let x = rnd() * total;
    for (let i = 0; i < WORDS.length; i++) if ((x -= weights[i]) <= 0) return WORDS[i];
    return WORDS[WORDS.length - 1];
  };
  const phrase = (min, max) => {
    const k = min + Math.floor(rnd() * (max - min + 1));
    return Array.from({ length: k }, (_, i) => (i === 0 || rnd() < 0.8 ? cap(zipf()) : zipf())).join(' ');
  };
  const rareAt = new Map(RARE.flatMap((w, i) => [[Math.floor(n * (0.11 + 0.3 * i)), w], [Math.floor(n * (0.23 + 0.3 * i)), w]]));
  const now = Date.now();
  const rows = [];
  let artistNo = 0;
  while (rows.length < n) {
    artistNo++;
    const artist = rnd() < 0.5 ? `${pick(FIRST)} ${pick(LAST)}` : `The ${pick(BAND_ADJ)} ${pick(BAND_NOUN)}`;
    const genre = pick(GENRES);
    const albums = 1 + Math.floor(rnd() * 4);
    for (let albumNo = 1; albumNo <= albums && rows.length < n; albumNo++) {
      const album = phrase(1, 3);
      const year = 1960 + Math.floor(rnd() * 65);
      const [codec, sampleRate, bitrate] = pick(CODECS);
      const ext = codec.startsWith('MPEG 1') ? 'mp3' : codec === 'FLAC' ? 'flac' : codec === 'Opus' ? 'opus' : codec === 'Vorbis' ? 'ogg' : 'm4a';
      const count = 6 + Math.floor(rnd() * 10);
      const compilation = rnd() < 0.05;
      for (let t = 1; t <= count && rows.length < n; t++) {
        let title = phrase(1, 4);
        const rare = rareAt.get(rows.length);
        if (rare) title = `${title} ${cap(rare)}`;
        const duration = 90 + rnd() * 330;
        const trackArtist = compilation ? `${pick(FIRST)} ${pick(LAST)}` : artist;
        rows.push({
          path: join(folderPath, `Artist ${artistNo}`, `Album ${albumNo}`, `${String(t).padStart(3, '0')} ${title.replace(/[/\\]/g, '-')}.${ext}`),
          size: Math.round(duration * bitrate / 8),
          mtime_ms: now - Math.floor(rnd() * 3e11),
          title,
          artist: trackArtist,
          album,
          album_artist: compilation ? 'Various Artists' : artist,
          track_no: t,
          disc_no: 1,
          year,
          genre,
          duration_sec: duration,
          codec,
          sample_rate: sampleRate,
          bitrate,
          fingerprint: `bench-${rows.length.toString(36)}`,
          added_at: now - Math.floor(rnd() * 3e10),
          updated_at: now,
        });
      }
    }
  }
  return rows;
}

/** A data dir holding `n` tracks in a folder that is offline (so the serve rescan keeps them). */
function makeBigLibrary(n) {
  const base = makeTemp('library');
  const dataDir = join(base, 'data');
  const empty = join(base, 'empty');
  mkdirSync(empty);
  cli(['scan', empty, '--data', dataDir]);
  const offline = join(base, 'offline-drive'); // never created: the scanner marks it missing and keeps its tracks
  const db = openDb(dataDir);
  try {
    const folder = db.prepare('SELECT id FROM folders WHERE path = ?').get(empty);
    if (!folder) throw new Error('scan did not create the folder row');
    db.prepare('UPDATE folders SET path = ? WHERE id = ?').run(offline, folder.id);
    const insert = db.prepare(`INSERT INTO tracks (folder_id, path, size, mtime_ms, title, artist, album, album_artist, track_no,
      disc_no, year, genre, duration_sec, codec, sample_rate, bitrate, cover_id, fingerprint, rg_track_db, rg_album_db, added_at, updated_at)
      VALUES (@folder_id, @path, @size, @mtime_ms, @title, @artist, @album, @album_artist, @track_no, @disc_no, @year, @genre,
      @duration_sec, @codec, @sample_rate, @bitrate, NULL, @fingerprint, NULL, NULL, @added_at, @updated_at)`);
    const rows = fakeTracks(n, offline);
    db.transaction(() => { for (const r of rows) insert.run({ folder_id: folder.id, ...r }); })();
    const count = db.prepare('SELECT COUNT(*) AS c FROM tracks').get().c;
    if (count !== n) throw new Error(`expected ${n} tracks in the database, found ${count}`);
    // The ids the app shows (data-track-id), so a search can be checked row by row.
    const idByPath = new Map(db.prepare('SELECT id, path FROM tracks').all().map((r) => [r.path, r.id]));
    for (const r of rows) r.id = idByPath.get(r.path);
    return { dataDir, rows };
  } finally {
    db.close();
  }
}

/** The ids of the rows holding every term of `query` (title, artist, album, album artist, genre): what the list must show. */
function matchingIds(rows, query) {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  const ids = [];
  for (const r of rows) {
    const hay = `${r.title} ${r.artist} ${r.album} ${r.album_artist} ${r.genre}`.toLowerCase();
    if (terms.every((t) => hay.includes(t))) ids.push(r.id);
  }
  return ids;
}

// In-page: records when the first track row and the full summary appear (ms since navigation start).
function installLoadProbe(expectedSummary) {
  const probe = { firstRowMs: null, firstRowFrameMs: null, summaryMs: null, summaryFrameMs: null, longTasks: [] };
  window.__benchLoad = probe;
  const afterFrame = (cb) => requestAnimationFrame(() => setTimeout(cb, 0));
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch { /* not supported */ }
  const check = () => {
    if (probe.firstRowMs === null && document.querySelector('[data-testid="track-row"]')) {
      probe.firstRowMs = performance.now();
      afterFrame(() => { probe.firstRowFrameMs = performance.now(); });
    }
    if (probe.summaryMs === null) {
      const s = document.querySelector('[data-testid="library-summary"]');
      if (s && s.textContent.startsWith(expectedSummary)) {
        probe.summaryMs = performance.now();
        afterFrame(() => { probe.summaryFrameMs = performance.now(); });
      }
    }
    if (probe.firstRowMs !== null && probe.summaryMs !== null) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

// In-page: sets the search box (one input event, as a paste or a keystroke would) and times until the
// result is on screen: `dispatchMs` the input handler, `domMs` the first moment the DOM shows the result
// (the summary counts `expectedIds.length` of the library and every track row in the DOM is one of
// `expectedIds`, as many as fill the list's viewport), `frameMs` the first frame painted after that.
// Any earlier DOM change (a spinner, the clear button, the old rows) does not count.
async function timeQuery({ query, expectedIds, total, rowHeight, timeoutMs }) {
  const input = document.querySelector('[data-testid="search-input"]');
  const root = document.querySelector('.library-view') ?? document.body;
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const summaryText = () => document.querySelector('[data-testid="library-summary"]')?.textContent ?? '';
  const expected = new Set(expectedIds);
  const count = expectedIds.length;
  const fmt = (n) => n.toLocaleString('en-US');
  const summaryPrefix = count === total ? `${fmt(total)} track` : `${fmt(count)} of ${fmt(total)} track`;
  const shown = () => {
    if (!summaryText().startsWith(summaryPrefix)) return false;
    const list = document.querySelector('[data-testid="track-list"]');
    const rows = document.querySelectorAll('[data-testid="track-row"]');
    for (const row of rows) if (!expected.has(Number(row.dataset.trackId))) return false;
    const fits = list ? Math.floor(list.clientHeight / rowHeight) : 1;
    return rows.length >= Math.min(count, fits);
  };
  const nextFrame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  let domMs = null;
  let t0 = 0;
  let done;
  const seen = new Promise((r) => { done = r; });
  const observer = new MutationObserver(() => {
    if (domMs !== null || !shown()) return;
    domMs = performance.now() - t0;
    observer.disconnect();
    done();
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
  t0 = performance.now();
  setValue.call(input, query);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  const dispatchMs = performance.now() - t0;
  // Already right after the handler (a synchronous render, or a query whose result is on screen already).
  if (domMs === null && shown()) {
    domMs = dispatchMs;
    observer.disconnect();
    done();
  }
  const timedOut = await Promise.race([seen.then(() => false), new Promise((r) => setTimeout(() => r(true), timeoutMs))]);
  observer.disconnect();
  await nextFrame();
  const frameMs = timedOut ? null : performance.now() - t0;
  return { query, dispatchMs, domMs, frameMs, timedOut, rows: document.querySelectorAll('[data-testid="track-row"]').length, summary: summaryText() };
}

// In-page: scrolls the list from rAF for `durationMs`, `pxPerFrame` a frame, and records frame times and,
// per frame, whether the rows in the DOM cover the viewport when the frame is painted. That check runs in
// a ResizeObserver callback (a sentinel resized by each rAF step): those run after every rAF callback and
// microtask of the frame and after layout, right before paint, so it sees what the frame paints, whether
// the list renders from the scroll event, a rAF of its own or a microtask. Geometry comes from layout that
// is already clean at that point, so the check forces no extra layout. The speed reaches pxPerFrame over
// the first `rampFrames` frames, as a wheel or touchpad fling gathers speed (a 600 px jump from rest in one
// frame is a scrollbar drag, which no list can have rendered in advance).
async function scrollRun({ durationMs, pxPerFrame, rampFrames = 1 }) {
  const el = document.querySelector('[data-testid="track-list"]');
  el.scrollTop = 0;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const viewport = el.clientHeight;
  const maxTop = el.scrollHeight - viewport;
  const sentinel = document.createElement('div');
  sentinel.style.cssText = 'position:fixed;left:0;top:0;height:1px;width:1px;visibility:hidden;pointer-events:none';
  document.body.append(sentinel);
  const frames = [];
  let gaps = 0;
  let checked = 0;
  let maxBlankPx = 0;
  const coverage = new ResizeObserver(() => {
    const box = el.getBoundingClientRect();
    let minTop = Infinity;
    let maxBottom = -Infinity;
    for (const row of el.querySelectorAll('[data-testid="track-row"]')) {
      const r = row.getBoundingClientRect();
      if (r.top < minTop) minTop = r.top;
      if (r.bottom > maxBottom) maxBottom = r.bottom;
    }
    const blank = Math.max(0, minTop - box.top) + Math.max(0, box.top + el.clientHeight - maxBottom);
    checked++;
    if (blank > 0.5) {
      gaps++;
      maxBlankPx = Math.max(maxBlankPx, Math.min(blank, el.clientHeight));
    }
  });
  coverage.observe(sentinel);
  let last = null;
  let top = 0;
  let dir = 1;
  let start = null;
  let bounces = 0;
  const result = await new Promise((resolveRun) => {
    const step = (ts) => {
      if (start === null) start = ts;
      if (last !== null) frames.push(ts - last);
      last = ts;
      if (ts - start >= durationMs) {
        resolveRun({ frames, viewport, maxTop, bounces, endTop: top });
        return;
      }
      const speed = pxPerFrame * Math.min(1, (frames.length + 1) / rampFrames);
      let next = top + dir * speed;
      if (next > maxTop || next < 0) { dir = -dir; bounces++; next = Math.min(maxTop, Math.max(0, top + dir * speed)); }
      top = next;
      el.scrollTop = top;
      sentinel.style.width = sentinel.style.width === '1px' ? '2px' : '1px';
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  // The last frame's check runs after this rAF; let it in before counting.
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  coverage.disconnect();
  sentinel.remove();
  return { ...result, gapFrames: gaps, checkedFrames: checked, maxBlankPx };
}

/**
 * rAF timestamps jitter by a fraction of a ms around the 16.67 ms vsync interval, so "over 16.7 ms" and
 * "over 33 ms" allow 1 ms of jitter (a frame of 16.8 ms is no dropped frame); the raw counts are kept too.
 */
function frameStats(run) {
  const f = run.frames;
  const total = f.reduce((a, b) => a + b, 0);
  const pct = (x) => round((100 * x) / Math.max(1, f.length), 1);
  return {
    fps: round((1000 * f.length) / total, 1),
    meanFrameMs: round(total / f.length, 2),
    p95FrameMs: round(quantile(f, 0.95), 1),
    maxFrameMs: round(Math.max(...f), 1),
    'over16ms%': pct(f.filter((x) => x > 16.7 + 1).length),
    'over33ms%': pct(f.filter((x) => x > 33.4 + 1).length),
    'over16.7msRaw%': pct(f.filter((x) => x > 16.7).length),
    frames: f.length,
    'blankFrames%': round((100 * run.gapFrames) / Math.max(1, run.checkedFrames), 1),
    checkedFrames: run.checkedFrames,
    maxBlankPx: round(run.maxBlankPx),
  };
}

/** The library part for one build, on a fresh copy of the generated library (`template`) and a fresh server. */
async function benchLibrary({ template, rows, setupMs }, build) {
  const base = makeTemp('library-run');
  const dataDir = join(base, 'data');
  cpSync(template, dataDir, { recursive: true });
  const server = await startServer(dataDir, {}, build);
  log(`${relative(ROOT, build) || build}: serving at ${server.url.replace(/token=[^&]+/, 'token=…')}`);
  const expectedSummary = `${TRACKS.toLocaleString('en-US')} track${TRACKS === 1 ? '' : 's'}`;
  const result = { build, tracks: TRACKS, setupMs };
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    await context.addInitScript(installLoadProbe, expectedSummary);

    // ---- first paint: several loads (the first is cold: server caches and the browser's HTTP cache empty)
    const loads = [];
    for (let i = 0; i < LOADS; i++) {
      await page.goto(server.url, { waitUntil: 'commit' });
      await page.waitForFunction(() => {
        const p = window.__benchLoad;
        return p && p.firstRowFrameMs !== null && p.summaryFrameMs !== null;
      }, null, { timeout: 120_000, polling: 50 });
      const probe = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const resources = performance.getEntriesByType('resource')
          .map((r) => ({ name: r.name.replace(/^https?:\/\/[^/]+/, '').replace(/token=[^&]+/, 'token=…').slice(0, 80), startMs: Math.round(r.startTime), durationMs: Math.round(r.duration), kB: Math.round((r.encodedBodySize || r.transferSize) / 1024) }))
          .sort((a, b) => b.durationMs - a.durationMs).slice(0, 4);
        return { ...window.__benchLoad, responseStartMs: nav ? nav.responseStart : null, domContentLoadedMs: nav ? nav.domContentLoadedEventEnd : null, resources };
      });
      const longBeforeRows = probe.longTasks.filter(([s]) => s < probe.summaryFrameMs);
      loads.push({
        firstRowMs: round(probe.firstRowMs), firstRowFrameMs: round(probe.firstRowFrameMs),
        summaryMs: round(probe.summaryMs), summaryFrameMs: round(probe.summaryFrameMs),
        // When the server answered the page itself: a late answer (a server still starting) delays everything after it.
        responseStartMs: round(probe.responseStartMs),
        domContentLoadedMs: round(probe.domContentLoadedMs),
        longTasksMs: round(longBeforeRows.reduce((a, [, d]) => a + d, 0)),
        longestTaskMs: round(Math.max(0, ...longBeforeRows.map(([, d]) => d))),
        slowestRequests: probe.resources,
      });
      log(`load ${i + 1}: first row ${round(probe.firstRowFrameMs)} ms, summary ${round(probe.summaryFrameMs)} ms`);
    }
    const summaryText = await page.locator('[data-testid="library-summary"]').textContent();
    if (!summaryText.startsWith(expectedSummary)) throw new Error(`the library shows "${summaryText}", not ${expectedSummary}`);
    result.summaryText = summaryText;
    result.firstPaintMs = round(quantile(loads.map((l) => l.firstRowFrameMs), 0.5));
    result.summaryMs = round(quantile(loads.map((l) => l.summaryFrameMs), 0.5));
    result.coldLoad = { firstPaintMs: loads[0].firstRowFrameMs, summaryMs: loads[0].summaryFrameMs, responseStartMs: loads[0].responseStartMs };
    result.loads = loads;
    result.loadNotes = `firstPaintMs / summaryMs: median over ${LOADS} loads of ms from navigation start to the first frame showing a track row / the summary "${expectedSummary}"; coldLoad: the first load (fresh server).`;
    await sleep(500);
    const rowHeight = await page.evaluate(() => {
      const r = document.querySelector('[data-testid="track-row"]');
      return r ? r.getBoundingClientRect().height : 30;
    });
    const query = async (text, timeoutMs) => {
      const expectedIds = matchingIds(rows, text);
      const r = await page.evaluate(timeQuery, { query: text, expectedIds, total: TRACKS, rowHeight, timeoutMs });
      if (r.timedOut) throw new Error(`search "${text}": the list did not show its ${expectedIds.length} matches within ${timeoutMs / 1000} s (summary "${r.summary}", ${r.rows} rows)`);
      return { ...r, matches: expectedIds.length };
    };

    // ---- search: whole queries (as a paste), each followed by clearing, then typing one key at a time
    const QUERIES = [
      ['common', 'love'], ['common', 'night'], ['common', 'rock'], ['common', 'the'], ['common', 'blue'],
      ['medium', 'velvet'], ['medium', 'midnight rain'], ['medium', 'anna'],
      ['rare', 'zanzibar'], ['rare', 'quixotic'], ['none', 'qwertyuiop'],
    ];
    const searches = [];
    for (const [kind, q] of QUERIES) {
      for (const [k, text] of [[kind, q], ['clear', '']]) {
        const r = await query(text, 15_000);
        searches.push({ kind: k, query: text, matches: r.matches, dispatchMs: round(r.dispatchMs), domMs: round(r.domMs), frameMs: round(r.frameMs), summary: r.summary.split(' · ')[0] });
        await sleep(150);
      }
    }
    // Keystroke by keystroke: each key refines the previous result.
    const typing = [];
    for (const word of ['midnight', 'golden river']) {
      for (let i = 1; i <= word.length; i++) {
        const text = word.slice(0, i);
        if (text.endsWith(' ')) continue; // same terms as before: nothing re-renders but the box
        const r = await query(text, 15_000);
        typing.push({ query: text, matches: r.matches, dispatchMs: round(r.dispatchMs), domMs: round(r.domMs), frameMs: round(r.frameMs) });
        await sleep(60);
      }
      await query('', 15_000);
      await sleep(150);
    }
    const byKind = {};
    for (const s of searches) (byKind[s.kind] ??= []).push(s.frameMs);
    const frameAll = searches.map((s) => s.frameMs);
    result.search = {
      medianMs: round(quantile(frameAll, 0.5)), p95Ms: round(quantile(frameAll, 0.95)),
      domMedianMs: round(quantile(searches.map((s) => s.domMs), 0.5)), domP95Ms: round(quantile(searches.map((s) => s.domMs), 0.95)),
      inputHandlerMedianMs: round(quantile(searches.map((s) => s.dispatchMs), 0.5)), inputHandlerP95Ms: round(quantile(searches.map((s) => s.dispatchMs), 0.95)),
      queries: searches.length,
      byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, { medianMs: round(quantile(v, 0.5)), maxMs: round(Math.max(...v)), n: v.length }])),
      typing: { ...stats(typing.map((t) => t.frameMs)), inputHandlerMedianMs: round(quantile(typing.map((t) => t.dispatchMs), 0.5)), keys: typing.length },
      notes: 'ms from setting the search box (one input event) to the first frame painted after the list shows the result: the summary counts the expected matches and every track row in the DOM is a match, enough to fill the viewport. medianMs/p95Ms: the whole queries and the clears between them; typing: one key at a time.',
      detail: searches,
      typingDetail: typing,
    };
    log(`search: median ${result.search.medianMs} ms, p95 ${result.search.p95Ms} ms`);

    // ---- scroll: a steady brisk scroll (the headline numbers), then a fling that outruns the overscan
    await sleep(500);
    const steady = await page.evaluate(scrollRun, { durationMs: SCROLL_MS, pxPerFrame: 40 });
    await sleep(300);
    const fling = await page.evaluate(scrollRun, { durationMs: Math.min(3000, SCROLL_MS), pxPerFrame: 600, rampFrames: 3 });
    result.scroll = {
      ...frameStats(steady), pxPerFrame: 40, durationMs: SCROLL_MS, viewportPx: steady.viewport, listHeightPx: steady.maxTop + steady.viewport,
      fling: { ...frameStats(fling), pxPerFrame: 600, rampFrames: 3 },
      notes: 'Frame times from rAF timestamps while rAF sets scrollTop (steady: 40 px/frame = 2,400 px/s for durationMs; fling: 600 px/frame, reached over its first 3 frames (200, 400, 600 px), for up to 3 s, bouncing at the ends). blankFrames%: of the frames checked (checkedFrames), those painted with part of the viewport not covered by track rows, checked right before paint (a ResizeObserver callback, after every rAF callback and layout); maxBlankPx: the largest uncovered height.',
    };
    log(`scroll: ${result.scroll.fps} fps, p95 ${result.scroll.p95FrameMs} ms, blank ${result.scroll['blankFrames%']} %; fling ${result.scroll.fling.fps} fps, blank ${result.scroll.fling['blankFrames%']} %`);
    await context.close();
  } finally {
    await server.stop();
    rmSync(base, { recursive: true, force: true });
  }
  return result;
}

// ------------------------------------------------------------------------------------------ the radio

const DEMO = join(ROOT, 'resources', 'demo-library');
/** The seed of every radio run: one demo song, kept in a folder of its own so it can be left unanalysed. */
const SEED_REL = join('The Demo Rockers', 'Garage Hours', '01 - Open Road.mp3');
/** A second analysed seed for the warm (second click in the same session) measurement. */
const WARM_SEED_REL = join('Trio Maré', 'Ondas', '01 - Ondas.opus');

function modelChoice() {
  const shipped = join(ROOT, 'models', 'manifest.json');
  if (existsSync(shipped)) return { manifest: shipped, env: {}, note: 'shipped model (models/manifest.json)' };
  const fallback = process.env.SOUNDLIKE_MODEL ? resolve(process.env.SOUNDLIKE_MODEL) : '/tmp/tmpmodel/manifest.json';
  if (!existsSync(fallback)) throw new Error(`No model: neither ${shipped} nor ${fallback} exists.`);
  return { manifest: fallback, env: { SOUNDLIKE_MODEL: fallback }, note: `FALLBACK model ${fallback} (models/manifest.json does not exist yet)` };
}

function setAutoAnalyse(dataDir, on) {
  const db = openDb(dataDir);
  try {
    // Partial settings are merged over the defaults by SettingsService.getSettings, so only the key we change is written
    // (over whatever the library already has).
    const row = db.prepare(`SELECT value FROM kv WHERE key = 'settings'`).get();
    const settings = { ...(row ? JSON.parse(row.value) : {}), autoAnalyse: on };
    db.prepare(`INSERT INTO kv(key, value) VALUES ('settings', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(JSON.stringify(settings));
  } finally {
    db.close();
  }
}

function trackIdByPath(dataDir, path) {
  const db = openDb(dataDir);
  try {
    const row = db.prepare('SELECT id, title FROM tracks WHERE path = ?').get(path);
    if (!row) throw new Error(`${path} is not in the library`);
    return row;
  } finally {
    db.close();
  }
}

function analysedCount(dataDir) {
  const db = openDb(dataDir);
  try {
    return db.prepare(`SELECT COUNT(*) AS c FROM analyses WHERE status = 'done'`).get().c;
  } finally {
    db.close();
  }
}

// In-page: from the click on "play similar sounding" to (a) a new radio pick in the queue, (b) the audio
// playing the seed (a one-song radio starts with its seed): not paused, currentTime > 0.1 s, its source
// is the seed's media URL, and the now-playing title is the seed's.
function armRadioProbe({ seedTitle, seedId }) {
  const isSeed = (a) => new URL(a.currentSrc || 'about:blank', location.href).pathname === `/media/track/${seedId}`;
  const probe = { clickMs: null, queueMs: null, playingEventMs: null, playingMs: null, queueCount: 0, error: null, trace: [] };
  window.__benchRadio = probe;
  // Queue item ids restart when the queue is replaced, so a new radio is told apart by its entries' text.
  const items = () => [...document.querySelectorAll('[data-testid="radio-queue-item"]')];
  const signature = () => items().map((e) => e.textContent).join('|');
  const old = signature();
  const onClick = (e) => {
    if (probe.clickMs === null && e.target instanceof Element && e.target.closest('[data-testid="play-similar"]')) probe.clickMs = performance.now();
  };
  const onPlaying = (e) => {
    if (probe.clickMs !== null && probe.playingEventMs === null && e.target?.dataset?.testid === 'audio-player' && isSeed(e.target)
      && document.querySelector('[data-testid="now-playing-title"]')?.textContent === seedTitle) probe.playingEventMs = performance.now();
  };
  document.addEventListener('click', onClick, true);
  document.addEventListener('playing', onPlaying, true);
  let lastTrace = '';
  const poll = () => {
    if (probe.clickMs !== null) {
      const now = performance.now();
      const title = document.querySelector('[data-testid="now-playing-title"]')?.textContent ?? null;
      const a = document.querySelector('[data-testid="audio-player"]');
      if (probe.queueMs === null) {
        const n = items().length;
        if (n >= 1 && signature() !== old) { probe.queueMs = now; probe.queueCount = n; }
      }
      if (probe.playingMs === null && a && !a.paused && a.currentTime > 0.1 && title === seedTitle && isSeed(a)) probe.playingMs = now;
      const src = a ? new URL(a.currentSrc || 'about:blank', location.href).pathname : '-';
      const trace = `title=${title} src=${src} paused=${a?.paused} t=${a ? a.currentTime.toFixed(1) : '-'}`;
      if (trace.replace(/t=\S+/, '') !== lastTrace && probe.trace.length < 30) { probe.trace.push(`${Math.round(now - probe.clickMs)}ms ${trace}`); lastTrace = trace.replace(/t=\S+/, ''); }
      const toast = document.querySelector('[data-testid="player-error"], [data-testid="toast"].error');
      if (toast && probe.error === null) probe.error = toast.textContent;
    }
    if (probe.queueMs === null || probe.playingMs === null) setTimeout(poll, 4);
    else {
      document.removeEventListener('click', onClick, true);
      document.removeEventListener('playing', onPlaying, true);
    }
  };
  poll();
}

async function radioClick(page, trackId, seedTitle, label, timeoutMs = 90_000) {
  await page.evaluate(armRadioProbe, { seedTitle, seedId: trackId });
  const row = page.locator(`[data-testid="track-row"][data-track-id="${trackId}"]`);
  await row.scrollIntoViewIfNeeded();
  await row.hover();
  const button = row.locator('[data-testid="play-similar"]');
  await button.waitFor({ state: 'attached' });
  await page.waitForFunction((id) => !document.querySelector(`[data-testid="track-row"][data-track-id="${id}"] [data-testid="play-similar"]`)?.disabled, trackId, { timeout: 30_000 });
  await button.click();
  let failed = null;
  await page.waitForFunction(() => {
    const p = window.__benchRadio;
    return p.clickMs !== null && p.queueMs !== null && p.playingMs !== null;
  }, null, { timeout: timeoutMs, polling: 50 }).catch((e) => {
    failed = `${label}: not both (picks queued, seed playing) within ${timeoutMs / 1000} s (${e.message.split('\n')[0]})`;
  });
  const p = await page.evaluate(() => {
    const p = window.__benchRadio;
    return { ...p, title: document.querySelector('[data-testid="now-playing-title"]')?.textContent ?? null };
  });
  const since = (ms) => (ms === null || p.clickMs === null ? null : round(ms - p.clickMs));
  return {
    toQueueMs: since(p.queueMs), toPlayingMs: since(p.playingMs), toPlayingEventMs: since(p.playingEventMs),
    radioItems: p.queueCount, nowPlaying: p.title, error: p.error, trace: p.trace, ...(failed ? { failed } : {}),
  };
}

async function radioRun(template, seed, { warmSeed = null, env }) {
  const base = makeTemp('radio-run');
  const dataDir = join(base, 'data');
  cpSync(template, dataDir, { recursive: true });
  const server = await startServer(dataDir, env);
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    await page.goto(server.url);
    await page.waitForFunction(() => document.querySelector('[data-testid="library-summary"]')?.textContent.startsWith('16 tracks'), null, { timeout: 60_000 });
    await page.locator(`[data-testid="track-row"][data-track-id="${seed.id}"]`).waitFor();
    await sleep(1000); // let start-up work (the live rescan, the analysis state fetch) settle
    const first = await radioClick(page, seed.id, seed.title, 'first click');
    if (first.failed) throw new Error(`${first.failed}: ${JSON.stringify(first)}`);
    let warm = null;
    if (warmSeed !== null) {
      await sleep(1500);
      // While a song plays: a failure here is a finding (recorded with its trace), not a broken bench.
      warm = await radioClick(page, warmSeed.id, warmSeed.title, 'warm click', 10_000);
    }
    await context.close();
    return { first, warm, analysedAfter: analysedCount(dataDir) };
  } finally {
    await server.stop();
    rmSync(base, { recursive: true, force: true });
  }
}

function summarise(runs, key) {
  const v = runs.map((r) => r[key]).filter((x) => typeof x === 'number');
  return { medianMs: round(quantile(v, 0.5)), minMs: v.length ? round(Math.min(...v)) : null, maxMs: v.length ? round(Math.max(...v)) : null, runs: v, failed: runs.length - v.length };
}

async function benchRadio() {
  const model = modelChoice();
  log(`radio: ${model.note}`);
  const base = makeTemp('radio');
  // The demo library, split: every song but the seed in main/, the seed alone in extra/.
  const main = join(base, 'music', 'main');
  const extra = join(base, 'music', 'extra');
  cpSync(DEMO, main, { recursive: true });
  mkdirSync(dirname(join(extra, SEED_REL)), { recursive: true });
  renameSync(join(main, SEED_REL), join(extra, SEED_REL));

  // Analysed: everything scanned and analysed.
  const analysedTpl = join(base, 'tpl-analysed');
  let t = Date.now();
  cli(['scan', main, extra, '--data', analysedTpl]);
  cli(['analyze', '--data', analysedTpl], model.env);
  const analyseMs = Date.now() - t;
  // Unanalysed: the others analysed, the seed added afterwards and left unanalysed (autoAnalyse off), so
  // the click has to analyse it on demand (and there are analysed songs to pick).
  const unanalysedTpl = join(base, 'tpl-unanalysed');
  cli(['scan', main, '--data', unanalysedTpl]);
  cli(['analyze', '--data', unanalysedTpl], model.env);
  setAutoAnalyse(unanalysedTpl, false);
  cli(['scan', extra, '--data', unanalysedTpl]);
  const seed = trackIdByPath(analysedTpl, join(extra, SEED_REL));
  const warmSeed = trackIdByPath(analysedTpl, join(main, WARM_SEED_REL));
  const seedU = trackIdByPath(unanalysedTpl, join(extra, SEED_REL));
  const done = analysedCount(analysedTpl);
  const doneU = analysedCount(unanalysedTpl);
  if (done !== 16 || doneU !== 15) throw new Error(`expected 16 and 15 analysed tracks in the templates, found ${done} and ${doneU}`);
  log(`radio templates ready (analyse 16 songs: ${analyseMs} ms); seed "${seed.title}"`);

  const analysed = [];
  const warm = [];
  const unanalysed = [];
  for (let i = 0; i < RUNS; i++) {
    const a = await radioRun(analysedTpl, seed, { warmSeed, env: model.env });
    analysed.push(a.first);
    if (a.warm) warm.push(a.warm);
    log(`analysed seed run ${i + 1}: queue ${a.first.toQueueMs} ms, playing ${a.first.toPlayingMs} ms; warm: queue ${a.warm?.toQueueMs} ms, playing ${a.warm?.toPlayingMs} ms`);
    const u = await radioRun(unanalysedTpl, seedU, { env: model.env });
    if (u.analysedAfter !== 16) throw new Error(`the unanalysed seed was not analysed by the click (${u.analysedAfter} analysed)`);
    unanalysed.push(u.first);
    log(`unanalysed seed run ${i + 1}: queue ${u.first.toQueueMs} ms, playing ${u.first.toPlayingMs} ms`);
  }
  const warnings = [];
  const warmFailed = warm.filter((w) => w.failed);
  if (warmFailed.length) {
    warnings.push(`second "play similar" while a song plays: in ${warmFailed.length} of ${warm.length} runs the seed "${warmSeed.title}" (track ${warmSeed.id}) did not start playing within 10 s; last trace: ${warmFailed[0].trace.slice(-2).join(' / ')} (the now-playing title changes, the audio element keeps its old source)`);
  }
  return {
    warnings,
    seed: seed.title,
    analysedSeed: {
      toQueueMs: summarise(analysed, 'toQueueMs'), toPlayingMs: summarise(analysed, 'toPlayingMs'),
      toPlayingEventMs: summarise(analysed, 'toPlayingEventMs'), radioItems: analysed[0]?.radioItems,
      warmSecondClick: { seed: warmSeed.title, toQueueMs: summarise(warm, 'toQueueMs'), toPlayingMs: summarise(warm, 'toPlayingMs'), detail: warm },
      detail: analysed,
    },
    unanalysedSeed: {
      toQueueMs: summarise(unanalysed, 'toQueueMs'), toPlayingMs: summarise(unanalysed, 'toPlayingMs'),
      toPlayingEventMs: summarise(unanalysed, 'toPlayingEventMs'), radioItems: unanalysed[0]?.radioItems,
      detail: unanalysed,
    },
    model: model.note,
    modelManifest: model.manifest,
    analyseAll16Ms: analyseMs,
    notes: 'Fresh server and copied data dir per run (first radio of a session: includes loading the model/index). A one-song radio starts with the seed, so "playing" is the seed itself starting (currentTime > 0.1 s, not paused); "queue" is the first radio-queue-item (a pick) rendered. warmSecondClick: a second play-similar (another analysed song) in the same session.',
  };
}

// -------------------------------------------------------------------------------------------- main

async function main() {
  const started = new Date();
  const machine = {
    cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, memGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version, loadAvgStart: loadavg(), startedAt: started.toISOString(),
  };
  log(`load average ${machine.loadAvgStart.join(' ')} on ${machine.cpus} cpus`);
  if (!existsSync(join(ROOT, 'out', 'main', 'cli.js')) || !existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
    log('out/ is missing: building (npx electron-vite build)');
    const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('build failed');
  }
  // Others may rebuild out/ while this runs: note it, since the numbers then mix two builds.
  const buildStamp = () => BUILDS.flatMap((b) => ['main/cli.js', 'renderer/index.html'].map((f) => statSync(join(b, f)).mtime.toISOString())).join(' ');
  const build = buildStamp();

  const { chromium } = await import(pathToFileURL(join(ROOT, 'node_modules', 'playwright-core', 'index.mjs')).href);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: !opts.headed,
    // Our own handlers close the browser, stop the servers and remove the temp dirs.
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false, args: opts.headed ? CHROMIUM_ARGS : ['--headless', ...CHROMIUM_ARGS] });
  machine.chromium = browser.version();

  const result = { machine, build: { builtAt: build }, warnings: [] };
  if (!opts['skip-library']) {
    log(`building a ${TRACKS.toLocaleString('en-US')}-track library`);
    const t0 = Date.now();
    const { dataDir, rows } = makeBigLibrary(TRACKS);
    const library = { template: dataDir, rows, setupMs: Date.now() - t0 };
    const runs = [];
    for (const build of BUILDS) runs.push(await benchLibrary(library, build));
    if (runs.length === 1) result.library = runs[0];
    else {
      result.libraryByBuild = runs;
      // One line per build, for reading the builds side by side.
      result.libraryCompared = runs.map((r) => ({
        build: r.build, firstPaintMs: r.firstPaintMs, coldFirstPaintMs: r.coldLoad.firstPaintMs, coldResponseStartMs: r.coldLoad.responseStartMs,
        searchMedianMs: r.search.medianMs, searchP95Ms: r.search.p95Ms, typingP95Ms: r.search.typing.p95Ms,
        scrollFps: r.scroll.fps, scrollBlankPct: r.scroll['blankFrames%'], flingBlankPct: r.scroll.fling['blankFrames%'], flingMaxBlankPx: r.scroll.fling.maxBlankPx,
      }));
    }
    machine.loadAvgAfterLibrary = loadavg();
  }
  if (!opts['skip-radio']) result.radio = await benchRadio();
  machine.loadAvgEnd = loadavg();
  if (buildStamp() !== build) result.warnings.push(`out/ was rebuilt during the run (${build} -> ${buildStamp()}): the numbers may mix two builds.`);
  if (result.radio?.warnings?.length) result.warnings.push(...result.radio.warnings);
  if (Math.max(machine.loadAvgStart[0], machine.loadAvgEnd[0]) > machine.cpus) result.warnings.push(`load average above the core count (${machine.loadAvgStart[0]} at start, ${machine.loadAvgEnd[0]} at end on ${machine.cpus} cpus): other work competed for the CPU.`);
  machine.finishedAt = new Date().toISOString();
  machine.durationS = round((Date.now() - started.getTime()) / 1000, 1);

  const outDir = join(ROOT, 'bench-results');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `ui-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  log(`saved ${relative(ROOT, file)}`);
}

try {
  await main();
} catch (err) {
  log(`FAILED: ${err?.stack ?? err}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
