/** What the liked-songs view does: play them (from a row), a radio from them or from one, unlike with undo. */
import { useLibraryStore } from '../../stores/library-store';
import { setLiked, useLikesStore } from '../../stores/likes-store';
import { attempt, notifyWithAction } from '../../stores/notify-store';
import { playTracks } from '../../stores/queue-store';

/** Liked songs still in the library, the latest liked first (the store keeps the order they were liked in). */
export function likedInOrder(liked: ReadonlySet<number>, inLibrary: (id: number) => boolean): number[] {
  return [...liked].filter(inLibrary).reverse();
}

/** Plays the liked songs, in the order shown, from `index`. */
export function playLiked(ids: readonly number[], index = 0): void {
  void playTracks([...ids], index);
}

/** Unlikes the song; the toast can like it again (the row leaves the list at once). */
export async function unlike(trackId: number): Promise<void> {
  if (!useLikesStore.getState().liked.has(trackId)) return;
  const done = await attempt(() => setLiked(trackId, false).then(() => true), 'Could not unlike the song');
  if (!done) return;
  const title = useLibraryStore.getState().byId.get(trackId)?.title;
  notifyWithAction(`Removed ${title ? `“${title}”` : 'the song'} from your liked songs.`, {
    label: 'Undo',
    run: () => void attempt(() => setLiked(trackId, true), 'Could not like the song again'),
  });
}
