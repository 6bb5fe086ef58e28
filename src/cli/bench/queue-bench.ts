/**
 * `soundlike bench queue`: the play queue at library scale. Removing a folder of N tracks while all of them
 * are queued (the cascade into queue_items needs its foreign-key index), and a track change at each queue
 * size: its time and the bytes it sends (reply and event), next to what a whole-queue edit costs; and
 * enqueue-at-end, remove-one and move-one sent as the whole queue (before) and as an edit (after).
 * Track rows are written straight into a fresh database (no audio is needed for either figure).
 */
import { join } from 'node:path';
import type { TrackFields } from '../../main/db/queries/tracks';
import { createServices, type Services } from '../../main/services';
import { benchDir } from './bench-common';
import { queueEdits } from './queue-edit-bench';

function fields(i: number): TrackFields {
  return {
    path: `/bench-queue/${Math.floor(i / 1000)}/${i}.mp3`, size: 4_000_000 + i, mtimeMs: 1, title: `Song ${i}`, artist: `Artist ${i % 3000}`,
    album: `Album ${i % 9000}`, albumArtist: null, trackNo: (i % 12) + 1, discNo: null, year: 2000 + (i % 25), genre: null, durationSec: 200,
    codec: 'MPEG 1 Layer 3', sampleRate: 44100, bitrate: 192000, coverId: null, replayGainTrackDb: null, replayGainAlbumDb: null, fingerprint: `f${i}`,
  };
}

/** A fresh library of `count` tracks in one folder. */
async function library(count: number): Promise<{ services: Services; folderId: number; trackIds: number[] }> {
  const services = await createServices({ dataDir: join(benchDir('queue'), 'data'), transport: 'web', live: false });
  const { db } = services;
  const trackIds: number[] = [];
  let folderId = 0;
  db.transaction(() => {
    folderId = db.folders.insert('/bench-queue');
    for (let i = 0; i < count; i++) trackIds.push(db.tracks.insert(folderId, fields(i)));
  });
  return { services, folderId, trackIds };
}

const bytes = (payload: unknown): number => Buffer.byteLength(JSON.stringify(payload));
const ms = (value: number): number => Math.round(value * 10) / 10;

/** Runs `call`, timing it and weighing its answer and every event `subscribe` saw meanwhile. */
async function measure<T>(call: () => Promise<T>, subscribe: ((listener: (payload: unknown) => void) => () => void)[]): Promise<{ ms: number; replyBytes: number; eventBytes: number }> {
  let eventBytes = 0;
  const stops = subscribe.map((event) => event((payload) => { eventBytes += bytes(payload); }));
  const started = performance.now();
  const reply = await call();
  const elapsed = performance.now() - started;
  stops.forEach((stop) => stop());
  return { ms: ms(elapsed), replyBytes: reply === undefined ? 0 : bytes(reply), eventBytes };
}

async function folderRemoval(tracks: number, log: (s: string) => void): Promise<Record<string, unknown>> {
  log(`Folder removal: ${tracks} tracks, all of them queued ...`);
  const { services, folderId, trackIds } = await library(tracks);
  try {
    await services.api.playback.replaceQueue(trackIds, 0);
    const started = performance.now();
    await services.api.library.removeFolder(folderId);
    const removeMs = performance.now() - started;
    const left = (await services.api.playback.getQueue()).items.length;
    return { tracks, queued: trackIds.length, ms: ms(removeMs), queueLeft: left };
  } finally {
    await services.dispose();
  }
}

async function trackChange(services: Services, trackIds: number[]): Promise<Record<string, unknown>> {
  const size = trackIds.length;
  const p = services.api.playback;
  const events = [p.onDidChangeQueue, p.onDidEditQueue, p.onDidChangeQueuePosition] as ((listener: (payload: unknown) => void) => () => void)[];
  const replace = await measure(() => p.replaceQueue(trackIds, 0), events);
  // Next, previous, jumps to both ends and the middle, as a listener does.
  const targets = [1, 2, 3, 2, size - 1, Math.floor(size / 2), 0, size - 2, 10, 11];
  const moves = [];
  for (const index of targets) moves.push(await measure(() => p.setCurrentIndex(index), events));
  const sorted = moves.map((m) => m.ms).sort((a, b) => a - b);
  const append = await measure(() => p.enqueue([trackIds[0]], 'end'), events);
  const get = await measure(() => p.getQueue(), []);
  return {
    entries: size,
    trackChange: { medianMs: sorted[Math.floor(sorted.length / 2)], maxMs: sorted[sorted.length - 1], replyBytes: moves[0].replyBytes, eventBytes: moves[0].eventBytes },
    replaceQueue: replace,
    appendOne: append,
    getQueue: { ms: get.ms, replyBytes: get.replyBytes },
  };
}

export async function benchQueue(options: { tracks: number; sizes: number[] }): Promise<Record<string, unknown>> {
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const results: Record<string, unknown> = { folderRemoval: await folderRemoval(options.tracks, log) };
  const changes = [];
  const edits = [];
  for (const size of options.sizes) {
    log(`Track change and edits: a queue of ${size} entries ...`);
    const { services, trackIds } = await library(size);
    try {
      changes.push(await trackChange(services, trackIds));
      edits.push(await queueEdits(services, trackIds));
    } finally {
      await services.dispose();
    }
  }
  results.trackChange = changes;
  results.queueEdits = edits;
  return results;
}
