/**
 * A fresh library's first radio (real model, real analysis, real index): started while most songs are not
 * analysed yet, it says how much of the library it could hear, and as the analysis goes on the part of
 * its queue not played yet is chosen again with the songs analysed since, while the picks already heard
 * stay where they are.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RadioSession } from '../../src/shared/domain';
import { analysedLibrary, type AnalysedLibrary } from '../helpers/analysis-db';
import { ensureBuilt, hasTestModel, testModelPath } from '../helpers/model';
import { waitFor } from '../helpers/services';
import { place } from '../helpers/audio';
import { STYLE_CLIPS, styleClip } from '../helpers/styles';

const MODEL = testModelPath();

describe.skipIf(!hasTestModel())(`the first radio of a library still being analysed (skipped without the model: ${MODEL})`, () => {
  let lib: AnalysedLibrary;

  const firstClips = STYLE_CLIPS.filter((c) => ['drone-a', 'noise-a', 'melody-a'].includes(c.name));
  const laterClips = STYLE_CLIPS.filter((c) => !firstClips.includes(c));

  beforeAll(async () => {
    await ensureBuilt();
    // Three songs analysed, then three more land in the folder and wait for the analysis.
    lib = await analysedLibrary({ clips: firstClips });
    await lib.services.api.settings.updateSettings({ autoAnalyse: false });
    for (const clip of laterClips) place(await styleClip(clip), lib.tmp.at('music', `${clip.name}.${clip.format}`));
    await lib.services.api.library.rescan();
    for (const track of await lib.services.api.library.listTracks()) {
      const clip = laterClips.find((c) => track.path.endsWith(`/${c.name}.${c.format}`));
      if (clip) {
        lib.tracks[clip.name] = track;
        lib.clipOf.set(track.id, clip);
      }
    }
  });

  afterAll(async () => {
    await lib?.dispose();
  });

  it('says how much it could hear, then re-ranks what is not played yet as the analysis goes on', async () => {
    const { analysis, radio, playback } = lib.services.api;
    const seed = lib.tracks['drone-a'];
    const analysed = firstClips.map((c) => lib.tracks[c.name].id);
    expect((await analysis.getAnalysisStatus()).counts).toMatchObject({ done: 3, pending: 3 });

    const first = await radio.playSimilar({ kind: 'track', trackId: seed.id }, { count: 10, artistGap: 0 });
    expect(first.coverage).toEqual({ analysed: analysed.length, total: STYLE_CLIPS.length });
    expect(first.picks.map((p) => p.trackId).sort()).toEqual(analysed.filter((id) => id !== seed.id).sort());
    // The first pick is heard: it stays, whatever the analysis finds later.
    await playback.setCurrentIndex(1);
    let queue = await playback.getQueue();
    const heard = queue.items[1];
    expect(analysed).toContain(heard.trackId);

    const changes: RadioSession[] = [];
    const stop = radio.onDidChangeRadio((s) => s && changes.push(s));
    const done = waitFor(radio.onDidChangeRadio, (s) => s?.coverage?.analysed === STYLE_CLIPS.length, 60_000, 'a radio that heard the whole library');
    await analysis.startAnalysis();
    await analysis.idle();
    const last = (await done) as RadioSession;
    stop();
    expect(changes.length).toBeGreaterThanOrEqual(1);
    expect(last.coverage).toEqual({ analysed: STYLE_CLIPS.length, total: STYLE_CLIPS.length });

    queue = await playback.getQueue();
    expect(queue.currentIndex).toBe(1);
    expect(queue.items[1].id).toBe(heard.id);
    expect(queue.items[0].trackId).toBe(seed.id);
    // Every other song of the library is now queued once, after the one heard; none of them twice.
    const upcoming = queue.items.slice(2).map((i) => i.trackId);
    const others = STYLE_CLIPS.map((c) => lib.tracks[c.name].id).filter((id) => id !== seed.id && id !== heard.trackId);
    expect([...upcoming].sort()).toEqual([...others].sort());
    // Chosen as the radio chooses now: the same order as a fresh preview that excludes what was heard.
    const preview = await radio.previewRadio({ kind: 'track', trackId: seed.id }, { count: 10, artistGap: 0 });
    expect(upcoming).toEqual(preview.picks.map((p) => p.trackId).filter((id) => id !== heard.trackId));
    const active = await radio.getActiveRadio();
    expect(active?.coverage).toEqual({ analysed: STYLE_CLIPS.length, total: STYLE_CLIPS.length });
    expect(queue.items.slice(2).every((i) => i.origin.kind === 'radio' && i.origin.explanation?.pick.trackId === i.trackId)).toBe(true);
  });
});
