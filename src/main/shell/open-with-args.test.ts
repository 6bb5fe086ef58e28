import { describe, expect, it } from 'vitest';
import { audioFilesInArgv } from './open-with-args';

describe('audioFilesInArgv', () => {
  it('takes the audio files of a packaged launch, resolving relative ones against the working directory', () => {
    expect(audioFilesInArgv(['/opt/Soundlike/soundlike', '/music/a.mp3', 'b.FLAC', '../c.opus'], '/home/me/Music'))
      .toEqual(['/music/a.mp3', '/home/me/Music/b.FLAC', '/home/me/c.opus']);
  });

  it('skips the executable, the app path of a development run, and flags of Electron and Chromium', () => {
    const argv = ['/usr/lib/electron/electron', '.', '--no-sandbox', '--enable-features=Foo', '--allow-file-access-from-files', '/m/a.ogg'];
    expect(audioFilesInArgv(argv, '/work')).toEqual(['/m/a.ogg']);
    expect(audioFilesInArgv(['/opt/Soundlike/soundlike.mp3'], '/')).toEqual([]);
  });

  it('never takes the value of --data, even when it looks like audio', () => {
    expect(audioFilesInArgv(['soundlike', '--data', '/lib.mp3', '/m/a.wav'], '/')).toEqual(['/m/a.wav']);
    expect(audioFilesInArgv(['soundlike', '--data=/lib', '/m/a.wav'], '/')).toEqual(['/m/a.wav']);
  });

  it('keeps only the formats the scanner reads', () => {
    const argv = ['soundlike', '/m/a.mp3', '/m/cover.jpg', '/m/list.m3u', '/m/notes.txt', '/m/noext', '/m/b.m4a', '/m/c.aac', '/m/d.oga', '/m/e.mp4'];
    expect(audioFilesInArgv(argv, '/')).toEqual(['/m/a.mp3', '/m/b.m4a', '/m/c.aac', '/m/d.oga', '/m/e.mp4']);
  });

  it('reads file:// URLs (a desktop entry with %U) and ignores other schemes', () => {
    expect(audioFilesInArgv(['soundlike', 'file:///home/me/My%20Song.mp3', 'https://example.com/a.mp3', 'smb://nas/a.mp3'], '/'))
      .toEqual(['/home/me/My Song.mp3']);
  });

  it('treats what follows -- as files even when it starts with a dash, and drops duplicates', () => {
    expect(audioFilesInArgv(['soundlike', '--', '-live-.mp3', '/m/a.mp3', '/m/./a.mp3'], '/m')).toEqual(['/m/-live-.mp3', '/m/a.mp3']);
  });

  it('survives an empty or odd argv', () => {
    expect(audioFilesInArgv([], '/')).toEqual([]);
    expect(audioFilesInArgv(['soundlike', '', '--data'], '/')).toEqual([]);
  });
});
