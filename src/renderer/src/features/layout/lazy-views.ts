/**
 * The main views other than the library, each loaded on first use: the window opens on the library, and
 * parsing the albums, artists, playlist, liked, sonic map and settings code up front delayed its first paint.
 */
import { lazy } from 'react';

export const AlbumsView = lazy(() => import('../albums/AlbumsView').then((m) => ({ default: m.AlbumsView })));
export const ArtistsView = lazy(() => import('../albums/ArtistsView').then((m) => ({ default: m.ArtistsView })));
export const FoldersView = lazy(() => import('../folders/FoldersView').then((m) => ({ default: m.FoldersView })));
export const LikedView = lazy(() => import('../liked/LikedView').then((m) => ({ default: m.LikedView })));
export const PlaylistView = lazy(() => import('../playlists/PlaylistView').then((m) => ({ default: m.PlaylistView })));
export const SonicMapView = lazy(() => import('../map/SonicMapView').then((m) => ({ default: m.SonicMapView })));
