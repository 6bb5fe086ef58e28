/**
 * What is analysed first: liked songs, then the most played, then the rest in library order. On a big
 * library (or after a model update re-analyses everything) the favourites' radios work hours sooner.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateClipCache, place, type ClipCache } from '../helpers/audio';
import { freshServices } from '../helpers/services';

describe('analysis order', () => {
  const ctx = freshServices();
  let cache: ClipCache;

  beforeAll(async () => {
    cache = await generateClipCache(1, ['mp3']);
    for (const name of ['a', 'b', 'c', 'd', 'e']) place(cache.tagged.mp3, ctx.tmp.at('music', `${name}.mp3`));
    await ctx.services.api.library.addFolderAndScan(ctx.tmp.at('music'));
  }, 120_000);

  afterAll(() => cache?.cleanup());

  it('puts liked songs first, then the most played, then the rest by id', async () => {
    const { library, playback } = ctx.services.api;
    const id = async (name: string) => (await library.listTracks()).find((t) => t.path === join(ctx.tmp.at('music'), `${name}.mp3`))?.id as number;
    const [a, b, c, d, e] = await Promise.all(['a', 'b', 'c', 'd', 'e'].map(id));
    await library.setLiked(d, true);
    for (let i = 0; i < 3; i++) await playback.recordPlay({ trackId: b, listenedSec: 30, completed: true });
    await playback.recordPlay({ trackId: e, listenedSec: 30, completed: false });
    const version = { modelSha: 'a-model-not-used-yet', featureVersion: 1, stepSec: 5 };
    expect(ctx.services.db.analysis.pending(version).map((t) => t.trackId)).toEqual([d, b, e, ...[a, c].sort((x, y) => x - y)]);
  });
});
