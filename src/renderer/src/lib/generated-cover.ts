/**
 * A cover for an album that has none: a gradient whose colours come from the album's name (the same
 * album always looks the same, neighbours in the grid differ) with its title set in a few lines.
 */

export interface GeneratedCover {
  /** Two HSL colours and the gradient's angle in degrees. */
  from: string;
  to: string;
  angle: number;
  /** The title broken into at most `maxLines` lines (the last one ends in "…" when cut). */
  lines: string[];
}

/** FNV-1a: a small, stable string hash (identical across runs and machines). */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Greedy word wrap to `width` characters a line; a word longer than a line is cut. */
export function wrapTitle(title: string, width: number, maxLines: number): string[] {
  const words = title.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  let i = 0;
  for (; i < words.length; i++) {
    const word = words[i].length > width ? `${words[i].slice(0, width - 1)}…` : words[i];
    const next = line ? `${line} ${word}` : word;
    if (next.length <= width) {
      line = next;
      continue;
    }
    lines.push(line);
    line = word;
    if (lines.length === maxLines) break;
  }
  if (lines.length < maxLines && line) {
    lines.push(line);
    line = '';
  }
  const cut = i < words.length || line !== '';
  if (cut && lines.length > 0) {
    const last = lines[lines.length - 1];
    lines[lines.length - 1] = `${last.length >= width ? last.slice(0, width - 1) : last}…`;
  }
  return lines;
}

export function generatedCover(title: string, artist: string): GeneratedCover {
  const h = hashText(`${title}\u0000${artist}`);
  const hue = h % 360;
  const spread = 35 + ((h >>> 9) % 90);
  return {
    from: `hsl(${hue} 55% 42%)`,
    to: `hsl(${(hue + spread) % 360} 60% 22%)`,
    angle: 20 + ((h >>> 17) % 140),
    lines: wrapTitle(title || 'Untitled', 12, 3),
  };
}
