/**
 * `soundlike bench step`: how the fragment step trades radio quality against analysis cost. The
 * training corpus's held-out test songs (labelled by style family) go through the real app pipeline
 * (scan, analyse, radio) once per step; quality is the share of a radio's top 10 picks in the seed's
 * family (precision@10), cost is fragments stored and analysis time.
 */
import { existsSync, readFileSync, symlinkSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createServices } from '../../main/services';
import { benchDir } from './bench-common';

interface CorpusSong {
  id: string;
  family: string;
  split: string;
}

export async function benchStep(options: { corpus: string; steps: number[]; manifestPath?: string; soundfont?: string }): Promise<Record<string, unknown>> {
  const songs = (JSON.parse(readFileSync(join(options.corpus, 'songs.json'), 'utf8')) as { songs: CorpusSong[]; unseen_soundfont?: string }).songs;
  const meta = JSON.parse(readFileSync(join(options.corpus, 'songs.json'), 'utf8')) as { unseen_soundfont?: string };
  const soundfont = options.soundfont ?? meta.unseen_soundfont ?? 'fluidr3';
  const test = songs.filter((s) => s.split === 'test' && existsSync(join(options.corpus, 'wav', `${s.id}__${soundfont}.wav`)));
  if (test.length < 20) throw new Error(`only ${test.length} test songs rendered with ${soundfont} in ${options.corpus}`);
  const root = benchDir('step');
  const music = join(root, 'music');
  mkdirSync(music, { recursive: true });
  const familyOf = new Map<string, string>();
  for (const s of test) {
    const file = join(music, `${s.id}.wav`);
    symlinkSync(join(options.corpus, 'wav', `${s.id}__${soundfont}.wav`), file);
    familyOf.set(s.id, s.family);
  }
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const results: Record<string, unknown>[] = [];
  for (const step of options.steps) {
    const services = await createServices({ dataDir: join(root, `data-${step}`), transport: 'web', live: false, manifestPath: options.manifestPath });
    try {
      await services.api.settings.updateSettings({ fragmentStepSec: step });
      await services.api.library.addFolderAndScan(music);
      const t = performance.now();
      await services.api.analysis.startAnalysis();
      await services.api.analysis.idle();
      const analysisMs = performance.now() - t;
      const status = await services.api.analysis.getAnalysisStatus();
      const tracks = await services.api.library.listTracks();
      const idOf = (trackId: number) => basename(tracks.find((x) => x.id === trackId)?.path ?? '', '.wav');
      let precision = 0;
      let first = 0;
      for (const track of tracks) {
        const session = await services.api.radio.previewRadio({ kind: 'track', trackId: track.id }, { count: 10, adventure: 0, artistGap: 0 });
        const family = familyOf.get(idOf(track.id));
        const same = session.picks.filter((p) => familyOf.get(idOf(p.trackId)) === family).length;
        precision += same / Math.max(1, session.picks.length);
        if (session.picks[0] && familyOf.get(idOf(session.picks[0].trackId)) === family) first++;
      }
      const row = {
        stepSec: step,
        songs: tracks.length,
        fragments: status.counts.fragments,
        analysisSec: Math.round(analysisMs / 100) / 10,
        precisionAt10: Math.round((precision / tracks.length) * 1000) / 1000,
        top1SameFamily: Math.round((first / tracks.length) * 1000) / 1000,
      };
      log(JSON.stringify(row));
      results.push(row);
    } finally {
      await services.dispose();
    }
  }
  return { corpus: options.corpus, soundfont, families: new Set(familyOf.values()).size, chance: 'about 8 of 152 other songs share a family: random precision@10 ~0.05', results };
}
