import { describe, expect, it } from 'vitest';
import { entryContentsText, entryName, entryParent, entryStatusText, removalWarning, rescanAllLabel } from './folder-text';

describe('removalWarning', () => {
  it('says what leaves with the tracks, counted', () => {
    expect(removalWarning(1234)).toBe(
      'Remove from library? Files stay on disk, but its 1,234 tracks leave the library, with their history, likes and playlist entries.',
    );
    expect(removalWarning(1)).toBe('Remove from library? Files stay on disk, but its track leaves the library, with its history, likes and playlist entries.');
  });

  it('is short for an empty folder', () => {
    expect(removalWarning(0)).toBe('Remove from library? Files stay on disk.');
  });

  it('speaks of a single-file entry as the file', () => {
    expect(removalWarning(1, 'file')).toBe('Remove from library? The file stays on disk, but its track leaves the library, with its history, likes and playlist entries.');
    expect(removalWarning(0, 'file')).toBe('Remove from library? The file stays on disk.');
  });
});

describe('entryStatusText', () => {
  it('advises on a missing file without calling it a folder', () => {
    const { label, advice } = entryStatusText('file', 'missing');
    expect(label).toBe('Missing');
    expect(advice).toMatch(/open it with Soundlike from its new place/);
    expect(advice).not.toMatch(/add the new location/);
    expect(entryStatusText('file', 'unreadable').advice).toBe('Check that your user may read the file and the folder it is in, then rescan.');
  });

  it('keeps the folder advice for folders, and none when all is well', () => {
    expect(entryStatusText('folder', 'missing').advice).toMatch(/^If it is on a drive that is unplugged, plug it back in and rescan; its tracks are kept meanwhile\. If you moved it, add the new location first/);
    expect(entryStatusText('folder', 'ok')).toEqual({ label: 'OK', advice: '' });
    expect(entryStatusText('file', 'ok')).toEqual({ label: 'OK', advice: '' });
  });
});

describe('entryName and entryParent', () => {
  it('split a file path into its name and where it sits', () => {
    expect(entryName('/home/ana/Downloads/Song.flac')).toBe('Song.flac');
    expect(entryParent('/home/ana/Downloads/Song.flac')).toBe('/home/ana/Downloads');
    expect(entryName('C:\\Users\\ana\\Song.mp3')).toBe('Song.mp3');
    expect(entryParent('C:\\Users\\ana\\Song.mp3')).toBe('C:\\Users\\ana');
  });

  it('keep the root for a file at the top of the disk', () => {
    expect(entryName('/song.mp3')).toBe('song.mp3');
    expect(entryParent('/song.mp3')).toBe('/');
  });

  it('find the last part when an earlier folder has the same name', () => {
    expect(entryParent('/a.mp3/b/a.mp3')).toBe('/a.mp3/b');
  });
});

describe('entryContentsText', () => {
  it('counts a folder\'s tracks, and calls a single-file entry a file', () => {
    expect(entryContentsText('folder', 1234)).toBe('1,234 tracks');
    expect(entryContentsText('folder', 0)).toBe('0 tracks');
    expect(entryContentsText('file', 1)).toBe('Single file, opened with Soundlike');
    expect(entryContentsText('file', 0)).toBe('Single file, its track is elsewhere now');
  });
});

describe('rescanAllLabel', () => {
  it('names folders and files apart', () => {
    expect(rescanAllLabel(['folder', 'folder', 'folder'])).toBe('Rescan all (3 folders)');
    expect(rescanAllLabel(['folder', 'file', 'folder'])).toBe('Rescan all (2 folders, 1 file)');
    expect(rescanAllLabel(['file', 'file'])).toBe('Rescan all (2 files)');
  });
});
