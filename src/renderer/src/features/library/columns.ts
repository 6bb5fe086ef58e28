/** The library table's columns: header label, sort column and CSS grid width, in display order. */
import type { SortColumn } from '../../lib/sort';

export interface Column {
  id: SortColumn;
  label: string;
  width: string;
  align?: 'right';
}

export const COLUMNS: readonly Column[] = [
  { id: 'trackNo', label: '#', width: '32px', align: 'right' },
  { id: 'title', label: 'Title', width: 'minmax(120px, 2.2fr)' },
  { id: 'artist', label: 'Artist', width: 'minmax(90px, 1.4fr)' },
  { id: 'album', label: 'Album', width: 'minmax(90px, 1.4fr)' },
  { id: 'year', label: 'Year', width: '52px', align: 'right' },
  { id: 'genre', label: 'Genre', width: 'minmax(60px, 0.8fr)' },
  { id: 'duration', label: 'Time', width: '56px', align: 'right' },
  { id: 'codec', label: 'Codec', width: '52px' },
];

/** Row buttons float over the row's right end on hover, so they take no column. */
export const GRID_TEMPLATE = COLUMNS.map((c) => c.width).join(' ');

export const ROW_HEIGHT = 30;
