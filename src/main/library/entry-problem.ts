/**
 * What a library entry is (a folder, or a single file opened with Soundlike) and what the scan tells the
 * user when it cannot list one. Pure, so the wording is decided and tested in one place: a single-file
 * entry must be spoken of as the file it is, never as a folder.
 */
import { isAudioPath } from '../../shared/audio-formats';
import type { FolderStatus, MusicFolder } from '../../shared/domain';

export type EntryKind = MusicFolder['kind'];

/** Why an entry cannot be listed: its path is gone, holds something else now, or may not be read. */
export type EntryProblem = 'gone' | 'wrong-type' | 'unreadable';

/**
 * The kind of an entry from its path and whether a directory is there now: an audio-named path that is
 * not a directory is a single-file entry (or was one, when nothing is there any more).
 */
export function entryKind(path: string, isDirectory: boolean): EntryKind {
  return !isDirectory && isAudioPath(path) ? 'file' : 'folder';
}

const MESSAGES: Record<EntryKind, Record<EntryProblem, string>> = {
  folder: {
    gone: 'The folder is gone (deleted, renamed, or its drive unplugged). Its tracks are kept: reconnect it to play them. Moved it? Add the new location; its songs are recognised there.',
    'wrong-type': 'This path is no longer a folder. Remove it from the library, or put the folder back.',
    unreadable: 'Soundlike may not read this folder. Fix its permissions, then rescan.',
  },
  file: {
    gone: 'This file is gone (deleted, moved, or its drive unplugged). Its track is kept: put the file back and rescan to play it, or remove it from the library.',
    'wrong-type': 'This path is no longer an audio file. Remove it from the library, or put the file back and rescan.',
    unreadable: 'Soundlike may not read this file. Fix its permissions (or those of the folder it is in), then rescan.',
  },
};

/** The status and message stored for an entry the scan could not list. */
export function entryProblem(kind: EntryKind, problem: EntryProblem): { status: Exclude<FolderStatus, 'ok'>; message: string } {
  return { status: problem === 'unreadable' ? 'unreadable' : 'missing', message: MESSAGES[kind][problem] };
}
