/**
 * The playback service as the contract serves it to windows, web clients and the service-host relay.
 * Its onDidChangeQueue is the whole queue only when it was replaced; edits travel as onDidEditQueue.
 * Main-side code (the radio) keeps the service itself, whose onDidChangeQueue hands over the whole state
 * on every change: free in process, megabytes per edit across a boundary.
 */
import type { PlaybackService } from '../../shared/contract';
import type { PlaybackServiceImpl } from './playback-service';

export function playbackContract(playback: PlaybackServiceImpl): PlaybackService {
  return {
    getQueue: () => playback.getQueue(),
    replaceQueue: (trackIds, startIndex) => playback.replaceQueue(trackIds, startIndex),
    enqueue: (trackIds, position) => playback.enqueue(trackIds, position),
    removeFromQueue: (itemIds) => playback.removeFromQueue(itemIds),
    moveInQueue: (itemId, toIndex) => playback.moveInQueue(itemId, toIndex),
    setCurrentIndex: (index) => playback.setCurrentIndex(index),
    clearQueue: () => playback.clearQueue(),
    recordPlay: (record) => playback.recordPlay(record),
    onDidChangeQueue: playback.onDidReplaceQueue,
    onDidEditQueue: playback.onDidEditQueue,
    onDidChangeQueuePosition: playback.onDidChangeQueuePosition,
  };
}
