import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isInside, readAppFile, resolveAppPath } from './app-scheme';

// An install path with spaces and non-ASCII characters, as under "C:\Program Files" or a localized home.
let base: string;
let renderer: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'soundlike app ü 音 '));
  renderer = join(base, 'Sound Like Ä', 'résources', 'out', 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(renderer, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(renderer, 'assets', 'mötley crüe.css'), 'body{}');
  writeFileSync(join(base, 'Sound Like Ä', 'secret.txt'), 'secret');
  // A sibling folder whose name starts with the renderer's: a string-prefix check would let it through.
  mkdirSync(join(base, 'Sound Like Ä', 'résources', 'out', 'renderer-evil'), { recursive: true });
  writeFileSync(join(base, 'Sound Like Ä', 'résources', 'out', 'renderer-evil', 'x.js'), 'evil');
  symlinkSync(join(base, 'Sound Like Ä', 'secret.txt'), join(renderer, 'assets', 'link.js'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('resolveAppPath', () => {
  it('maps the entry URL and assets into the renderer folder, whatever the install path holds', () => {
    expect(resolveAppPath(renderer, APP_ENTRY_URL)).toBe(join(renderer, 'index.html'));
    expect(resolveAppPath(renderer, 'soundlike-app://app/')).toBe(join(renderer, 'index.html'));
    expect(resolveAppPath(renderer, 'soundlike-app://app/assets/index-abc.js?v=1#x')).toBe(join(renderer, 'assets', 'index-abc.js'));
    expect(resolveAppPath(renderer, 'soundlike-app://app/assets/m%C3%B6tley%20cr%C3%BCe.css')).toBe(join(renderer, 'assets', 'mötley crüe.css'));
  });

  it.each([
    'soundlike-app://app/..%2fsecret.txt',
    'soundlike-app://app/..%2F..%2F..%2Fetc%2Fpasswd',
    'soundlike-app://app/assets/..%5c..%5csecret.txt',
    'soundlike-app://app/..\\secret.txt',
    'soundlike-app://app/%2e%2e%2f%2e%2e%2fsecret.txt',
    'soundlike-app://app/assets/%00.js',
    'soundlike-app://app/%E0%A4%A',
  ])('refuses traversal and malformed paths: %s', (url) => {
    expect(resolveAppPath(renderer, url)).toBeNull();
  });

  it.each([
    'soundlike-app://app/../secret.txt',
    'soundlike-app://app/%2e%2e/secret.txt',
    'soundlike-app://app/assets/../../secret.txt',
  ])('dot segments the URL parser collapses stay inside the folder: %s', async (url) => {
    expect(resolveAppPath(renderer, url)).toBe(join(renderer, 'secret.txt'));
    expect(await readAppFile(renderer, url)).toBeNull();
  });

  it.each([
    'soundlike-app://evil/index.html',
    'soundlike-app://app.evil/index.html',
    'soundlike-app://user:pw@app/index.html',
    'soundlike-media://app/index.html',
    'file:///etc/passwd',
    'http://app/index.html',
    'not a url',
  ])('refuses other schemes and hosts: %s', (url) => {
    expect(resolveAppPath(renderer, url)).toBeNull();
  });
});

describe('readAppFile', () => {
  it('reads files from a renderer folder whose path has spaces and non-ASCII characters', async () => {
    const page = await readAppFile(renderer, APP_ENTRY_URL);
    expect(page?.contentType).toBe('text/html; charset=utf-8');
    expect(page?.body.toString()).toContain('<title>app</title>');
    const css = await readAppFile(renderer, 'soundlike-app://app/assets/m%C3%B6tley%20cr%C3%BCe.css');
    expect(css?.contentType).toBe('text/css; charset=utf-8');
  });

  it('is 404 for missing files, folders, and links that lead out of the renderer folder', async () => {
    expect(await readAppFile(renderer, 'soundlike-app://app/assets/missing.js')).toBeNull();
    expect(await readAppFile(renderer, 'soundlike-app://app/assets')).toBeNull();
    expect(await readAppFile(renderer, 'soundlike-app://app/assets/link.js')).toBeNull();
    expect(await readAppFile(renderer, 'soundlike-app://app/..%2frenderer-evil/x.js')).toBeNull();
  });
});

describe('isInside', () => {
  it('compares resolved paths, not string prefixes', () => {
    expect(isInside('/opt/Sound Like/renderer', '/opt/Sound Like/renderer/index.html')).toBe(true);
    expect(isInside('/opt/Sound Like/renderer', '/opt/Sound Like/renderer-evil/x.js')).toBe(false);
    expect(isInside('/opt/Sound Like/renderer', '/opt/Sound Like/renderer/..foo')).toBe(true);
    expect(isInside('/opt/Sound Like/renderer', '/opt/Sound Like')).toBe(false);
  });
});
