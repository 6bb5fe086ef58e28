/**
 * Lists the audio files under a folder with their size and mtime. Unreadable directories, broken links
 * and files that cannot be stat'ed are reported, never thrown: one bad entry never aborts a scan.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isAudioPath } from '../../shared/audio-formats';

export interface FoundFile {
  path: string;
  size: number;
  mtimeMs: number;
}

export interface WalkProblem {
  path: string;
  reason: string;
}

export interface WalkResult {
  files: FoundFile[];
  problems: WalkProblem[];
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'Permission denied: Soundlike may not read it.';
  if (code === 'ENOENT') return 'It vanished, or is a link to something that does not exist.';
  if (code === 'ELOOP') return 'A link that points to itself.';
  return error instanceof Error ? error.message : String(error);
}

export async function walkAudioFiles(root: string): Promise<WalkResult> {
  const files: FoundFile[] = [];
  const problems: WalkProblem[] = [];
  const visited = new Set<string>();

  async function visitDir(dir: string): Promise<void> {
    let real: string;
    try {
      real = await realpath(dir);
    } catch (error) {
      problems.push({ path: dir, reason: describe(error) });
      return;
    }
    if (visited.has(real)) return; // a symlinked folder seen before: avoid loops
    visited.add(real);
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: dir, reason: `Cannot list this folder. ${describe(error)}` });
      return;
    }
    const subdirs: string[] = [];
    await Promise.all(entries.map(async (entry) => {
      const path = join(dir, entry.name);
      if (entry.name.startsWith('.')) return; // hidden files and folders (.Trash, .sync) are not music
      if (entry.isDirectory()) {
        subdirs.push(path);
        return;
      }
      if (!entry.isFile() && !entry.isSymbolicLink()) return;
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(path);
          if (target.isDirectory()) {
            subdirs.push(path);
            return;
          }
        } catch (error) {
          if (isAudioPath(path)) problems.push({ path, reason: describe(error) });
          return;
        }
      }
      if (!isAudioPath(path)) return;
      try {
        const info = await stat(path);
        files.push({ path, size: info.size, mtimeMs: Math.round(info.mtimeMs) });
      } catch (error) {
        problems.push({ path, reason: describe(error) });
      }
    }));
    for (const sub of subdirs) await visitDir(sub);
  }

  await visitDir(root);
  return { files, problems };
}
