/**
 * The theme variables in styles.css, read as the browser would, checked for WCAG contrast in both themes:
 * text on every panel, status colours (badges, errors), the accent as text and under button text, the
 * focus ring, and the sonic map's tag hues on the map stage.
 */
import { describe, expect, it } from 'vitest';
import { contrastRatio, parseHex } from './contrast';
import { OTHER_COLOUR, PALETTE, UNTAGGED_COLOUR } from './sonic-map';

// Vitest runs this in Node, but the renderer's tsconfig has no Node types (and Vite hands CSS to tests as
// an empty string), so the one Node call this needs is declared here, locally.
declare const process: { getBuiltinModule(id: 'node:fs'): { readFileSync(path: URL, encoding: 'utf8'): string } };
const CSS = process.getBuiltinModule('node:fs').readFileSync(new URL('../styles.css', import.meta.url), 'utf8');

function block(selector: string): Record<string, string> {
  const start = CSS.indexOf(`${selector} {`);
  if (start === -1) throw new Error(`styles.css lacks ${selector}`);
  const body = CSS.slice(start, CSS.indexOf('}', start));
  return Object.fromEntries([...body.matchAll(/--([\w-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));
}

const DARK = block(':root');
const THEMES = { dark: DARK, light: { ...DARK, ...block(":root[data-theme='light']") } };

/** A variable's hex value, following var(--x) references. */
function colour(vars: Record<string, string>, name: string): string {
  let value = vars[name];
  for (let i = 0; value?.startsWith('var(') && i < 5; i++) value = vars[value.slice(6, -1)];
  if (!value || !parseHex(value)) throw new Error(`--${name} is not a hex colour: ${value}`);
  return value;
}

const PANELS = ['bg', 'bg-raised', 'bg-panel', 'bg-menu'];

describe.each(Object.entries(THEMES))('%s theme', (_name, vars) => {
  const c = (n: string) => colour(vars, n);
  it('body text, secondary and dim text read at 4.5:1 on every panel and on a selected row', () => {
    for (const bg of [...PANELS, 'bg-selected', 'bg-hover']) {
      for (const fg of ['text', 'text-secondary', 'text-dim']) expect(contrastRatio(c(fg), c(bg)), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
  });
  it('faint text (counts, hints) keeps 4.5:1 on the page and 3:1 anywhere', () => {
    expect(contrastRatio(c('text-faint'), c('bg'))).toBeGreaterThanOrEqual(4.5);
    for (const bg of [...PANELS, 'bg-hover', 'bg-selected']) expect(contrastRatio(c('text-faint'), c(bg)), bg).toBeGreaterThanOrEqual(3);
  });
  it('accent and status colours read as text (badges, errors, the playing title)', () => {
    for (const bg of PANELS) {
      for (const fg of ['accent', 'ok', 'warn', 'danger', 'error-text']) expect(contrastRatio(c(fg), c(bg)), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrastRatio(c('accent'), c('bg-selected')), 'playing title on a selected row').toBeGreaterThanOrEqual(3);
  });
  it('button text on the accent, danger buttons and the play button read', () => {
    expect(contrastRatio(c('on-accent'), c('accent'))).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(c('danger-text'), c('danger-bg'))).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(c('play-fg'), c('play-bg'))).toBeGreaterThanOrEqual(4.5);
  });
  it('the focus ring stands out (3:1) from every panel and a selected row', () => {
    for (const bg of [...PANELS, 'bg-hover', 'bg-selected']) expect(contrastRatio(c('focus'), c(bg)), bg).toBeGreaterThanOrEqual(3);
  });
  it('every sonic map hue stands out (3:1) from the map stage', () => {
    for (const hue of [...PALETTE, UNTAGGED_COLOUR, OTHER_COLOUR]) {
      expect(contrastRatio(hue, c('map-stage')), hue).toBeGreaterThanOrEqual(3);
    }
  });
});
