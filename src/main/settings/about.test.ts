import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SoundlikeError } from '../../shared/errors';
import { aboutFilePath, parseAbout, readAbout } from './about';

const shipped = (): Record<string, unknown> => JSON.parse(readFileSync(aboutFilePath(), 'utf8')) as Record<string, unknown>;

describe('the About box facts', () => {
  it('reads the shipped file, with this build version and the model it names', () => {
    const about = readAbout('9.8.7');
    expect(about.version).toBe('9.8.7');
    expect(about.licence).toBe('MIT');
    expect(about.model.id).toMatch(/^soundlike-encoder-/);
    expect(about.trainingData.length).toBeGreaterThan(10);
    expect(about.demoLibrary.licence).toBe('GPL-2.0-only');
    expect(about.components.map((c) => c.name)).toContain('onnxruntime-node');
  });

  it('rejects a file missing a field the box shows, or with a wrong type', () => {
    const { components: _dropped, ...withoutComponents } = shipped();
    expect(parseAbout(withoutComponents, '1')).toBeNull();
    expect(parseAbout({ ...shipped(), trainingData: [{ name: 'x', kind: 'y', role: 'z', licences: 'GPL' }] }, '1')).toBeNull();
    expect(parseAbout(null, '1')).toBeNull();
    expect(parseAbout('about', '1')).toBeNull();
  });

  it('says the install is damaged, and what to do, when the file is missing or not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'soundlike-about-'));
    const broken = join(dir, 'about.json');
    writeFileSync(broken, '{ not json');
    for (const file of [broken, join(dir, 'missing.json')]) {
      const error = (() => { try { readAbout('1', file); } catch (e) { return e; } return null; })();
      expect(error).toBeInstanceOf(SoundlikeError);
      expect((error as SoundlikeError).message).toContain(file);
      expect((error as SoundlikeError).hint).toMatch(/Reinstall Soundlike/);
    }
  });
});
