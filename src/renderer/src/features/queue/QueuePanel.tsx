/** The play queue: a virtual list (queues can hold a whole library) with drag-and-drop reordering. */
import { useCallback, useEffect, useRef } from 'react';
import { VirtualList, type VirtualListHandle } from '../../elements/VirtualList';
import { formatTotalDuration, plural } from '../../lib/format';
import { useDragReorder } from '../../hooks/useDragReorder';
import { useLibraryStore } from '../../stores/library-store';
import { clearQueue, moveInQueue, useCurrentIndex, useQueueItems } from '../../stores/queue-store';
import { QueueRow } from './QueueRow';
import { Icon } from '../../elements/Icon';
import { toggleQueue } from '../../stores/ui-store';
import { useWhyTarget } from '../../stores/radio-store';
import { RadioLine } from '../radio/RadioLine';
import { SaveQueueButton } from '../playlists/SaveQueueButton';
import './queue.css';

const ROW_HEIGHT = 44;

export function QueuePanel() {
  const items = useQueueItems();
  const current = useCurrentIndex();
  const byId = useLibraryStore((s) => s.byId);
  const list = useRef<VirtualListHandle>(null);
  const why = useWhyTarget();
  const playingPick = items[current]?.origin.kind === 'radio' ? items[current].id : null;
  const explainedId = why.kind === 'item' ? why.itemId : (why.kind === 'playing' ? playingPick : null);

  // Keep the playing entry in view as the queue advances.
  useEffect(() => {
    if (current >= 0) list.current?.scrollToIndex(current);
  }, [current]);

  const moveItem = useCallback((from: number, to: number) => {
    const item = items[from];
    if (item) void moveInQueue(item.id, to);
  }, [items]);
  const drag = useDragReorder(moveItem);

  const remaining = items.slice(Math.max(0, current)).reduce((s, it) => s + (byId.get(it.trackId)?.durationSec ?? 0), 0);

  return (
    <section className="queue-panel" aria-label="Queue">
      <div className="panel-head queue-head">
        <h2>Queue</h2>
        <span className="queue-head-fill" />
        <SaveQueueButton />
        <button type="button" className="btn small" data-testid="clear-queue" disabled={items.length === 0}
          onClick={() => void clearQueue()}>Clear</button>
        <button type="button" className="icon-btn small" aria-label="Hide the queue" title="Hide the queue" onClick={toggleQueue}>
          <Icon name="down" size={16} />
        </button>
      </div>
      {/* Its own line under the buttons: the side column is too narrow to share one with them (it was cut off). */}
      {items.length ? (
        <p className="queue-summary muted small" data-testid="queue-summary">
          {plural(items.length, 'track')} · {formatTotalDuration(remaining)} left
        </p>
      ) : null}
      <RadioLine />
      {items.length === 0 ? (
        <p className="muted queue-empty">The queue is empty. Double-click a track to play it, or use “Add to queue”.</p>
      ) : (
        <VirtualList ref={list} count={items.length} rowHeight={ROW_HEIGHT} role="list" ariaLabel="Queue entries"
          className="queue-list" testId="queue-list"
          renderRow={(index, top) => {
            const item = items[index];
            return (
              <QueueRow key={item.id} item={item} track={byId.get(item.trackId)} index={index} count={items.length}
                top={top} height={ROW_HEIGHT} current={index === current} explained={item.id === explainedId}
                dropEdge={drag.dropEdgeOf(index)}
                onDragStartRow={drag.onDragStartRow} onDragOverRow={drag.onDragOverRow} onDropRow={drag.onDropRow} onDragEndRow={drag.onDragEndRow} />
            );
          }} />
      )}
    </section>
  );
}
