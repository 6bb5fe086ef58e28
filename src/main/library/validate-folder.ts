/** Checks a path the user offers as a music folder, with errors that say what to do. */
import { readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { SoundlikeError } from '../../shared/errors';

/** True when `child` is `parent` or lies inside it. */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  // '..Live' is a child whose name starts with two dots; only '..' itself or '../...' leaves the parent.
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

export async function validateNewFolder(input: string, existing: string[]): Promise<string> {
  if (typeof input !== 'string' || input.trim() === '') {
    throw new SoundlikeError('INVALID_ARGUMENT', 'No folder was given.', 'Type or paste the full path of a folder with music in it.');
  }
  const path = resolve(input.trim());
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') {
      throw new SoundlikeError('FOLDER_NOT_READABLE', `Soundlike may not open ${path}.`, 'Check the folder permissions.');
    }
    throw new SoundlikeError('FOLDER_NOT_FOUND', `There is no folder at ${path}.`, 'Check the spelling, or that its drive is connected.');
  }
  if (!info.isDirectory()) {
    throw new SoundlikeError('NOT_A_FOLDER', `${path} is a file, not a folder.`, 'Give the folder that holds your music, not a single file.');
  }
  try {
    await readdir(path);
  } catch (error) {
    throw new SoundlikeError('FOLDER_NOT_READABLE', `Soundlike cannot list ${path} (${(error as Error).message}).`, 'Check the folder permissions.');
  }
  // Compare real paths: a link to a library folder (or into one) is the same music.
  const real = await realpath(path);
  for (const stored of existing) {
    const other = await realpath(stored).catch(() => stored);
    if (other === real) {
      throw new SoundlikeError('FOLDER_ALREADY_ADDED', other === path ? `${path} is already in the library.` : `${path} is the same folder as ${stored}, already in the library.`, 'Rescan it instead.');
    }
    if (isInside(other, real)) {
      throw new SoundlikeError('FOLDER_INSIDE_ANOTHER', `${path} is inside ${stored}, which is already in the library.`, 'Its music is already included.');
    }
    if (isInside(real, other)) {
      throw new SoundlikeError('FOLDER_INSIDE_ANOTHER', `${path} contains ${stored}, which is already in the library.`, `Remove ${stored} first, then add ${path}.`);
    }
  }
  return path;
}
