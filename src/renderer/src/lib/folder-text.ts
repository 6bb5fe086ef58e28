/**
 * Words about library entries that the folder views show. An entry is a folder, or a single file opened
 * with Soundlike from outside every folder (kind 'file'); each is spoken of as what it is. Pure, so they
 * are tested on their own.
 */
import type { FolderStatus, MusicFolder } from '../../../shared/domain';
import { plural } from './format';

type EntryKind = MusicFolder['kind'];

/** What removing an entry costs, said before it happens (the files stay; the library's memory of them goes). */
export function removalWarning(trackCount: number, kind: EntryKind = 'folder'): string {
  const stays = kind === 'file' ? 'The file stays on disk' : 'Files stay on disk';
  if (trackCount === 0) return `Remove from library? ${stays}.`;
  const tracks = trackCount === 1 ? 'its track leaves' : `its ${plural(trackCount, 'track')} leave`;
  const their = trackCount === 1 ? 'its' : 'their';
  return `Remove from library? ${stays}, but ${tracks} the library, with ${their} history, likes and playlist entries.`;
}

const STATUS_LABEL: Record<FolderStatus, string> = { ok: 'OK', missing: 'Missing', unreadable: 'Unreadable' };

const ADVICE: Record<EntryKind, Record<FolderStatus, string>> = {
  folder: {
    ok: '',
    missing: 'If it is on a drive that is unplugged, plug it back in and rescan; its tracks are kept meanwhile. If you moved it, add the new location first: its songs are recognised there and keep their history, likes and playlists. Then remove this entry.',
    unreadable: 'Check that your user may read it (its permissions), then rescan.',
  },
  file: {
    ok: '',
    // The scan's message already says to put the file back; this adds what to do when it moved.
    missing: 'If you moved it, open it with Soundlike from its new place (or add the folder it is in now): it is recognised there and keeps its history, likes and playlists. Then remove this entry.',
    unreadable: 'Check that your user may read the file and the folder it is in, then rescan.',
  },
};

/** The status badge's word and what to do about a problem, for this kind of entry. */
export function entryStatusText(kind: EntryKind, status: FolderStatus): { label: string; advice: string } {
  return { label: STATUS_LABEL[status], advice: ADVICE[kind][status] };
}

/** The last part of a path ("/downloads/Song.flac" -> "Song.flac"), for either separator. */
export function entryName(path: string): string {
  const parts = path.split(/[\\/]+/).filter((part) => part !== '');
  return parts.at(-1) ?? path;
}

/** Where an entry's file sits: the path without its last part ("/downloads/Song.flac" -> "/downloads"). */
export function entryParent(path: string): string {
  const name = entryName(path);
  const parent = path.slice(0, path.lastIndexOf(name)).replace(/[\\/]+$/, '');
  return parent === '' ? path.slice(0, 1) : parent;
}

/** What a row's meta line says about its contents: a folder's track count; for a file, that it is one. */
export function entryContentsText(kind: EntryKind, trackCount: number): string {
  if (kind === 'folder') return plural(trackCount, 'track');
  // A file whose track moved with it (opened or scanned at its new place) leaves an entry without one.
  return trackCount === 0 ? 'Single file, its track is elsewhere now' : 'Single file, opened with Soundlike';
}

/** "Rescan all" with what it covers: "3 folders", "2 folders, 1 file", "1 file". */
export function rescanAllLabel(kinds: readonly EntryKind[]): string {
  const files = kinds.filter((kind) => kind === 'file').length;
  const folders = kinds.length - files;
  const parts = [folders > 0 ? plural(folders, 'folder') : '', files > 0 ? plural(files, 'file') : ''].filter(Boolean);
  return `Rescan all (${parts.join(', ')})`;
}
