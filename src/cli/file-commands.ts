/**
 * The CLI commands that read or write files, or choose a program, at paths given on the command line
 * (the web host and the app's pages can no longer name any): import and export M3U playlists, and set
 * the ffmpeg program analysis runs.
 */
import type { Services } from '../main/services';
import { SoundlikeError } from '../shared/errors';
import { terminalField, terminalText } from './terminal-text';

type Api = Services['api'];

/** `soundlike import <file.m3u8>`: a playlist from the file; entries not in the library are listed. */
export async function importPlaylist(api: Api, file: string, out: NodeJS.WritableStream): Promise<number> {
  const { playlist, missing } = await api.playlists.importM3uFromPath(file);
  out.write(`Imported "${terminalField(playlist.name)}" (playlist ${playlist.id}) with ${playlist.trackIds.length} song${playlist.trackIds.length === 1 ? '' : 's'}.\n`);
  if (missing.length > 0) {
    out.write(`${missing.length} entr${missing.length === 1 ? 'y is' : 'ies are'} not in the library:\n`);
    for (const entry of missing) out.write(`  ${terminalField(entry)}\n`);
  }
  return 0;
}

/** A playlist named on the command line: its id, or its exact name. */
async function findPlaylist(api: Api, which: string): Promise<number> {
  const all = await api.playlists.listPlaylists();
  const found = /^\d+$/.test(which) ? all.find((p) => p.id === Number(which)) : all.find((p) => p.name === which);
  if (!found) {
    const names = all.map((p) => `${p.id}: ${p.name}`).join(', ') || 'none yet';
    throw new SoundlikeError('UNKNOWN_PLAYLIST', `No playlist is ${/^\d+$/.test(which) ? `id ${which}` : `named "${which}"`}.`, `Playlists: ${names}.`);
  }
  return found.id;
}

/** `soundlike export <playlist> [file]`: writes extended M3U to the file, or prints it when none is given. */
export async function exportPlaylist(api: Api, which: string, file: string | undefined, out: NodeJS.WritableStream): Promise<number> {
  const id = await findPlaylist(api, which);
  if (file === undefined) {
    // The M3U carries tags (#EXTINF): printed to a terminal, their control characters are shown, not obeyed;
    // redirected to a file, it is written as it is.
    const m3u = await api.playlists.exportM3u(id);
    out.write((out as Partial<NodeJS.WriteStream>).isTTY ? terminalText(m3u) : m3u);
    return 0;
  }
  out.write(`Wrote ${terminalField(await api.playlists.writeM3u(id, file))}\n`);
  return 0;
}

/** `soundlike ffmpeg [path | --reset]`: shows, sets or resets the ffmpeg program analysis runs. */
export async function chooseFfmpeg(api: Api, path: string | undefined, reset: boolean, out: NodeJS.WritableStream): Promise<number> {
  const env = path !== undefined || reset ? await api.settings.setFfmpegPath(reset ? null : path ?? null) : await api.settings.getEnvironment();
  const { ffmpegPath } = await api.settings.getSettings();
  const source = ffmpegPath ? 'set with soundlike ffmpeg' : 'found by itself';
  out.write(env.ffmpeg
    ? `ffmpeg: ${env.ffmpeg.path} (version ${env.ffmpeg.version}, ${source})\n`
    : 'ffmpeg: not found. Install it (Debian/Ubuntu: apt-get install ffmpeg) or run soundlike ffmpeg <path of the program>.\n');
  return 0;
}
