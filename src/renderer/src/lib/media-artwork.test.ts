import { describe, expect, it } from 'vitest';
import { coverArtwork, coverMimeType } from './media-artwork';

describe('coverArtwork', () => {
  it('names the picture type from the cover id', () => {
    expect(coverMimeType('0123456789abcdef01234567.jpg')).toBe('image/jpeg');
    expect(coverMimeType('0123456789abcdef01234567.webp')).toBe('image/webp');
    expect(coverMimeType('0123456789abcdef01234567.tiff')).toBeNull();
    expect(coverMimeType('no-extension')).toBeNull();
  });

  it('adds sizes once the picture is known, and leaves them out before or when it is empty', () => {
    const src = 'http://127.0.0.1:1/media/cover/a.png';
    expect(coverArtwork(src, 'a.png')).toEqual([{ src, type: 'image/png' }]);
    expect(coverArtwork(src, 'a.png', { width: 600, height: 600 })).toEqual([{ src, type: 'image/png', sizes: '600x600' }]);
    expect(coverArtwork(src, 'a.png', { width: 0, height: 0 })).toEqual([{ src, type: 'image/png' }]);
    expect(coverArtwork(src, 'weird', { width: 64.4, height: 48 })).toEqual([{ src, sizes: '64x48' }]);
  });
});
