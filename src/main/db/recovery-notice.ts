/**
 * The words a recovery is reported in, on every front end (CLI stderr, the app's dialog, the web page's
 * notice): what was wrong, where the damaged file went, what came back and what was lost.
 */
import type { Recovery } from './client';
import { NO_FILE } from './user-data-file';
import { describeCounts, describeWaiting, hasWaiting, type UserData, type UserDataCounts } from './user-data';

export interface RecoveryFacts {
  recovery: Recovery;
  /** What the database holds now. */
  library: { folders: number; tracks: number; analysed: number };
  /** user-data.json as read, or why it could not be used. */
  saved: UserData | string;
  /** What applying it brought back (null: not applied). */
  applied: { counts: UserDataCounts; waiting: UserData } | null;
}

const time = (ms: number) => new Date(ms).toLocaleString();
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function recoveryNotice({ recovery: r, library, saved, applied }: RecoveryFacts): string {
  const out = [`The library database was damaged (${r.reason}).`];
  if (r.keptAs) out.push(`It was kept as ${r.keptAs}.`);
  if (r.backupProblem) out.push(`Its backup was damaged too (${r.backupProblem})${r.backupKeptAs ? ` and was kept as ${r.backupKeptAs}` : ''}.`);
  if (r.backupFrom !== null) {
    out.push(`The backup of ${time(r.backupFrom)} was restored: ${plural(library.folders, 'folder')}, ${plural(library.tracks, 'song')}, ${library.analysed} analysed.`);
  } else {
    out.push('A new library was started.');
  }
  const brought = applied ? describeCounts(applied.counts) : null;
  if (applied && typeof saved !== 'string') {
    out.push(brought ? `From the copy of your own data saved ${time(saved.savedAt)}, brought back: ${brought}.` : 'Your own data (likes, playlists, settings) had nothing to bring back.');
    const waiting = hasWaiting(applied.waiting) ? describeWaiting(applied.waiting) : null;
    if (waiting) out.push(`Waiting for their songs to be scanned again (they come back then): ${waiting}.`);
  } else if (saved === NO_FILE) {
    out.push(`No copy of your likes, playlists, history and settings was found, so ${r.backupFrom !== null ? 'they are as of the backup' : 'they are lost'}.`);
  } else if (typeof saved === 'string') {
    out.push(`The copy of your likes, playlists, history and settings could not be used (${saved}), so ${r.backupFrom !== null ? 'they are as of the backup' : 'they are lost'}.`);
  } else {
    out.push('Your likes, playlists, history and settings are as of the backup (their separate copy was older).');
  }
  if (r.backupFrom !== null) {
    out.push('Lost: songs added, changed or analysed after the backup; rescan and analyse to find them again.');
  } else if (applied && applied.counts.folders > 0) {
    out.push('Lost: the song list and the sound analysis; your folders are back, so rescan them and analyse again.');
  } else {
    out.push('Lost: the song list and the sound analysis. Add your folders again.');
  }
  return out.join(' ');
}
