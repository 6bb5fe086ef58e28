/** Turning what the user picked into a radio seed, and naming that seed in messages. */
import type { RadioSeed } from '../../../shared/domain';

/** One id is a one-song radio (it plays first); several are a multi-seed radio. */
export function seedFor(trackIds: readonly number[]): RadioSeed | null {
  const ids = [...new Set(trackIds)];
  if (ids.length === 0) return null;
  return ids.length === 1 ? { kind: 'track', trackId: ids[0] } : { kind: 'tracks', trackIds: ids };
}

/** “Song”, “A” and “B”, or “A” and 3 other songs. */
export function seedLabel(titles: readonly string[]): string {
  if (titles.length === 0) return 'these songs';
  if (titles.length === 1) return `“${titles[0]}”`;
  if (titles.length === 2) return `“${titles[0]}” and “${titles[1]}”`;
  return `“${titles[0]}” and ${titles.length - 1} other songs`;
}

/** The in-progress line while a radio is built: seeds not analysed yet are listened to first. */
export function startingMessage(label: string, listening: boolean): string {
  return listening ? `Listening to ${label} first…` : `Finding songs that sound like ${label}…`;
}
