/**
 * The set-up the sound-model specs share: the model they need (models/manifest.json, or $SOUNDLIKE_MODEL),
 * and one web host over a fresh data folder for a file of serial tests, skipped (saying so) without a model.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from '@playwright/test';
import { startHost, type RunningHost } from './web-host';

export const ARTIFACTS = 'test-results/screenshots';
export const MODEL = process.env.SOUNDLIKE_MODEL ? resolve(process.env.SOUNDLIKE_MODEL) : resolve('models/manifest.json');
export const HAS_MODEL = existsSync(MODEL);

/** Registers the file's serial mode, skip, start and stop; the host's fields can be read once a test runs. */
export function serialModelHost(): RunningHost {
  let running: RunningHost | undefined;
  test.describe.configure({ mode: 'serial' });
  test.skip(!HAS_MODEL, `No sound model at ${MODEL}: train one (models/training) or set SOUNDLIKE_MODEL to a manifest.json.`);
  test.beforeAll(async () => {
    if (!HAS_MODEL) return;
    mkdirSync(ARTIFACTS, { recursive: true });
    running = await startHost();
  });
  test.afterAll(async () => {
    await running?.stop();
  });
  const started = (): RunningHost => {
    if (!running) throw new Error('The web host starts in beforeAll: read it inside a test.');
    return running;
  };
  return {
    get url() { return started().url; },
    get origin() { return started().origin; },
    get token() { return started().token; },
    get dataDir() { return started().dataDir; },
    get port() { return started().port; },
    stop: (options) => started().stop(options),
  };
}
