/**
 * A playlist file picked in the browser, read in the page: main never reads a path a page names, so
 * the page sends the file's name and text, checked here first (the same checks main makes again).
 */
import type { PlaylistFile } from '../../../shared/domain';
import { checkPlaylistFile, checkPlaylistName, checkPlaylistSize, decodePlaylistBytes } from '../../../shared/playlist-file';

/** The picked file's name and text; throws a SoundlikeError saying why it is not a playlist. */
export async function readPlaylistUpload(file: Blob & { name: string }): Promise<PlaylistFile> {
  const name = checkPlaylistName(file.name);
  checkPlaylistSize(name, file.size); // before reading: a huge file is refused without loading it
  const bytes = new Uint8Array(await file.arrayBuffer());
  return checkPlaylistFile({ name, text: decodePlaylistBytes(name, bytes) });
}
