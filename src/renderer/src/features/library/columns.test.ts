import { describe, expect, it } from 'vitest';
import { columnsFor, FULL_LAYOUT } from './columns';

const ids = (width: number) => columnsFor(width).columns.map((c) => c.id);

describe('library columns by table width', () => {
  it('shows every column in a wide table', () => {
    expect(columnsFor(1200)).toBe(FULL_LAYOUT);
    expect(ids(900)).toEqual(['trackNo', 'title', 'artist', 'album', 'year', 'genre', 'duration', 'codec']);
  });

  it('drops codec, then genre, then year, then the track number, then the album as the table narrows', () => {
    expect(ids(700)).toEqual(['trackNo', 'title', 'artist', 'album', 'year', 'genre', 'duration']);
    expect(ids(620)).toEqual(['trackNo', 'title', 'artist', 'album', 'year', 'duration']);
    expect(ids(560)).toEqual(['trackNo', 'title', 'artist', 'album', 'duration']);
    expect(ids(480)).toEqual(['title', 'artist', 'album', 'duration']);
    expect(ids(300)).toEqual(['title', 'artist', 'duration']);
  });

  it('gives the same layout object for the same columns, with a matching grid template', () => {
    expect(columnsFor(620)).toBe(columnsFor(640));
    expect(columnsFor(300).template).toBe('minmax(120px, 2.2fr) minmax(90px, 1.4fr) 56px');
  });
});
