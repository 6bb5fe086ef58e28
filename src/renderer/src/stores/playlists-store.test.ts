import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Playlist, PlaylistSummary } from '../../../shared/domain';
import { SoundlikeError } from '../../../shared/errors';

const playlists = {
  listPlaylists: vi.fn<() => Promise<PlaylistSummary[]>>(),
  getPlaylist: vi.fn<(id: number) => Promise<Playlist>>(),
  setPlaylistTracks: vi.fn<(id: number, ids: number[]) => Promise<Playlist>>(),
  importM3u: vi.fn(),
};
vi.mock('../api', () => ({ api: { playlists }, asSoundlikeError: (e: unknown) => SoundlikeError.from(e) }));

const { applySummaries, importM3u, openPlaylist, setPlaylistTracks, usePlaylistsStore } = await import('./playlists-store');
const { useNotifyStore } = await import('./notify-store');

const summary = (id: number, updatedAt = 1, trackCount = 2): PlaylistSummary => ({ id, name: `P${id}`, trackCount, durationSec: 60, updatedAt });
const playlist = (id: number, trackIds: number[], updatedAt = 1): Playlist => ({ ...summary(id, updatedAt, trackIds.length), trackIds });
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  vi.clearAllMocks();
  usePlaylistsStore.setState({ summaries: [], loaded: false, openId: null, open: null, lastImport: null });
  useNotifyStore.setState({ toasts: [] });
});

describe('playlists store', () => {
  it('opens a playlist and closes it when it is deleted elsewhere', async () => {
    playlists.getPlaylist.mockResolvedValue(playlist(1, [5, 6]));
    openPlaylist(1);
    await flush();
    expect(usePlaylistsStore.getState().open?.trackIds).toEqual([5, 6]);
    applySummaries([summary(2)]);
    expect(usePlaylistsStore.getState()).toMatchObject({ openId: null, open: null, loaded: true });
  });

  it('refetches the open playlist when its summary says it changed', async () => {
    playlists.getPlaylist.mockResolvedValueOnce(playlist(1, [5, 6]));
    openPlaylist(1);
    await flush();
    playlists.getPlaylist.mockResolvedValueOnce(playlist(1, [6, 5, 7], 2));
    applySummaries([summary(1, 2, 3)]);
    await flush();
    expect(usePlaylistsStore.getState().open?.trackIds).toEqual([6, 5, 7]);
  });

  it('shows a new order at once and undoes it when main refuses', async () => {
    playlists.getPlaylist.mockResolvedValue(playlist(1, [5, 6]));
    openPlaylist(1);
    await flush();
    let reject: (e: unknown) => void = () => {};
    playlists.setPlaylistTracks.mockReturnValue(new Promise((_, r) => { reject = r; }));
    const done = setPlaylistTracks(1, [6, 5]);
    expect(usePlaylistsStore.getState().open?.trackIds).toEqual([6, 5]);
    reject(new SoundlikeError('UNKNOWN_TRACK', 'Unknown track id(s): 6.', 'The library changed; refresh it.'));
    await done;
    expect(usePlaylistsStore.getState().open?.trackIds).toEqual([5, 6]);
    expect(useNotifyStore.getState().toasts[0]).toMatchObject({ kind: 'error', hint: 'The library changed; refresh it.' });
  });

  it('keeps the missing entries of an import for that playlist', async () => {
    playlists.importM3u.mockResolvedValue({ playlist: playlist(3, [1]), missing: ['/gone.mp3'] });
    playlists.listPlaylists.mockResolvedValue([summary(3)]);
    await importM3u({ name: 'x.m3u8', text: '#EXTM3U\n/gone.mp3\n' });
    expect(playlists.importM3u).toHaveBeenCalledWith({ name: 'x.m3u8', text: '#EXTM3U\n/gone.mp3\n' });
    expect(usePlaylistsStore.getState().lastImport).toEqual({ playlistId: 3, missing: ['/gone.mp3'] });
    expect(usePlaylistsStore.getState().summaries).toHaveLength(1);
  });
});
