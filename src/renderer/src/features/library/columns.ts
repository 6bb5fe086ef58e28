/** The library table's columns: header label, sort column and CSS grid width, in display order. */
import type { SortColumn } from '../../lib/sort';

export interface Column {
  id: SortColumn;
  label: string;
  width: string;
  align?: 'right';
  /** Narrower tables drop this column (the least useful first), so titles keep their room. */
  minTableWidth?: number;
}

export const COLUMNS: readonly Column[] = [
  { id: 'trackNo', label: '#', width: '32px', align: 'right', minTableWidth: 520 },
  { id: 'title', label: 'Title', width: 'minmax(120px, 2.2fr)' },
  { id: 'artist', label: 'Artist', width: 'minmax(90px, 1.4fr)' },
  { id: 'album', label: 'Album', width: 'minmax(90px, 1.4fr)', minTableWidth: 440 },
  { id: 'year', label: 'Year', width: '52px', align: 'right', minTableWidth: 600 },
  { id: 'genre', label: 'Genre', width: 'minmax(60px, 0.8fr)', minTableWidth: 680 },
  { id: 'duration', label: 'Time', width: '56px', align: 'right' },
  { id: 'codec', label: 'Codec', width: '52px', minTableWidth: 760 },
];

export interface ColumnLayout {
  columns: readonly Column[];
  /** Row buttons float over the row's right end on hover, so they take no column. */
  template: string;
}

function layoutOf(columns: readonly Column[]): ColumnLayout {
  return { columns, template: columns.map((c) => c.width).join(' ') };
}

/** Every column: the layout before the table has been measured, and for wide tables. */
export const FULL_LAYOUT: ColumnLayout = layoutOf(COLUMNS);

/** The columns that fit a table `width` px wide. The same set gives the same object, so memoised rows keep it. */
const layouts = new Map<string, ColumnLayout>([[COLUMNS.map((c) => c.id).join(), FULL_LAYOUT]]);
export function columnsFor(width: number): ColumnLayout {
  const columns = COLUMNS.filter((c) => c.minTableWidth === undefined || width >= c.minTableWidth);
  const key = columns.map((c) => c.id).join();
  let layout = layouts.get(key);
  if (!layout) layouts.set(key, (layout = layoutOf(columns)));
  return layout;
}

export const ROW_HEIGHT = 30;
