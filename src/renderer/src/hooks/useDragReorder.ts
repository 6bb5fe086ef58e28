/**
 * Drag-and-drop reordering for a list of rows (the queue, a playlist): where the drag started, where the
 * drop marker is, and on drop the target index, handed to `move(from, to)` only when it changes anything.
 */
import { useCallback, useState } from 'react';
import { dropTargetIndex } from '../lib/queue-math';

export type DropEdge = 'before' | 'after';

export interface DragReorder {
  /** The marker to draw on row `index`, or null. */
  dropEdgeOf(index: number): DropEdge | null;
  onDragStartRow(index: number): void;
  onDragOverRow(index: number, edge: DropEdge): void;
  onDropRow(): void;
  onDragEndRow(): void;
}

export function useDragReorder(move: (from: number, to: number) => void): DragReorder {
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [dropAt, setDropAt] = useState<{ index: number; edge: DropEdge } | null>(null);
  const onDragStartRow = useCallback((index: number) => setDragFrom(index), []);
  const onDragOverRow = useCallback((index: number, edge: DropEdge) => {
    setDropAt((d) => (d && d.index === index && d.edge === edge ? d : { index, edge }));
  }, []);
  const onDragEndRow = useCallback(() => {
    setDragFrom(null);
    setDropAt(null);
  }, []);
  const onDropRow = useCallback(() => {
    if (dragFrom !== null && dropAt) {
      const to = dropTargetIndex(dragFrom, dropAt.edge === 'before' ? dropAt.index : dropAt.index + 1);
      if (to !== dragFrom) move(dragFrom, to);
    }
    onDragEndRow();
  }, [dragFrom, dropAt, move, onDragEndRow]);
  const dropEdgeOf = useCallback((index: number) => (dropAt && dropAt.index === index && dragFrom !== null ? dropAt.edge : null), [dropAt, dragFrom]);
  return { dropEdgeOf, onDragStartRow, onDragOverRow, onDropRow, onDragEndRow };
}
