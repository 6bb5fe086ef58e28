/** Plain-text renderings for the CLI. */
import type { ScanSummary, Track } from '../shared/domain';
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
