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

/** Why the radio's queue breaks a rule, in words for its banner (empty when every rule held). */
export function relaxedRulesText(relaxed: readonly string[] | undefined): string {
  if (!relaxed?.length) return '';
  const parts: string[] = [];
  if (relaxed.includes('artist-gap')) parts.push('artists repeat');
  if (relaxed.includes('same-song')) parts.push('other versions of a queued song play too');
  return `Few other songs to choose from: ${parts.join(' and ')}.`;
}

/** While the library is still being analysed: how much of it the radio could hear (empty once it heard all). */
export function coverageText(coverage: { analysed: number; total: number } | undefined): string {
  if (!coverage || coverage.analysed >= coverage.total) return '';
  return `${coverage.analysed} of ${coverage.total} songs analysed so far: the songs still to come are chosen again as the analysis goes on.`;
}
