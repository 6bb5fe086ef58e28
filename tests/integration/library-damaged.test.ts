/**
 * Bad audio is not accepted as good at scan time (issue 11, item 11): noise named .mp3 is never listed,
 * however the tag reader reads it (ffmpeg must decode bytes no container check recognises), and a FLAC
 * named .mp3 is listed as the FLAC it is, with its tags and real length. (Files whose audio ends early
 * are flagged by the analysis, which decodes them whole: analysis-damaged.test.ts.)
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateClipCache, makeClip, makeTempDir, pseudoRandomBytes, tagsFor, type ClipCache, type TempDir } from '../helpers/audio';
import { freshServices } from '../helpers/services';

describe('scanning bad audio', () => {
  let cache: ClipCache;
  let tmp: TempDir;
  const ctx = freshServices();

  beforeAll(async () => {
    cache = await generateClipCache(1, ['mp3']);
    tmp = makeTempDir();
  });

  afterAll(() => {
    tmp?.cleanup();
    cache?.cleanup();
  });

  it('never lists noise named .mp3 as a track, and says why', async () => {
    const music = tmp.at('noise');
    mkdirSync(music, { recursive: true });
    // Seeded noise (the tag reader finds an "MPEG" frame in it) and fresh noise of another size.
    writeFileSync(join(music, 'seeded.mp3'), pseudoRandomBytes(200_000, 12345));
    writeFileSync(join(music, 'fresh.mp3'), randomBytes(300_000));
    copyFileSync(cache.tagged.mp3, join(music, 'good.mp3'));
    const { summary } = await ctx.services.api.library.addFolderAndScan(music);
    expect(summary.added).toBe(1);
    expect((await ctx.services.api.library.listTracks()).map((t) => t.path)).toEqual([join(music, 'good.mp3')]);
    const reasons = Object.fromEntries(summary.failures.map((f) => [f.path, f.reason]));
    for (const name of ['seeded.mp3', 'fresh.mp3']) {
      expect(reasons[join(music, name)]).toMatch(/No audio could be decoded from it.*damaged, or not audio at all/);
    }
  });

  it('lists a FLAC named .mp3 as FLAC, with its tags and its real length', async () => {
    const music = tmp.at('misnamed');
    const flac = await makeClip(tmp.at('src', 'real.flac'), { format: 'flac', seconds: 3, tags: tagsFor('flac', { title: 'Misnamed Song' }) });
    mkdirSync(music, { recursive: true });
    copyFileSync(flac, join(music, 'misnamed.mp3'));
    await ctx.services.api.library.addFolderAndScan(music);
    const track = (await ctx.services.api.library.listTracks()).find((t) => t.path === join(music, 'misnamed.mp3'));
    expect(track).toMatchObject({ codec: 'FLAC', title: 'Misnamed Song', damaged: false });
    expect(track?.durationSec).toBeCloseTo(3, 1);
  });
});
