/**
 * MediaSession artwork for a track's cover: the URL, the picture's MIME type from the id Soundlike gave
 * it, and its size once known (the system panel and MPRIS pick by size; Chromium fetches the image).
 */

const COVER_TYPES: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', bmp: 'image/bmp' };

/** The MIME type of an extracted cover (ids end in the picture's extension); null for anything else. */
export function coverMimeType(coverId: string): string | null {
  const extension = /\.([a-z]+)$/.exec(coverId)?.[1];
  return extension ? (COVER_TYPES[extension] ?? null) : null;
}

/** One MediaImage for the cover; `size` (natural pixels) adds the `sizes` hint when the picture has loaded. */
export function coverArtwork(src: string, coverId: string, size?: { width: number; height: number }): MediaImage[] {
  const image: MediaImage = { src };
  const type = coverMimeType(coverId);
  if (type) image.type = type;
  if (size && size.width > 0 && size.height > 0) image.sizes = `${Math.round(size.width)}x${Math.round(size.height)}`;
  return [image];
}
