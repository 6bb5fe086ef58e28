/**
 * Lists the audio files under a folder with their size, mtime and identity. Links are followed (people
 * link albums in from other drives), but a folder tree that shows no audio after a bounded look (a link
 * to /etc, a documents folder) is skipped, so neither the scan nor the watcher wades through it.
 * Unreadable directories, broken links and files that cannot be stat'ed are reported, never thrown: one
 * bad entry never aborts a scan.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isAudioPath } from '../../shared/audio-formats';
import { LIBRARY_TUNABLES } from '../../shared/defaults';
import { fileIdOf } from '../media/media-files';

export interface FoundFile {
  path: string;
  size: number;
  mtimeMs: number;
  /** "dev:ino" of the file the path resolves to (a link's target): what media serving checks against. */
  fileId: string;
}

export interface WalkProblem {
  path: string;
  reason: string;
}

export interface WalkResult {
  files: FoundFile[];
  problems: WalkProblem[];
  /** Real paths of the folders reached through a link whose tree holds audio: the links worth watching. */
  linkedMusicDirs: string[];
  /** Real paths of the folder trees skipped for showing no audio: never watched. */
  skippedDirs: string[];
}

/** A look through a folder tree that has shown no audio yet, shared by the folders under it. */
interface Look {
  seen: number;
  found: boolean;
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'Permission denied: Soundlike may not read it.';
  if (code === 'ENOENT') return 'It vanished, or is a link to something that does not exist.';
  if (code === 'ELOOP') return 'A link that points to itself.';
  return error instanceof Error ? error.message : String(error);
}

export async function walkAudioFiles(root: string, lookLimit: number = LIBRARY_TUNABLES.noAudioLookLimit): Promise<WalkResult> {
  const files: FoundFile[] = [];
  const problems: WalkProblem[] = [];
  const linkedMusicDirs: string[] = [];
  const skippedDirs: string[] = [];
  const visited = new Set<string>();

  /** Walks one folder; true when its tree holds audio. `look` is the look in progress above it, if any. */
  async function visitDir(dir: string, viaLink: boolean, look: Look | null): Promise<boolean> {
    let real: string;
    try {
      real = await realpath(dir);
    } catch (error) {
      problems.push({ path: dir, reason: describe(error) });
      return false;
    }
    if (visited.has(real)) return false; // a symlinked folder seen before: avoid loops
    visited.add(real);
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: dir, reason: `Cannot list this folder. ${describe(error)}` });
      return false;
    }
    const subdirs: { path: string; viaLink: boolean }[] = [];
    let holdsAudio = false;
    await Promise.all(entries.map(async (entry) => {
      const path = join(dir, entry.name);
      if (entry.name.startsWith('.')) return; // hidden files and folders (.Trash, .sync) are not music
      if (entry.isDirectory()) {
        subdirs.push({ path, viaLink: false });
        return;
      }
      if (!entry.isFile() && !entry.isSymbolicLink()) return;
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(path);
          if (target.isDirectory()) {
            subdirs.push({ path, viaLink: true });
            return;
          }
        } catch (error) {
          if (isAudioPath(path)) problems.push({ path, reason: describe(error) });
          return;
        }
      }
      if (!isAudioPath(path)) return;
      holdsAudio = true;
      try {
        const info = await stat(path); // follows a link: size, mtime and identity are its target's
        files.push({ path, size: info.size, mtimeMs: Math.round(info.mtimeMs), fileId: fileIdOf(info) });
      } catch (error) {
        problems.push({ path, reason: describe(error) });
      }
    }));
    // The root is walked whole (the user chose it). Below it, a folder with no audio of its own starts a
    // look that its whole tree shares; the tree is given up once the look has seen too much and no audio.
    let ownLook: Look | null = null;
    if (look && !look.found) {
      look.seen += entries.length;
      look.found = holdsAudio;
    } else if (dir !== root && !holdsAudio) {
      ownLook = { seen: entries.length, found: false };
    }
    const active = ownLook ?? (look && !look.found ? look : null);
    subdirs.sort((a, b) => a.path.localeCompare(b.path));
    for (const sub of subdirs) {
      if (active && !active.found && active.seen > lookLimit) break;
      if (await visitDir(sub.path, sub.viaLink, active && !active.found ? active : null)) holdsAudio = true;
    }
    if (ownLook && !holdsAudio && ownLook.seen > lookLimit) {
      skippedDirs.push(real);
      problems.push({
        path: dir,
        reason: `Skipped: no audio among the first ${lookLimit} entries of this folder${viaLink ? ' (it is a link)' : ''}, so it is neither scanned nor watched. ` +
          'If it does hold music, add it as a library folder of its own.',
      });
    }
    if (holdsAudio && viaLink) linkedMusicDirs.push(real);
    return holdsAudio;
  }

  // A single-file entry ("Open with Soundlike" on a file outside every folder): the root is that file.
  const rootInfo = await stat(root).catch(() => null);
  if (rootInfo?.isFile()) {
    if (isAudioPath(root)) files.push({ path: root, size: rootInfo.size, mtimeMs: Math.round(rootInfo.mtimeMs), fileId: fileIdOf(rootInfo) });
    return { files, problems, linkedMusicDirs, skippedDirs };
  }
  await visitDir(root, false, null);
  return { files, problems, linkedMusicDirs, skippedDirs };
}
