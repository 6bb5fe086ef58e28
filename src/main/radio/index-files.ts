/**
 * The vector index's files on disk, each checked by a SHA-256 on load. The index is a cache of SQLite,
 * but a damaged cache that still parses gives wrong picks without a word (random bytes in the middle of
 * a saved index moved the radio's distances from 0.3 to 0.9 and nothing noticed): so a file whose bytes
 * are not the bytes written is a problem, and the caller rebuilds from SQLite and says so.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Why saved files cannot be used; `damaged` when they were changed or lost after being written whole. */
export interface FileProblem {
  problem: string;
  damaged: boolean;
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A file's SHA-256, read in slices (a big index is never held twice in memory to be checked). */
export function sha256OfFile(path: string): string {
  const hash = createHash('sha256');
  const slice = Buffer.alloc(1 << 20);
  const fd = openSync(path, 'r');
  try {
    for (let n = readSync(fd, slice); n > 0; n = readSync(fd, slice)) hash.update(slice.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** JSON with a checksum of its own data: `{"sha256": ..., "data": ...}`. */
export function sealJson(data: unknown): string {
  const text = JSON.stringify(data);
  return `{"sha256":"${sha256(text)}","data":${text}}`;
}

/**
 * The data of a sealed JSON file, or why not. A file that parses but carries no checksum was written by
 * an earlier Soundlike: not damage, but not trusted either (it is made again from SQLite).
 */
export function readSealedJson(path: string, name: string): { data: unknown } | FileProblem {
  if (!existsSync(path)) return { problem: `${name} is missing`, damaged: true };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return { problem: `${name} is not readable JSON`, damaged: true };
  }
  const sealed = parsed as { sha256?: unknown; data?: unknown } | null;
  if (typeof sealed !== 'object' || sealed === null || !('data' in sealed) || typeof sealed.sha256 !== 'string') {
    return { problem: `${name} was saved without a checksum (by an earlier Soundlike)`, damaged: false };
  }
  // JSON numbers and strings read back to themselves, so the data re-serialises to the bytes hashed.
  if (sha256(JSON.stringify(sealed.data)) !== sealed.sha256) return { problem: `${name} does not match its checksum`, damaged: true };
  return { data: sealed.data };
}

/** Writes a sealed JSON file whole (a temporary file, then a rename). */
export function writeSealedJson(path: string, data: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, sealJson(data));
  renameSync(`${path}.tmp`, path);
}

/** The name of the manifest inside the index folder: what the folder holds and each data file's checksum. */
const MANIFEST = 'index.json';

/** A data file's contents, or a writer that writes it to the path given (a faiss index writes itself). */
export type FileContents = Buffer | ((path: string) => void);

export interface IndexFileSet<Meta> {
  meta: Meta;
  /** File name -> contents, for the data files the manifest lists. */
  files: Record<string, FileContents>;
}

export interface ReadIndexFiles<Meta> {
  meta: Meta;
  /** File name -> contents, checked. */
  files: Record<string, Buffer>;
  /** File name -> path, for the files asked for by path (checked, not read: the caller reads them). */
  paths: Record<string, string>;
}

/**
 * Writes the data files and a sealed manifest listing each one's checksum into a fresh folder, which
 * then replaces `dir` by rename: a crash leaves either the old set or the new set whole.
 */
export function writeIndexFiles<Meta extends object>(dir: string, set: IndexFileSet<Meta>): void {
  const next = `${dir}.next`;
  rmSync(next, { recursive: true, force: true });
  mkdirSync(next, { recursive: true });
  const checksums: Record<string, { sha256: string; bytes: number }> = {};
  for (const [name, contents] of Object.entries(set.files)) {
    const path = join(next, name);
    if (typeof contents === 'function') {
      contents(path);
      checksums[name] = { sha256: sha256OfFile(path), bytes: statSync(path).size };
    } else {
      writeFileSync(path, contents);
      checksums[name] = { sha256: sha256(contents), bytes: contents.length };
    }
  }
  writeFileSync(join(next, MANIFEST), sealJson({ ...set.meta, files: checksums }));
  rmSync(`${dir}.old`, { recursive: true, force: true });
  if (existsSync(dir)) renameSync(dir, `${dir}.old`);
  renameSync(next, dir);
  rmSync(`${dir}.old`, { recursive: true, force: true });
}

/**
 * Reads the set `writeIndexFiles` wrote, every data file checked against the manifest's checksum; the
 * caller checks that the meta suits it. `byPath` files are checked but left for the caller to read.
 * No folder at all is "no index on disk" (not damage).
 */
export function readIndexFiles<Meta extends object>(dir: string, names: readonly string[], byPath: readonly string[] = []): ReadIndexFiles<Meta> | FileProblem {
  // A crash between the two renames of writeIndexFiles leaves only the previous set, under .old.
  if (!existsSync(dir) && existsSync(`${dir}.old`)) renameSync(`${dir}.old`, dir);
  if (!existsSync(dir)) return { problem: 'no index on disk', damaged: false };
  const manifest = readSealedJson(join(dir, MANIFEST), MANIFEST);
  if (!('data' in manifest)) return manifest;
  const { files: listed, ...meta } = manifest.data as { files?: Record<string, { sha256?: unknown; bytes?: unknown }> };
  const files: Record<string, Buffer> = {};
  const paths: Record<string, string> = {};
  for (const name of [...names, ...byPath]) {
    const expected = listed?.[name];
    if (!expected || typeof expected.sha256 !== 'string') return { problem: `${MANIFEST} lists no checksum for ${name}`, damaged: true };
    const path = join(dir, name);
    if (!existsSync(path)) return { problem: `${name} is missing`, damaged: true };
    const mismatch: FileProblem = { problem: `${name} does not match its checksum`, damaged: true };
    if (statSync(path).size !== expected.bytes) return mismatch;
    if (byPath.includes(name)) {
      if (sha256OfFile(path) !== expected.sha256) return mismatch;
      paths[name] = path;
    } else {
      const contents = readFileSync(path);
      if (sha256(contents) !== expected.sha256) return mismatch;
      files[name] = contents;
    }
  }
  return { meta: meta as Meta, files, paths };
}
