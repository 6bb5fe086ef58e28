/**
 * Plain-text renderings for the CLI. Every string that comes from a file (tags, paths, decoder messages)
 * passes through terminal-text here, so no tag can drive the user's terminal.
 */
import type { AnalysisFailure, PickExplanation, RadioPick, ScanSummary, Track } from '../shared/domain';
import { SoundlikeError } from '../shared/errors';
import { terminalField, terminalText } from './terminal-text';

export function formatDuration(sec: number | null): string {
  if (sec === null || !Number.isFinite(sec)) return '--:--';
  const s = Math.round(sec);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function formatSummary(label: string, s: ScanSummary): string {
  const lines = [
    `${label}: ${s.added} added, ${s.updated} updated, ${s.removed} removed, ${s.moved} moved, ${s.failed} failed, ` +
      `${s.unchanged} unchanged (${(s.durationMs / 1000).toFixed(1)} s)`,
  ];
  if (s.failures.length > 0) {
    lines.push('Files that could not be read:');
    for (const f of s.failures) lines.push(`  ${terminalField(f.path)}\n    ${terminalField(f.reason)}`);
  }
  return lines.join('\n');
}

/** A track's length; a damaged file shows how much of it plays ("0:12 of 3:30, damaged"). */
function trackTime(t: Track): string {
  return t.damaged ? `${formatDuration(t.decodedSec ?? null)} of ${formatDuration(t.durationSec)}, damaged` : formatDuration(t.durationSec);
}

export function formatTrackTable(tracks: Track[]): string {
  const rows = tracks.map((t) => [String(t.id), t.title, t.artist ?? '', t.album ?? '', trackTime(t), t.codec ?? ''].map(terminalField));
  const header = ['ID', 'TITLE', 'ARTIST', 'ALBUM', 'TIME', 'CODEC'];
  // A loop, not Math.max(...rows): spreading a big library into arguments overflows the stack.
  const widths = header.map((h, i) => Math.min(40, rows.reduce((w, r) => Math.max(w, r[i].length), h.length)));
  const fmt = (r: string[]) => r.map((c, i) => (c.length > widths[i] ? `${c.slice(0, widths[i] - 1)}…` : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [fmt(header), ...rows.map(fmt), `${tracks.length} track${tracks.length === 1 ? '' : 's'}`].join('\n');
}

export function formatError(error: unknown): string {
  const e = SoundlikeError.from(error);
  // Messages name paths and titles.
  return terminalText(`soundlike: ${e.message}${e.hint ? `\n  ${e.hint}` : ''}`);
}

/** The tracks `analyze` could not analyse, with why. */
export function formatAnalysisFailures(failures: AnalysisFailure[]): string {
  if (failures.length === 0) return '';
  return `Tracks that could not be analysed:\n${failures.map((f) => `  ${terminalField(f.path)}\n    ${terminalField(f.reason)}\n`).join('')}`;
}

/** Plain words for a distance, for explanations made before closeness was told against the library. */
export function closeness(distance: number): string {
  if (distance < 0.15) return 'very close';
  if (distance < 0.35) return 'close';
  return 'related';
}

/** How close a pick is, as the player says it: relative to this library when known, else from its distance. */
export function pickCloseness(e: PickExplanation): string {
  if (e.closeness) return `${e.closeness.words}: closer than ${e.closeness.percentile}% of song pairs in your library`;
  return `${closeness(e.distance)} (${e.distance.toFixed(3)})`;
}

function span(start: number, end: number): string {
  return `${formatDuration(start)}-${formatDuration(end)}`;
}

export function formatRadio(seed: Track, picks: RadioPick[], byId: Map<number, Track>): string {
  const lines = [`Radio from "${terminalField(seed.title)}"${seed.artist ? ` by ${terminalField(seed.artist)}` : ''}:`, ''];
  picks.forEach((p, i) => {
    const t = byId.get(p.trackId);
    const e = p.explanation;
    const best = e.seeds[0];
    lines.push(`${String(i + 1).padStart(2)}. ${t ? terminalField(t.title) : `#${p.trackId}`}${t?.artist ? ` - ${terminalField(t.artist)}` : ''}   ${pickCloseness(e)}`);
    if (e.matches?.length) {
      // The moments the songs were matched by, strongest first (the ranking compares whole songs).
      for (const m of e.matches) lines.push(`    its ${span(m.pick.startSec, m.pick.endSec)} <-> the seed's ${span(m.seed.startSec, m.seed.endSec)}   distance ${m.distance.toFixed(3)}`);
    } else if (best) {
      lines.push(`    its ${span(e.pick.startSec, e.pick.endSec)} matched the seed's ${span(best.startSec, best.endSec)}`);
    }
    if (e.tagsInCommon.length) lines.push(`    both: ${terminalField(e.tagsInCommon.join(', '))}`);
  });
  if (picks.length === 0) lines.push('No other analysed songs to pick from yet.');
  return `${lines.join('\n')}\n`;
}
