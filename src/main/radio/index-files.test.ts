import { mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readIndexFiles, readSealedJson, sealJson, writeIndexFiles, writeSealedJson } from './index-files';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'soundlike-index-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Overwrites bytes in the middle of a file; its size stays. */
function damageMiddle(path: string): void {
  const bytes = readFileSync(path);
  for (let i = 0; i < 8; i++) bytes[(bytes.length >> 1) + i] ^= 0x5a;
  writeFileSync(path, bytes);
}

describe('sealed JSON', () => {
  it('reads back what was written, numbers exactly', () => {
    const data = { mean: [0.1, -1e-30, 3.4028234663852886e38, 1 / 3], name: 'space' };
    const path = join(dir, 'a.json');
    writeSealedJson(path, data);
    expect(readSealedJson(path, 'a')).toEqual({ data });
  });

  it('finds a changed digit that still parses, and tells damage from an older unsealed file', () => {
    const path = join(dir, 'a.json');
    writeFileSync(path, sealJson({ x: [1.25, 2.5] }).replace('2.5', '2.6'));
    expect(readSealedJson(path, 'a')).toEqual({ problem: 'a does not match its checksum', damaged: true });
    writeFileSync(path, '{"x": [1.25');
    expect(readSealedJson(path, 'a')).toEqual({ problem: 'a is not readable JSON', damaged: true });
    writeFileSync(path, '{"x": [1.25, 2.5]}');
    expect(readSealedJson(path, 'a')).toMatchObject({ damaged: false });
  });
});

describe('index file sets', () => {
  const target = () => join(dir, 'index-x');
  const write = () => writeIndexFiles(target(), {
    meta: { count: 3 },
    files: {
      'index.ids': Buffer.from(Int32Array.of(1, 2, 3).buffer),
      'index.big': (path: string) => writeFileSync(path, Buffer.alloc(3 << 20, 7)),
    },
  });

  it('reads back the meta, the files by contents and the files by path, all checked', () => {
    write();
    const read = readIndexFiles<{ count: number }>(target(), ['index.ids'], ['index.big']);
    if (!('meta' in read)) throw new Error(read.problem);
    expect(read.meta).toEqual({ count: 3 });
    expect([...new Int32Array(new Uint8Array(read.files['index.ids']).buffer)]).toEqual([1, 2, 3]);
    expect(read.paths['index.big']).toBe(join(target(), 'index.big'));
  });

  it('random bytes in the middle of any file, or a missing file, are damage; no folder is not', () => {
    expect(readIndexFiles(target(), ['index.ids'])).toEqual({ problem: 'no index on disk', damaged: false });
    for (const name of ['index.ids', 'index.big', 'index.json']) {
      write();
      damageMiddle(join(target(), name));
      expect(readIndexFiles(target(), ['index.ids'], ['index.big'])).toMatchObject({ problem: expect.stringContaining(name), damaged: true });
    }
    write();
    unlinkSync(join(target(), 'index.big'));
    expect(readIndexFiles(target(), ['index.ids'], ['index.big'])).toEqual({ problem: 'index.big is missing', damaged: true });
  });

  it('a crash between the two renames leaves the previous set, which is read', () => {
    write();
    renameSync(target(), `${target()}.old`);
    expect(readIndexFiles(target(), ['index.ids'], ['index.big'])).toHaveProperty('meta', { count: 3 });
  });
});
