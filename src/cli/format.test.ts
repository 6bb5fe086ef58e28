import { describe, expect, it } from 'vitest';
import type { PickExplanation, ScanSummary, Track } from '../shared/domain';
import { SoundlikeError } from '../shared/errors';
import { formatAnalysisFailures, formatDuration, formatError, formatRadio, formatSummary, formatTrackTable } from './format';

const summary = (patch: Partial<ScanSummary> = {}): ScanSummary => ({
  added: 3, updated: 1, removed: 2, moved: 1, failed: 0, unchanged: 10, failures: [], durationMs: 1234, ...patch,
});

function track(id: number, patch: Partial<Track> = {}): Track {
  return {
    id, folderId: 1, path: `/m/${id}.mp3`, size: 1, mtimeMs: 1, title: `Song ${id}`, artist: 'Someone', album: 'Album',
    albumArtist: null, trackNo: null, discNo: null, year: null, genre: null, durationSec: 125, codec: 'MPEG 1 Layer 3',
    sampleRate: 44100, bitrate: 128000, coverId: null, replayGainTrackDb: null, replayGainAlbumDb: null, addedAt: 1, available: true,
    ...patch,
  };
}

describe('formatDuration', () => {
  it('renders m:ss, rounding to the second', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(59.4)).toBe('0:59');
    expect(formatDuration(59.6)).toBe('1:00');
    expect(formatDuration(125)).toBe('2:05');
    expect(formatDuration(3725)).toBe('62:05');
  });

  it('renders an unknown duration as --:--', () => {
    expect(formatDuration(null)).toBe('--:--');
    expect(formatDuration(Number.NaN)).toBe('--:--');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('--:--');
  });
});

describe('formatSummary', () => {
  it('gives every count and the time on one line', () => {
    expect(formatSummary('Scanned /m', summary())).toBe(
      'Scanned /m: 3 added, 1 updated, 2 removed, 1 moved, 0 failed, 10 unchanged (1.2 s)');
  });

  it('names each failed file with its reason', () => {
    const text = formatSummary('Scanned /m', summary({
      failed: 2,
      failures: [{ path: '/m/a.mp3', reason: 'The file is empty (0 bytes).', at: 1 }, { path: '/m/b.flac', reason: 'The file is truncated.', at: 1 }],
    }));
    const lines = text.split('\n');
    expect(lines[0]).toContain('2 failed');
    expect(lines[1]).toBe('Files that could not be read:');
    expect(lines.slice(2)).toEqual(['  /m/a.mp3', '    The file is empty (0 bytes).', '  /m/b.flac', '    The file is truncated.']);
  });
});

describe('formatTrackTable', () => {
  it('prints a header, one aligned row per track and the count', () => {
    const lines = formatTrackTable([track(1), track(22, { artist: null, durationSec: null, codec: null })]).split('\n');
    expect(lines[0]).toMatch(/^ID\s+TITLE\s+ARTIST\s+ALBUM\s+TIME\s+CODEC$/);
    expect(lines[1]).toMatch(/^1\s+Song 1\s+Someone\s+Album\s+2:05\s+MPEG 1 Layer 3$/);
    expect(lines[2]).toMatch(/^22\s+Song 22\s+Album\s+--:--$/);
    expect(lines[3]).toBe('2 tracks');
    // Columns line up: TITLE starts at the same offset on every row.
    expect(lines[1].indexOf('Song')).toBe(lines[0].indexOf('TITLE'));
    expect(lines[2].indexOf('Song')).toBe(lines[0].indexOf('TITLE'));
  });

  it('cuts cells longer than 40 characters with an ellipsis', () => {
    const long = 'A'.repeat(60);
    const line = formatTrackTable([track(1, { title: long })]).split('\n')[1];
    expect(line).toContain(`${'A'.repeat(39)}…`);
    expect(line).not.toContain('A'.repeat(40));
  });

  it('prints no control character a tag holds, and keeps one line per track', () => {
    const text = formatTrackTable([track(1, { title: '\x1b[2J\x1b[31mRed\x1b[0m', artist: 'Line\nbreak\u009b', album: '\u202Emubla' })]);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^1\s+\?\[2J\?\[31mRed\?\[0m\s+Line break\?\s+mubla\s+2:05/);
  });

  it('sizes its columns for a library of 200k tracks (no argument spread)', () => {
    const tracks = Array.from({ length: 200_000 }, (_, i) => track(i + 1));
    expect(formatTrackTable(tracks).split('\n').at(-1)).toBe('200000 tracks');
  });

  it('says "1 track" and "0 tracks"', () => {
    expect(formatTrackTable([track(1)]).split('\n').at(-1)).toBe('1 track');
    expect(formatTrackTable([]).split('\n')).toEqual(['ID  TITLE  ARTIST  ALBUM  TIME  CODEC', '0 tracks']);
  });
});

describe('tag-derived text elsewhere', () => {
  const evil = '\x1b]0;owned\x07\x1b[31mX';
  const unsafe = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

  it('scan failures, analysis failures and errors show paths and reasons without their controls', () => {
    const failure = { path: `/m/${evil}.mp3`, reason: `decoder said ${evil}`, at: 1 };
    expect(formatSummary('Scanned', summary({ failed: 1, failures: [failure] }))).not.toMatch(unsafe);
    const analysed = formatAnalysisFailures([{ ...failure, trackId: 1 }]);
    expect(analysed).not.toMatch(unsafe);
    expect(analysed).toContain('?]0;owned??[31mX.mp3');
    expect(formatAnalysisFailures([])).toBe('');
    expect(formatError(new SoundlikeError('UNKNOWN_TRACK', `No track is ${evil}.`, `Try ${evil}`))).not.toMatch(unsafe);
  });

  it('radio picks show titles, artists and tags without their controls', () => {
    const pick = track(2, { title: evil, artist: evil });
    const explanation: PickExplanation = { distance: 0.1, distanceSum: 0.1, seeds: [], pick: { trackId: 2, startSec: 0, endSec: 5, tags: [] }, tagsInCommon: [evil] };
    const text = formatRadio(track(1, { title: evil, artist: evil }), [{ trackId: 2, explanation }], new Map([[2, pick]]));
    expect(text).not.toMatch(unsafe);
    expect(text).toContain('?[31mX');
  });

  it('tells a pick\'s closeness against the library when the explanation has it', () => {
    const base: PickExplanation = { distance: 0.1, distanceSum: 0.1, seeds: [], pick: { trackId: 2, startSec: 0, endSec: 5, tags: [] }, tagsInCommon: [] };
    const told = formatRadio(track(1), [{ trackId: 2, explanation: { ...base, closeness: { percentile: 97.4, words: 'very close', pairs: 240 } } }], new Map([[2, track(2)]]));
    expect(told).toContain('very close: closer than 97.4% of song pairs in your library');
    expect(formatRadio(track(1), [{ trackId: 2, explanation: base }], new Map([[2, track(2)]]))).toContain('very close (0.100)');
  });
});

describe('formatError', () => {
  it('prints the message and, indented below, the hint', () => {
    expect(formatError(new SoundlikeError('FOLDER_NOT_FOUND', 'There is no folder at /x.', 'Check the spelling.')))
      .toBe('soundlike: There is no folder at /x.\n  Check the spelling.');
  });

  it('prints a plain error as an internal one with its hint', () => {
    expect(formatError(new Error('boom'))).toMatch(/^soundlike: boom\n  .*bug/);
  });
});
