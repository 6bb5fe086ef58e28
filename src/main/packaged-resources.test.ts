import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packagedResource } from './packaged-resources';
import { defaultManifestPath } from './paths';

const withResourcesPath = (dir: string | undefined): void => {
  Object.defineProperty(process, 'resourcesPath', { value: dir, configurable: true, writable: true });
};

describe('packagedResource', () => {
  afterEach(() => withResourcesPath(undefined));

  it('finds nothing under plain Node, so the source tree is used', () => {
    withResourcesPath(undefined);
    expect(packagedResource('models', 'manifest.json')).toBeNull();
    expect(defaultManifestPath({})).toMatch(/models[/\\]manifest\.json$/);
  });

  it("finds the packaged app's model beside app.asar, and only files that exist there", () => {
    const resources = mkdtempSync(join(tmpdir(), 'soundlike-resources-'));
    mkdirSync(join(resources, 'models'));
    writeFileSync(join(resources, 'models', 'manifest.json'), '{}');
    withResourcesPath(resources);
    expect(packagedResource('models', 'manifest.json')).toBe(join(resources, 'models', 'manifest.json'));
    expect(defaultManifestPath({})).toBe(join(resources, 'models', 'manifest.json'));
    expect(packagedResource('ffmpeg', 'ffmpeg')).toBeNull();
    // $SOUNDLIKE_MODEL still wins over the packaged model.
    expect(defaultManifestPath({ SOUNDLIKE_MODEL: '/elsewhere/manifest.json' })).toBe('/elsewhere/manifest.json');
  });
});
