/** Short codec names for a narrow column: tag readers report long forms like "MPEG 1 Layer 3" or "MPEG-4/AAC". */

const SHORT_NAMES: ReadonlyArray<[RegExp, string]> = [
  [/layer\s*3|mp3/i, 'MP3'],
  [/layer\s*2|mp2/i, 'MP2'],
  [/alac/i, 'ALAC'],
  [/aac|mp4a/i, 'AAC'],
  [/flac/i, 'FLAC'],
  [/opus/i, 'Opus'],
  [/vorbis/i, 'Vorbis'],
  [/pcm|^wave?$/i, 'PCM'], // not WavPack, which is its own codec
];

export function shortCodec(codec: string | null): string {
  if (!codec) return '';
  for (const [pattern, name] of SHORT_NAMES) if (pattern.test(codec)) return name;
  return codec;
}
