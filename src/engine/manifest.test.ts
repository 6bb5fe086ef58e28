import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analysisSha256, displayProblem, loadModel, mapColouring, measuredTagGroups, ModelError, readManifestIdentity, readModelFacts, type ModelManifest } from './manifest';

const tags = ['family:rock', 'family:jazz', 'tempo:fast', 'tempo:medium', 'tempo:slow', 'brightness:dark', 'brightness:balanced', 'brightness:bright'];
const tag_groups = {
  family: ['family:rock', 'family:jazz'],
  tempo: ['tempo:fast', 'tempo:medium', 'tempo:slow'],
  brightness: ['brightness:dark', 'brightness:balanced', 'brightness:bright'],
};
const display = { groups: ['brightness', 'tempo'], map_colour_group: 'brightness', rule: 'each shown group\'s tags are exclusive classes' };

/** A manifest with a display section that is `change`d (as JSON would carry it, so anything goes). */
const withDisplay = (change: Record<string, unknown>, groups: unknown = tag_groups) =>
  ({ tags, tag_groups: groups, display: { ...display, ...change } }) as unknown as Pick<ModelManifest, 'tags' | 'tag_groups' | 'display'>;

describe('displayProblem', () => {
  it('accepts a sound display section, none at all, and one that shows no group', () => {
    expect(displayProblem({ tags, tag_groups, display })).toBeNull();
    expect(displayProblem({ tags, tag_groups })).toBeNull();
    expect(displayProblem({ tags, tag_groups, display: { groups: [], map_colour_group: null } })).toBeNull();
  });

  it('names what is wrong', () => {
    expect(displayProblem({ tags, tag_groups, display: 'brightness' as unknown as ModelManifest['display'] })).toMatch(/display is not an object/);
    expect(displayProblem(withDisplay({ groups: 'brightness' }))).toMatch(/display\.groups is not a list/);
    expect(displayProblem(withDisplay({ groups: ['brightness', 'brightness'] }))).toMatch(/names "brightness" twice/);
    expect(displayProblem(withDisplay({ groups: ['loudness', 'tempo'] }))).toMatch(/display group "loudness" is not a tag group/);
    expect(displayProblem(withDisplay({ groups: ['tempo', 'constructor'] }))).toMatch(/display group "constructor" is not a tag group/);
    expect(displayProblem({ tags, display })).toMatch(/tag_groups is missing/);
    expect(displayProblem(withDisplay({}, { ...tag_groups, tempo: [] }))).toMatch(/display group "tempo" is not a tag group/);
    expect(displayProblem(withDisplay({}, { ...tag_groups, tempo: ['tempo:fast', 'tempo:glacial'] }))).toMatch(/"tempo:glacial", which is not among the model's tags/);
    expect(displayProblem(withDisplay({ map_colour_group: 'family' }))).toMatch(/map_colour_group "family" is not one of display\.groups/);
    expect(displayProblem(withDisplay({ map_colour_group: 3 }))).toMatch(/map_colour_group 3 is not one of display\.groups/);
  });
});

describe('mapColouring', () => {
  it('colours by the display group, its classes in the manifest\'s order', () => {
    expect(mapColouring({ tags, tag_groups, display })).toEqual({ group: 'brightness', classes: ['brightness:dark', 'brightness:balanced', 'brightness:bright'] });
  });
  it('colours by family without display, and by nothing when the manifest allows no group', () => {
    expect(mapColouring({ tags, tag_groups })).toEqual({ group: 'family', classes: ['family:rock', 'family:jazz'] });
    expect(mapColouring({ tags })).toEqual({ group: 'family', classes: ['family:rock', 'family:jazz'] });
    expect(mapColouring({ tags, tag_groups, display: { groups: [], map_colour_group: null } })).toEqual({ group: null, classes: [] });
  });
});

describe('loadModel with a display section', () => {
  const dir = mkdtempSync(join(tmpdir(), 'soundlike-manifest-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const bytes = Buffer.from('not a graph: loadModel only hashes it');
  writeFileSync(join(dir, 'model.onnx'), bytes);

  const write = (name: string, extra: Record<string, unknown>): string => {
    const manifest = {
      id: 'soundlike-encoder-test', sha256: createHash('sha256').update(bytes).digest('hex'), file: 'model.onnx', feature_version: 1,
      sample_rate: 22050, fragment_seconds: 5, fragment_samples: 110250, inputs: [], outputs: [], embedding_size: 8, embedding_normalized: true,
      tags, tag_groups, ...extra,
    };
    writeFileSync(join(dir, name), JSON.stringify(manifest));
    return join(dir, name);
  };

  it('loads a manifest whose display section is sound', async () => {
    const { manifest } = await loadModel(write('good.json', { display, tag_quality: { brightness: { accuracy: 0.9, majority: 0.4, shown: true } } }));
    expect(manifest.display?.groups).toEqual(['brightness', 'tempo']);
  });

  it('refuses a bad one with a ModelError that says what is wrong and what to do', async () => {
    const error = await loadModel(write('bad.json', { display: { ...display, map_colour_group: 'family' } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).message).toMatch(/bad\.json has a bad display section: display\.map_colour_group "family" is not one of display\.groups/);
    expect((error as ModelError).hint).toMatch(/Restore models/);
  });
});

describe('analysisSha256: the key analyses are stored under', () => {
  const own = 'a'.repeat(64);
  const earlier = 'c0'.repeat(32);

  it('is the earlier export\'s sha256 when the manifest names a valid one, else the file\'s own', () => {
    expect(analysisSha256({ sha256: own, analysis_sha256: earlier })).toBe(earlier);
    expect(analysisSha256({ sha256: own })).toBe(own);
    for (const bad of ['', 'C0'.repeat(32), 'c0'.repeat(31), 42 as unknown as string]) expect(analysisSha256({ sha256: own, analysis_sha256: bad })).toBe(own);
  });

  it('is what the model facts and the manifest identity report, so an equivalent re-export keeps the library analysed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'soundlike-manifest-key-'));
    try {
      const bytes = Buffer.from('a faster graph of the same weights');
      writeFileSync(join(dir, 'model.onnx'), bytes);
      const path = join(dir, 'manifest.json');
      writeFileSync(path, JSON.stringify({
        id: 'soundlike-encoder-new', sha256: createHash('sha256').update(bytes).digest('hex'), analysis_sha256: earlier, file: 'model.onnx',
        feature_version: 1, sample_rate: 22050, fragment_seconds: 5, fragment_samples: 110250, inputs: [], outputs: [], embedding_size: 8,
        embedding_normalized: true, tags, tag_groups,
      }));
      expect((await readModelFacts(path)).sha256).toBe(earlier);
      expect(await readManifestIdentity(path)).toEqual({ sha256: earlier, featureVersion: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('measuredTagGroups', () => {
  it('names the groups the graph measures, none for a manifest that says nothing of it', () => {
    expect(measuredTagGroups({ tag_quality: { loudness: { source: 'measured' }, tempo: { source: 'predicted' }, brightness: { source: 'measured' } } })).toEqual(['loudness', 'brightness']);
    expect(measuredTagGroups({})).toEqual([]);
  });
});
