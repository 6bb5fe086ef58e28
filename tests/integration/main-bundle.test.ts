/**
 * Electron's main process only relays to the service host: its built bundle (out/main/index.js and every
 * chunk it imports) must load no engine, database, onnxruntime, faiss or tag parser. The service host's
 * bundle is walked the same way and must contain them, so the check is known to see what it looks for.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(ROOT, 'out', 'main');

/** Module specifiers that only the service host may load. */
const HEAVY_MODULES = ['better-sqlite3', 'onnxruntime-node', 'faiss-node', 'music-metadata', 'chokidar'];
/** Code that only exists in the engine, the database layer and the scanner. */
const HEAVY_MARKERS = ['InferenceSession', 'CREATE TABLE', 'journal_mode', 'parseFile(', 'new Worker('];

/** Every file the bundle loads: the entry and the local chunks it imports, statically or dynamically. */
function bundleGraph(entry: string): { files: string[]; specifiers: Set<string>; text: string } {
  const files: string[] = [];
  const specifiers = new Set<string>();
  const queue = [entry];
  let text = '';
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (files.includes(file)) continue;
    files.push(file);
    const source = readFileSync(file, 'utf8');
    text += source;
    const imports = [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"']+)["']/g)].map((m) => m[1]);
    for (const specifier of imports) {
      if (specifier.startsWith('.')) queue.push(resolve(dirname(file), specifier));
      else specifiers.add(specifier);
    }
  }
  return { files, specifiers, text };
}

describe('the Electron main bundle', () => {
  beforeAll(async () => {
    if (!existsSync(join(OUT, 'index.js')) || !existsSync(join(OUT, 'service-host.js'))) {
      await promisify(execFile)('npx', ['electron-vite', 'build'], { cwd: ROOT, timeout: 170_000 });
    }
  }, 180_000);

  it('imports no engine, database, onnxruntime, faiss or tag parser', () => {
    const main = bundleGraph(join(OUT, 'index.js'));
    expect(main.specifiers).toContain('electron');
    for (const name of HEAVY_MODULES) expect([...main.specifiers].filter((s) => s === name || s.startsWith(`${name}/`)), name).toEqual([]);
    for (const marker of HEAVY_MARKERS) expect(main.text.includes(marker), `main bundle contains ${marker}`).toBe(false);
  });

  it('while the service host bundle, walked the same way, holds them all', () => {
    const host = bundleGraph(join(OUT, 'service-host.js'));
    for (const name of ['better-sqlite3', 'music-metadata', 'chokidar']) expect(host.specifiers, name).toContain(name);
    for (const marker of ['CREATE TABLE', 'journal_mode', 'new Worker(']) expect(host.text.includes(marker), marker).toBe(true);
    expect(host.specifiers).not.toContain('electron');
  });
});
