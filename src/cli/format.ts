/** Plain-text renderings for the CLI. */
import type { RadioPick, ScanSummary, Track } from '../shared/domain';
import { SoundlikeError } from '../shared/errors';

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
    for (const f of s.failures) lines.push(`  ${f.path}\n    ${f.reason}`);
  }
  return lines.join('\n');
}

export function formatTrackTable(tracks: Track[]): string {
  const rows = tracks.map((t) => [String(t.id), t.title, t.artist ?? '', t.album ?? '', formatDuration(t.durationSec), t.codec ?? '']);
  const header = ['ID', 'TITLE', 'ARTIST', 'ALBUM', 'TIME', 'CODEC'];
  const widths = header.map((h, i) => Math.min(40, Math.max(h.length, ...rows.map((r) => r[i].length))));
  const fmt = (r: string[]) => r.map((c, i) => (c.length > widths[i] ? `${c.slice(0, widths[i] - 1)}…` : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [fmt(header), ...rows.map(fmt), `${tracks.length} track${tracks.length === 1 ? '' : 's'}`].join('\n');
}

export function formatError(error: unknown): string {
  const e = SoundlikeError.from(error);
  return `soundlike: ${e.message}${e.hint ? `\n  ${e.hint}` : ''}`;
}

/** Plain words for a distance, as the player shows them (0 same ... 1 unrelated). */
export function closeness(distance: number): string {
  if (distance < 0.15) return 'very close';
  if (distance < 0.35) return 'close';
  return 'related';
}

function span(start: number, end: number): string {
  return `${formatDuration(start)}-${formatDuration(end)}`;
}

export function formatRadio(seed: Track, picks: RadioPick[], byId: Map<number, Track>): string {
  const lines = [`Radio from "${seed.title}"${seed.artist ? ` by ${seed.artist}` : ''}:`, ''];
  picks.forEach((p, i) => {
    const t = byId.get(p.trackId);
    const e = p.explanation;
    const best = e.seeds[0];
    lines.push(`${String(i + 1).padStart(2)}. ${t?.title ?? `#${p.trackId}`}${t?.artist ? ` - ${t.artist}` : ''}   ${closeness(e.distance)} (${e.distance.toFixed(3)})`);
    if (e.matches?.length) {
      // The moments the songs were matched by, strongest first (the ranking compares whole songs).
      for (const m of e.matches) lines.push(`    its ${span(m.pick.startSec, m.pick.endSec)} <-> the seed's ${span(m.seed.startSec, m.seed.endSec)}   ${closeness(m.distance)} (${m.distance.toFixed(3)})`);
    } else if (best) {
      lines.push(`    its ${span(e.pick.startSec, e.pick.endSec)} matched the seed's ${span(best.startSec, best.endSec)}`);
    }
    if (e.tagsInCommon.length) lines.push(`    both: ${e.tagsInCommon.join(', ')}`);
  });
  if (picks.length === 0) lines.push('No other analysed songs to pick from yet.');
  return `${lines.join('\n')}\n`;
}
