/** Words about library folders that the folder views show. Pure, so they are tested on their own. */
import { plural } from './format';

/** What removing a folder costs, said before it happens (the files stay; the library's memory of them goes). */
export function removalWarning(trackCount: number): string {
  if (trackCount === 0) return 'Remove from library? Files stay on disk.';
  const tracks = trackCount === 1 ? 'its track leaves' : `its ${plural(trackCount, 'track')} leave`;
  return `Remove from library? Files stay on disk, but ${tracks} the library, with their history, likes and playlist entries.`;
}
