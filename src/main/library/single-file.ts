/**
 * Files the user opened with Soundlike ("Open with", a double click in the file manager): the check of
 * such a path (only main hands them over, HOST_ONLY; the check still names what is wrong in the user's
 * words), and which library entries are such single files rather than folders.
 */
import { constants } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { AUDIO_EXTENSIONS, isAudioPath } from '../../shared/audio-formats';
import { SoundlikeError } from '../../shared/errors';
import { entryKind, type EntryKind } from './entry-problem';

/** The opened file's absolute path and its real path (links resolved), once it is a readable audio file. */
export async function validateOpenedFile(input: unknown): Promise<{ path: string; real: string }> {
  if (typeof input !== 'string' || input.trim() === '' || !isAbsolute(input)) {
    throw new SoundlikeError('INVALID_ARGUMENT', 'An opened file must be given by its full path.');
  }
  const path = resolve(input);
  if (!isAudioPath(path)) {
    throw new SoundlikeError('INVALID_ARGUMENT', `${path} is not an audio file Soundlike plays.`, `It plays ${AUDIO_EXTENSIONS.join(', ')} files.`);
  }
  const info = await stat(path).catch(() => null);
  if (!info) throw new SoundlikeError('TRACK_FILE_MISSING', `There is no file at ${path}.`, 'It may have been moved or its drive unplugged.');
  if (!info.isFile()) throw new SoundlikeError('INVALID_ARGUMENT', `${path} is not a file.`, 'Add a folder of music in Folders instead.');
  try {
    await access(path, constants.R_OK);
  } catch {
    throw new SoundlikeError('FOLDER_NOT_READABLE', `Soundlike may not read ${path}.`, 'Check the file permissions.');
  }
  return { path, real: await realpath(path) };
}

/**
 * The library's single-file entries: folder rows whose path is an audio file (or was one: a missing file
 * still named like audio, unless a folder of that name is there now).
 */
export async function singleFileEntries<T extends { path: string }>(folders: readonly T[]): Promise<T[]> {
  const kinds = await entryKinds(folders);
  return folders.filter((_, i) => kinds[i] === 'file');
}

/** Each entry's kind (see entryKind), in order: the disk says whether a directory is there now. */
export function entryKinds(folders: readonly { path: string }[]): Promise<EntryKind[]> {
  return Promise.all(folders.map(async (f) => entryKind(f.path, await stat(f.path).then((s) => s.isDirectory(), () => false))));
}
