import { describe, expect, it } from 'vitest';
import { entryKind, entryProblem } from './entry-problem';

describe('entryKind', () => {
  it('calls an audio-named path that is not a directory a file, whether it is there or gone', () => {
    expect(entryKind('/downloads/single.flac', false)).toBe('file');
    expect(entryKind('/downloads/Song.MP3', false)).toBe('file');
  });

  it('calls a directory a folder, even one named like audio, and so any other path', () => {
    expect(entryKind('/music/Live.ogg', true)).toBe('folder');
    expect(entryKind('/music', true)).toBe('folder');
    expect(entryKind('/music', false)).toBe('folder');
    expect(entryKind('/notes.txt', false)).toBe('folder');
  });
});

describe('entryProblem', () => {
  it('speaks of a gone single file as the file, says its track is kept, and what to do', () => {
    const { status, message } = entryProblem('file', 'gone');
    expect(status).toBe('missing');
    expect(message).toMatch(/^This file is gone/);
    expect(message).toMatch(/put the file back/);
    expect(message).toMatch(/remove it from the library/);
    expect(message).not.toMatch(/folder/i);
  });

  it('never calls a single file a folder, whatever went wrong', () => {
    expect(entryProblem('file', 'wrong-type')).toEqual({ status: 'missing', message: 'This path is no longer an audio file. Remove it from the library, or put the file back and rescan.' });
    expect(entryProblem('file', 'unreadable').status).toBe('unreadable');
    expect(entryProblem('file', 'unreadable').message).toMatch(/^Soundlike may not read this file\./);
  });

  it('keeps the folder wording for folders', () => {
    expect(entryProblem('folder', 'gone')).toMatchObject({ status: 'missing', message: expect.stringMatching(/^The folder is gone/) });
    expect(entryProblem('folder', 'wrong-type').message).toBe('This path is no longer a folder. Remove it from the library, or put the folder back.');
    expect(entryProblem('folder', 'unreadable')).toEqual({ status: 'unreadable', message: 'Soundlike may not read this folder. Fix its permissions, then rescan.' });
  });
});
