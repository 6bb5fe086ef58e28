/**
 * The log file in the data folder: what main reports lands in it, it stays bounded by rotation, and the
 * "see the log" hints users get name it by its real path (over the transports' dispatch too).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SoundlikeError } from '../../src/shared/errors';
import { invokeCommand } from '../../src/main/ipc/dispatch';
import { LogFile, pointHintAtLog } from '../../src/main/logging';
import { makeTempDir, type TempDir } from '../helpers/audio';
import { openServices } from '../helpers/services';

describe('the log file', () => {
  let tmp: TempDir;

  beforeAll(() => {
    tmp = makeTempDir();
  });

  afterAll(() => tmp?.cleanup());

  it('receives what main reports while services are open, in <data>/logs/soundlike.log', async () => {
    const data = tmp.at('data');
    const services = await openServices(data);
    const file = join(data, 'logs', 'soundlike.log');
    try {
      expect(services.paths.log).toBe(file);
      expect((await services.api.settings.getEnvironment()).logFile).toBe(file);
      console.error('[soundlike] rescan failed:', new Error('the disk went away'));
      const text = readFileSync(file, 'utf8');
      expect(text).toMatch(/ERROR \[\d+\] \[soundlike\] rescan failed: Error: the disk went away/);
    } finally {
      await services.dispose();
    }
    console.error('[soundlike] after close');
    expect(readFileSync(file, 'utf8')).not.toContain('after close');
  });

  it('rotates by size and keeps a bounded number of old files', () => {
    const file = tmp.at('rotate', 'soundlike.log');
    const log = new LogFile(file, { maxBytes: 2000, keep: 2 });
    for (let i = 0; i < 200; i++) log.write('info', `line ${i} ${'x'.repeat(40)}`);
    const names = readdirSync(tmp.at('rotate')).sort();
    expect(names).toEqual(['soundlike.1.log', 'soundlike.2.log', 'soundlike.log']);
    for (const name of names) expect(statSync(tmp.at('rotate', name)).size).toBeLessThanOrEqual(2000);
    expect(readFileSync(file, 'utf8')).toContain('line 199');
  });

  it('"see the log" hints name the file, whichever module wrote them', async () => {
    const file = '/data/logs/soundlike.log';
    expect(pointHintAtLog(SoundlikeError.from(new Error('boom')), file).hint).toBe(`This is a bug in Soundlike; the log (${file}) has details.`);
    expect(pointHintAtLog(new SoundlikeError('MODEL_UNAVAILABLE', 'x', 'See the log for details.'), file).hint).toBe(`See the log (${file}) for details.`);
    expect(pointHintAtLog(new SoundlikeError('INVALID_ARGUMENT', 'x', 'Pick another file.'), file).hint).toBe('Pick another file.');

    // And through the dispatch both transports use, while services are open on a data folder.
    const data = tmp.at('dispatch');
    const services = await openServices(data);
    try {
      const bug = { ...services.api, library: { ...services.api.library, listFolders: () => Promise.reject(new TypeError('a bug')) } };
      const answer = await invokeCommand(bug, 'library', 'listFolders', []);
      expect(answer.ok).toBe(false);
      if (!answer.ok) expect(answer.error.hint).toContain(join(data, 'logs', 'soundlike.log'));
      expect(readFileSync(join(data, 'logs', 'soundlike.log'), 'utf8')).toMatch(/library\.listFolders failed: TypeError: a bug/);
    } finally {
      await services.dispose();
    }
    expect(existsSync(join(data, 'logs'))).toBe(true);
  });
});
