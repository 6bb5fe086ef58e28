/**
 * A manifest whose `display` section names the tag groups that may be shown as facts: the real shipped
 * model, real ffmpeg audio and SQLite, with a copy of the manifest that carries `display`. Every stored
 * fragment keeps exactly one tag per shown group, in display order, and the sonic map is coloured by
 * the display's colour group, its classes in the manifest's order.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManifestDisplay } from '../../src/engine/manifest';
import type { Services } from '../../src/main/services';
import type { Track } from '../../src/shared/domain';
import { readFragments } from '../helpers/analysis-db';
import { makeTempDir, type TempDir } from '../helpers/audio';
import { ensureBuilt, hasTestModel, openModelServices, readTestManifest, testModelPath, type TestManifest } from '../helpers/model';
import { clipByName, makeStyleLibrary } from '../helpers/styles';

/** Groups the current model has (tempo, mode); the colour group is not the legacy 'family'. */
const DISPLAY: ManifestDisplay = { groups: ['tempo', 'mode'], map_colour_group: 'tempo', rule: 'each shown group\'s tags are exclusive classes' };

const usable = hasTestModel() && DISPLAY.groups.every((g) => (readTestManifest().tag_groups?.[g]?.length ?? 0) > 0);

describe.skipIf(!usable)(`a manifest with display groups (skipped without a model with tempo and mode tags: ${testModelPath()})`, () => {
  let tmp: TempDir;
  let services: Services;
  let manifest: TestManifest;
  let tracks: Track[];

  beforeAll(async () => {
    await ensureBuilt();
    tmp = makeTempDir('soundlike-display-');
    const shipped = readTestManifest();
    // The same model file and sha256, so only the display section differs from the shipped manifest.
    manifest = { ...shipped, display: DISPLAY };
    copyFileSync(join(testModelPath(), '..', shipped.file), tmp.at(shipped.file));
    writeFileSync(tmp.at('manifest.json'), JSON.stringify(manifest));
    const music = tmp.at('music');
    await makeStyleLibrary(music, [clipByName('drone-a'), clipByName('melody-b')]);
    services = await openModelServices(tmp.at('data'), tmp.at('manifest.json'));
    await services.api.library.addFolderAndScan(music);
    await services.api.analysis.startAnalysis();
    await services.api.analysis.idle();
    tracks = await services.api.library.listTracks();
  });

  afterAll(async () => {
    await services?.dispose();
    tmp?.cleanup();
  });

  it('stores one tag per shown group in every fragment, in display order, each from its group', async () => {
    expect((await services.api.analysis.getAnalysisStatus()).counts).toMatchObject({ total: 2, done: 2, failed: 0 });
    const fragments = readFragments(services.paths.database);
    expect(fragments.length).toBeGreaterThanOrEqual(4);
    for (const f of fragments) {
      expect(f.tags).toHaveLength(DISPLAY.groups.length);
      f.tags.forEach(({ tag, p }, i) => {
        expect(manifest.tag_groups?.[DISPLAY.groups[i]]).toContain(tag);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
      });
    }
  });

  it('colours the sonic map by the display colour group: each track by its most probable class over its fragments', async () => {
    const map = await services.api.radio.getSonicMap();
    expect(map.colourGroup).toBe('tempo');
    expect(map.colourClasses).toEqual(manifest.tag_groups?.tempo);
    expect(map.points.map((p) => p.trackId).sort()).toEqual(tracks.map((t) => t.id).sort());
    for (const point of map.points) {
      const sums = new Map<string, number>();
      for (const f of readFragments(services.paths.database, point.trackId)) {
        for (const { tag, p } of f.tags) if (tag.startsWith('tempo:')) sums.set(tag, (sums.get(tag) ?? 0) + p);
      }
      const expected = [...sums].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
      expect(point.tag).toBe(expected);
    }
  });

  it('explains radio picks with the shown groups only', async () => {
    const session = await services.api.radio.previewRadio({ kind: 'track', trackId: tracks[0].id }, { count: 1 });
    const [pick] = session.picks;
    expect(pick.explanation.pick.tags.map((t) => t.tag.split(':')[0])).toEqual(DISPLAY.groups);
    for (const tag of pick.explanation.tagsInCommon) expect(pick.explanation.pick.tags.map((t) => t.tag)).toContain(tag);
  });
});
