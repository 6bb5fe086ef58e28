/**
 * Words for a radio pick's explanation: how close it is, what its tags mean, where its matched moment
 * sits in the song. Pure, so the why-panel only lays these out.
 */
import type { FragmentMoment, PickExplanation } from '../../../shared/domain';
import { formatClock } from './format';

export type Closeness = 'very close' | 'close' | 'related' | 'far';

/** Mean cosine distance below which a pick reads as "very close" / "close" (0 same, 1 unrelated). */
export const CLOSENESS_LIMITS = { veryClose: 0.15, close: 0.35 } as const;

/** Words from a raw distance: only for explanations made before closeness was told against the library. */
export function closeness(distance: number): Closeness {
  if (distance < CLOSENESS_LIMITS.veryClose) return 'very close';
  if (distance < CLOSENESS_LIMITS.close) return 'close';
  return 'related';
}

type Told = Pick<PickExplanation, 'distance' | 'closeness'>;

/** A pick's closeness in words: calibrated on the library's own song pairs when main told it, else from its distance. */
export function pickCloseness(e: Told): Closeness {
  return e.closeness?.words ?? closeness(e.distance);
}

/** The number behind the words, shown in the panel: "closer than 97% of song pairs in your library" (null: not known). */
export function closenessLine(e: Told): string | null {
  if (!e.closeness) return null;
  return `closer than ${e.closeness.percentile}% of song pairs in your library`;
}

/** A tooltip: how the number was measured, and the raw distance. */
export function closenessTip(e: Told): string {
  if (!e.closeness) return distanceTip(e.distance);
  return `Measured on ${e.closeness.pairs} pairs of different songs in your library; ${distanceTip(e.distance)}`;
}

/** A class name for the words ("very close" -> "very-close"). */
export function closenessClass(words: Closeness): string {
  return words.replace(' ', '-');
}

/** The number behind the words, for a tooltip: "distance 0.123 (0 = same sound, 1 = unrelated)". */
export function distanceTip(distance: number): string {
  return `distance ${distance.toFixed(3)} (0 = the same sound, 1 = unrelated)`;
}

/** What a tag's prefix means, shown as a small label before its value. */
const KIND_LABELS: Record<string, string> = {
  family: 'style',
  genre: 'genre',
  loudness: 'loudness',
  brightness: 'brightness',
  percussion: 'percussion',
  tempo: 'tempo',
  meter: 'meter',
  mode: 'mode',
  inst: 'instrument',
  mood: 'mood',
};

export interface TagText {
  /** The prefix in words (e.g. "instrument"), null for a tag without one. */
  kind: string | null;
  /** The value with dashes as spaces (e.g. "electric guitar"). */
  text: string;
}

/** "inst:electric-guitar" -> { kind: 'instrument', text: 'electric guitar' }; "t17" -> { kind: null, text: 't17' }. */
export function tagText(tag: string): TagText {
  const colon = tag.indexOf(':');
  const raw = colon === -1 ? tag : tag.slice(colon + 1);
  const prefix = colon === -1 ? null : tag.slice(0, colon);
  const text = raw.replace(/[-_]+/g, ' ').trim() || raw;
  if (prefix === null || prefix === '') return { kind: null, text };
  return { kind: KIND_LABELS[prefix] ?? prefix.replace(/[-_]+/g, ' '), text: prefix === 'meter' && /^\d+$/.test(text) ? `${text}/4` : text };
}

/** A tag as one line of plain text, for titles and screen readers: "instrument: electric guitar". */
export function tagPlain(tag: string): string {
  const t = tagText(tag);
  return t.kind ? `${t.kind}: ${t.text}` : t.text;
}

/** 0.531 -> "53%". */
export function percent(p: number): string {
  return `${Math.round(Math.max(0, Math.min(1, p)) * 100)}%`;
}

/** A moment's span as "0:30–0:35". */
export function momentSpan(m: Pick<FragmentMoment, 'startSec' | 'endSec'>): string {
  return `${formatClock(m.startSec)}–${formatClock(m.endSec)}`;
}

/**
 * Where a moment sits on a bar standing for the whole song, in percent of its width. The song's length
 * is the library's duration, or the moment's end when that is unknown; the span stays visible (>= 1%).
 */
export function momentOnBar(m: Pick<FragmentMoment, 'startSec' | 'endSec'>, durationSec: number | null | undefined): { left: number; width: number } {
  const length = Math.max(durationSec && durationSec > 0 ? durationSec : 0, m.endSec, 1e-6);
  const start = Math.max(0, Math.min(m.startSec, length));
  const end = Math.max(start, Math.min(m.endSec, length));
  const left = (start / length) * 100;
  const width = Math.max(1, ((end - start) / length) * 100);
  return { left: Math.min(left, 100 - width), width };
}

/** Seed moments grouped by song, in the order the songs first appear (closest first). */
export function seedMomentsBySong<M extends { trackId: number }>(moments: readonly M[]): { trackId: number; moments: M[] }[] {
  const groups = new Map<number, M[]>();
  for (const m of moments) groups.set(m.trackId, [...(groups.get(m.trackId) ?? []), m]);
  return [...groups].map(([trackId, list]) => ({ trackId, moments: list }));
}

/**
 * The clip a click on a song's strip plays: from the clicked point (`fraction` of the strip) for
 * `clipSec` (a fragment's length), cut at the song's end.
 */
export function clipFromPoint(fraction: number, lengthSec: number, clipSec: number): { startSec: number; endSec: number } {
  const length = Math.max(0, lengthSec);
  const start = Math.max(0, Math.min(1, Number.isFinite(fraction) ? fraction : 0)) * length;
  const startSec = Math.round(Math.min(start, Math.max(0, length - 0.5)) * 10) / 10;
  return { startSec, endSec: Math.round(Math.min(startSec + clipSec, length) * 10) / 10 };
}
