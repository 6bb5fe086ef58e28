/** The audio files Soundlike reads, and how each is served to a player. Runtime-agnostic. */

/** File extension (lower case, with dot) -> MIME type sent with the media. */
export const AUDIO_MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  '.mp3': 'audio/mpeg',
  '.flac': 'audio/flac',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.opus': 'audio/ogg; codecs=opus',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.mp4': 'audio/mp4',
  '.wav': 'audio/wav',
};

export const AUDIO_EXTENSIONS: readonly string[] = Object.keys(AUDIO_MIME_BY_EXTENSION);

/** Lower-case extension of a path or file name, with the dot ('' when none). */
export function extensionOf(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const dot = path.lastIndexOf('.');
  return dot > slash + 1 ? path.slice(dot).toLowerCase() : '';
}

export function isAudioPath(path: string): boolean {
  return extensionOf(path) in AUDIO_MIME_BY_EXTENSION;
}

export function audioMimeType(path: string): string {
  return AUDIO_MIME_BY_EXTENSION[extensionOf(path)] ?? 'application/octet-stream';
}
