import { describe, it, expect } from 'vitest';
import { shortcutFor, type KeyPress } from './shortcuts';

function press(key: string, mods: Partial<KeyPress> = {}): KeyPress {
  return { key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods };
}

describe('shortcutFor', () => {
  it('maps the player keys', () => {
    expect(shortcutFor(press(' '), false)).toBe('togglePlay');
    expect(shortcutFor(press('ArrowLeft'), false)).toBe('seekBack');
    expect(shortcutFor(press('ArrowRight', { ctrlKey: true }), false)).toBe('next');
    expect(shortcutFor(press('ArrowLeft', { metaKey: true }), false)).toBe('previous');
    expect(shortcutFor(press('ArrowUp'), false)).toBe('volumeUp');
    expect(shortcutFor(press('m'), false)).toBe('toggleMute');
    expect(shortcutFor(press('Enter'), false)).toBe('playSelected');
    expect(shortcutFor(press('?', { shiftKey: true }), false)).toBe('toggleHelp');
  });
  it('maps the radio keys, not while typing', () => {
    expect(shortcutFor(press('s'), false)).toBe('playSimilar');
    expect(shortcutFor(press('S', { shiftKey: true }), false)).toBe('playSimilar');
    expect(shortcutFor(press('l'), false)).toBe('toggleLike');
    expect(shortcutFor(press('s'), true)).toBeNull();
    expect(shortcutFor(press('s', { ctrlKey: true }), false)).toBeNull();
  });
  it('ignores player keys while typing, but keeps search and Escape', () => {
    expect(shortcutFor(press(' '), true)).toBeNull();
    expect(shortcutFor(press('m'), true)).toBeNull();
    expect(shortcutFor(press('/'), true)).toBeNull();
    expect(shortcutFor(press('f', { ctrlKey: true }), true)).toBe('focusSearch');
    expect(shortcutFor(press('Escape'), true)).toBe('escape');
  });
  it('leaves unknown and Alt combinations to the browser', () => {
    expect(shortcutFor(press('x'), false)).toBeNull();
    expect(shortcutFor(press('ArrowLeft', { altKey: true }), false)).toBeNull();
  });
});
