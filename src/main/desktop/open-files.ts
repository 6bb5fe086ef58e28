/**
 * "Open with Soundlike": each opened audio file becomes a playable track (its library row, or a
 * single-file entry: only that file is served, never its neighbours), then the first plays right after
 * what is playing now and the rest follow it; the queue the user had is kept behind them.
 */
import type { OpenedFiles } from '../../shared/domain';
import { SoundlikeError } from '../../shared/errors';
import type { LibraryServiceImpl } from '../library/library-service';
import type { PlaybackServiceImpl } from '../playback/playback-service';

/** More than a file manager hands over at once; keeps one call from queuing a whole disk. */
export const MAX_OPENED_FILES = 1_000;

export async function openAudioFiles(paths: unknown, library: LibraryServiceImpl, playback: PlaybackServiceImpl): Promise<OpenedFiles> {
  if (!Array.isArray(paths) || paths.length > MAX_OPENED_FILES) {
    throw new SoundlikeError('INVALID_ARGUMENT', `Opened files come as a list of at most ${MAX_OPENED_FILES} paths.`);
  }
  const opened: OpenedFiles = { trackIds: [], failed: [] };
  // One at a time: a new single-file entry is a scan, and scans queue behind each other anyway.
  for (const path of paths) {
    try {
      opened.trackIds.push(await library.trackOfOpenedFile(path as string));
    } catch (error) {
      opened.failed.push({ path: String(path), reason: SoundlikeError.from(error).message });
    }
  }
  if (opened.trackIds.length === 0) return opened;
  const before = await playback.getQueue();
  const queued = await playback.enqueue(opened.trackIds, 'next');
  // enqueue('next') puts them after the current entry (or first in an empty queue): move onto the first.
  const first = before.currentIndex >= 0 ? before.currentIndex + 1 : 0;
  if (queued.currentIndex !== first) await playback.setCurrentIndex(first);
  return opened;
}
