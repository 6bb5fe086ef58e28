/** Turns an audio element's load failure into a sentence a user can act on. */
import type { Track } from '../../../../shared/domain';

/** Asks the server whether the file is there, to tell "missing" from "cannot decode". */
async function fileStatus(url: string): Promise<number | null> {
  try {
    const response = await fetch(url, { method: 'HEAD', credentials: 'same-origin' });
    return response.status;
  } catch {
    return null;
  }
}

export async function describeMediaError(el: HTMLAudioElement, url: string, track: Track | undefined): Promise<string> {
  const name = track ? `"${track.title}"` : 'this track';
  if (track && !track.available) return `Can't play ${name}: its folder is not available (unplugged drive?).`;
  const code = el.error?.code;
  if (code === MediaError.MEDIA_ERR_NETWORK) return `Can't play ${name}: reading the file was interrupted.`;
  if (code === MediaError.MEDIA_ERR_DECODE) return `Can't play ${name}: the file is damaged or could not be decoded.`;
  const status = await fileStatus(url);
  if (status === 404 || status === 410) return `Can't play ${name}: the file is gone (moved or deleted).`;
  if (status === 403) return `Can't play ${name}: Soundlike is not allowed to read the file.`;
  const codec = track?.codec ? ` (${track.codec})` : '';
  // No answer (e.g. Electron's media protocol, which the page may not fetch): both causes remain possible.
  if (status === null) return `Can't play ${name}: the file is missing, or its format${codec} is not supported.`;
  return `Can't play ${name}: its format${codec} is not supported by this player.`;
}
