/** Liked songs (they seed the liked-songs radio), loaded once and kept in step with each toggle. */
import { create } from 'zustand';
import { api } from '../api';
import { attempt } from './notify-store';

interface LikesState {
  liked: ReadonlySet<number>;
  loaded: boolean;
}

export const useLikesStore = create<LikesState>(() => ({ liked: new Set(), loaded: false }));

export async function loadLikes(): Promise<void> {
  const ids = await attempt(() => api.library.listLiked(), 'Loading your liked songs failed');
  if (ids) useLikesStore.setState({ liked: new Set(ids), loaded: true });
}

function setLocal(trackId: number, liked: boolean): void {
  useLikesStore.setState((s) => {
    const next = new Set(s.liked);
    if (liked) next.add(trackId);
    else next.delete(trackId);
    return { liked: next };
  });
}

/** Likes or unlikes at once (optimistic); a failed save puts it back and says why. */
export async function setLiked(trackId: number, liked: boolean): Promise<void> {
  setLocal(trackId, liked);
  try {
    await api.library.setLiked(trackId, liked);
  } catch (err) {
    setLocal(trackId, !liked);
    throw err;
  }
}

export async function toggleLiked(trackId: number): Promise<void> {
  const liked = !useLikesStore.getState().liked.has(trackId);
  await attempt(() => setLiked(trackId, liked), liked ? 'Could not like the song' : 'Could not unlike the song');
}

export const useIsLiked = (trackId: number | null): boolean =>
  useLikesStore((s) => trackId !== null && s.liked.has(trackId));
export const useLikedCount = (): number => useLikesStore((s) => s.liked.size);
