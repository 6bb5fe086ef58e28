import { describe, expect, it } from 'vitest';
import type { NowPlaying } from '../../shared/domain';
import { songLine, trayMenu, trayTooltip, type TrayMenuEntry } from './tray-menu';

const song: NowPlaying = { trackId: 7, title: 'So What', artist: 'Miles Davis', playing: true };

function labels(entries: TrayMenuEntry[]): string[] {
  return entries.map((e) => (e.type === 'separator' ? '---' : e.label));
}

describe('trayMenu', () => {
  it('shows the playing song (not clickable) and offers Pause, Next, Previous, Show, Quit', () => {
    const menu = trayMenu(song);
    expect(labels(menu)).toEqual(['So What - Miles Davis', '---', 'Pause', 'Next', 'Previous', '---', 'Show Soundlike', 'Quit']);
    expect(menu[0]).toMatchObject({ enabled: false, action: null });
    expect(menu[2]).toMatchObject({ enabled: true, action: { kind: 'media', command: 'pause' } });
    expect(menu[3]).toMatchObject({ enabled: true, action: { kind: 'media', command: 'next' } });
    expect(menu[4]).toMatchObject({ enabled: true, action: { kind: 'media', command: 'previous' } });
    expect(menu[6]).toMatchObject({ action: { kind: 'show' } });
    expect(menu[7]).toMatchObject({ action: { kind: 'quit' } });
  });

  it('offers Play when paused, and with nothing loaded says so and greys out Next and Previous', () => {
    expect(trayMenu({ ...song, playing: false })[2]).toMatchObject({ label: 'Play', action: { kind: 'media', command: 'play' } });
    const empty = trayMenu(null);
    expect(labels(empty)[0]).toBe('Nothing playing');
    expect(empty[2]).toMatchObject({ label: 'Play', enabled: true });
    expect(empty[3]).toMatchObject({ label: 'Next', enabled: false });
    expect(empty[4]).toMatchObject({ label: 'Previous', enabled: false });
  });

  it('shows an & in a song literally (Electron reads a single & as an access key)', () => {
    expect(labels(trayMenu({ ...song, title: 'Rock & Roll', artist: 'Simon & Garfunkel' }))[0]).toBe('Rock && Roll - Simon && Garfunkel');
  });
});

describe('songLine and trayTooltip', () => {
  it('uses the title alone without an artist, and names an empty title', () => {
    expect(songLine({ ...song, artist: null })).toBe('So What');
    expect(songLine({ ...song, artist: '  ' })).toBe('So What');
    expect(songLine({ ...song, title: ' ', artist: null })).toBe('Untitled');
    expect(songLine(null)).toBeNull();
  });

  it('shortens long lines (whole characters, not halves of an emoji) and folds line breaks', () => {
    const line = songLine({ ...song, title: `${'🎵'.repeat(70)}`, artist: null }) ?? '';
    expect([...line]).toHaveLength(60);
    expect(line.endsWith('…')).toBe(true);
    expect(songLine({ ...song, title: 'Two\nlines', artist: null })).toBe('Two lines');
  });

  it('says whether the song plays', () => {
    expect(trayTooltip(song)).toBe('Soundlike: So What - Miles Davis');
    expect(trayTooltip({ ...song, playing: false })).toBe('Soundlike (paused): So What - Miles Davis');
    expect(trayTooltip(null)).toBe('Soundlike');
  });
});
