/** Display formatting for times, counts and dates. */

/** 0 -> "0:00", 75 -> "1:15", 3725 -> "1:02:05"; null/NaN/negative -> "" or "0:00". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '';
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Like formatDuration but never empty, for the player's clock. */
export function formatClock(seconds: number | null | undefined): string {
  return formatDuration(seconds) || '0:00';
}

/** "1 track", "2 tracks". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

/** "just now", "5 min ago", "3 h ago", "2 days ago", or "never" for null. */
export function formatAgo(timestampMs: number | null, nowMs: number): string {
  if (timestampMs === null) return 'never';
  const sec = Math.max(0, Math.round((nowMs - timestampMs) / 1000));
  if (sec < 60) return 'just now';
  const min = Math.round(sec / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.round(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}

/** Total play time of a list, e.g. "42 min", "3 h 12 min" or, past two days, "155 days 20 h". */
export function formatTotalDuration(seconds: number): string {
  const min = Math.round(seconds / 60);
  if (min < 60) return `${min} min`;
  const hours = Math.floor(min / 60);
  if (hours < 48) return `${hours} h ${min % 60} min`;
  return `${Math.floor(hours / 24)} days ${hours % 24} h`;
}
