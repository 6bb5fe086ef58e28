/**
 * Opening the real services on a temp data folder, and waiting for events instead of sleeping.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Event } from '../../src/shared/contract';
import { SoundlikeError, type ErrorCode } from '../../src/shared/errors';
import { createServices, type Services } from '../../src/main/services';
import { makeClip, makeTempDir, type TempDir } from './audio';

export function openServices(dataDir: string, live = false): Promise<Services> {
  return createServices({ dataDir, transport: 'web', live });
}

/**
 * Resolves with the first payload of `event` for which `predicate` holds; rejects after timeoutMs.
 * Subscribe (call this) before doing what should fire the event.
 */
export function waitFor<T>(event: Event<T>, predicate: (payload: T) => boolean = () => true, timeoutMs = 10_000, what = 'event'): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const unsubscribe = event((payload) => {
      let ok = false;
      try {
        ok = predicate(payload);
      } catch (error) {
        clearTimeout(timer);
        unsubscribe();
        reject(error as Error);
        return;
      }
      if (!ok) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(payload);
    });
  });
}

/** Collects every payload of an event until stopped. */
export function record<T>(event: Event<T>): { payloads: T[]; stop: () => void } {
  const payloads: T[] = [];
  const stop = event((p) => payloads.push(p));
  return { payloads, stop };
}

/** Awaits a promise that must reject with a SoundlikeError of `code`; returns the error. */
export async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<SoundlikeError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  if (!(caught instanceof SoundlikeError)) {
    throw new Error(`Expected a SoundlikeError ${code}, got ${caught === undefined ? 'success' : String(caught)}`);
  }
  if (caught.code !== code) throw new Error(`Expected ${code}, got ${caught.code}: ${caught.message}`);
  return caught;
}

/** A fresh data folder and services over it, for one describe block. */
export interface FreshServices {
  tmp: TempDir;
  /** Reassignable: a test may close these and open the same data folder again. */
  services: Services;
}

/** Opens fresh services before the block's tests and closes them (and removes the folder) after. */
export function freshServices(): FreshServices {
  const ctx = {} as FreshServices;
  beforeAll(async () => {
    ctx.tmp = makeTempDir();
    ctx.services = await openServices(ctx.tmp.at('data'));
  });
  afterAll(async () => {
    await ctx.services?.dispose();
    ctx.tmp?.cleanup();
  });
  return ctx;
}

/**
 * Services over a scanned library of three one-second clips (a, b, c) in `tmp`/music, data in `tmp`/data:
 * the smallest library a queue test needs. Track ids come in title order (a, b, c).
 */
export async function openClipLibrary(tmp: TempDir): Promise<{ services: Services; trackIds: number[] }> {
  await Promise.all(['a', 'b', 'c'].map((n, i) => makeClip(tmp.at('music', `${n}.wav`), { format: 'wav', seconds: 1, frequency: 300 + 100 * i })));
  const services = await openServices(tmp.at('data'));
  await services.api.library.addFolderAndScan(tmp.at('music'));
  const trackIds = (await services.api.library.listTracks()).sort((x, y) => x.title.localeCompare(y.title)).map((t) => t.id);
  return { services, trackIds };
}
