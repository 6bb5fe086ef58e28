import { describe, expect, it } from 'vitest';
import type { PickExplanation, QueueItem, QueueState } from '../../shared/domain';
import { artistGapTail, isPickOf, radioEntries, rerankSplit, sessionPicks, upcomingPicksOf, upcomingRadioEntries, wantsExtension } from './radio-queue';

const why = (n: number) => ({ summary: `pick ${n}` }) as unknown as PickExplanation;
const user = (id: number, trackId = id): QueueItem => ({ id, trackId, origin: { kind: 'user' } });
const pick = (id: number, radioId: number, trackId = id, explained = true): QueueItem => ({ id, trackId, origin: { kind: 'radio', radioId, explanation: explained ? why(id) : null } });
const queue = (items: QueueItem[], currentIndex: number): QueueState => ({ items, currentIndex, version: 1 });

describe('radioEntries', () => {
  it('queues each pick as radio radioId, with its explanation', () => {
    expect(radioEntries([{ trackId: 4, explanation: why(4) }], 9)).toEqual([{ trackId: 4, origin: { kind: 'radio', radioId: 9, explanation: why(4) } }]);
  });
});

describe('which entries are whose', () => {
  const items = [user(1), pick(2, 7), pick(3, 8), pick(4, 7), user(5), pick(6, 7, 60, false)];

  it('tells a radio its own picks from the user\'s songs and another radio\'s', () => {
    expect(items.filter((i) => isPickOf(7, i)).map((i) => i.id)).toEqual([2, 4, 6]);
  });

  it('finds the picks still to play, after the playing entry', () => {
    expect(upcomingPicksOf(queue(items, 1), 7).map((i) => i.id)).toEqual([4, 6]);
    expect(upcomingPicksOf(queue(items, -1), 7).map((i) => i.id)).toEqual([2, 4, 6]);
    expect(upcomingRadioEntries(queue(items, 1), () => true).map((i) => i.id)).toEqual([3, 4, 6]);
    expect(upcomingRadioEntries(queue(items, 1), (i) => i.trackId === 60).map((i) => i.id)).toEqual([6]);
  });

  it('shows the session\'s explained picks, played or not', () => {
    expect(sessionPicks(items, 7)).toEqual([{ trackId: 2, explanation: why(2) }, { trackId: 4, explanation: why(4) }]);
    expect(sessionPicks(items, 99)).toEqual([]);
  });
});

describe('artistGapTail', () => {
  it('is the last artistGap entries, none for a gap of 0', () => {
    const items = [user(1), user(2), user(3)];
    expect(artistGapTail(items, 2).map((i) => i.id)).toEqual([2, 3]);
    expect(artistGapTail(items, 5).map((i) => i.id)).toEqual([1, 2, 3]);
    expect(artistGapTail(items, 0)).toEqual([]);
  });
});

describe('wantsExtension', () => {
  it('extends when few of its picks are left and the queue still ends with one', () => {
    expect(wantsExtension(7, 3, 6, pick(6, 7), 2)).toBe(true);
    expect(wantsExtension(7, 2, 6, pick(6, 7), 2)).toBe(false);
  });

  it('leaves a queue the user took over, or one with nothing playing', () => {
    expect(wantsExtension(7, 5, 6, user(6), 2)).toBe(false);
    expect(wantsExtension(7, 5, 6, pick(6, 8), 2)).toBe(false);
    expect(wantsExtension(7, 5, 6, undefined, 2)).toBe(false);
    expect(wantsExtension(7, -1, 1, pick(1, 7), 2)).toBe(false);
  });
});

describe('rerankSplit', () => {
  it('keeps what was heard and what the radio did not queue; its upcoming picks are chosen again', () => {
    const split = rerankSplit(queue([pick(1, 7), pick(2, 7), user(3), pick(4, 7), pick(5, 8)], 1), 7);
    expect(split?.played.map((i) => i.id)).toEqual([1, 2]);
    expect(split?.upcoming.map((i) => i.id)).toEqual([4]);
    expect(split?.kept.map((i) => i.id)).toEqual([1, 2, 3, 5]);
  });

  it('leaves a queue of other songs alone, but re-fills a queue of one song', () => {
    expect(rerankSplit(queue([user(1), user(2)], 0), 7)).toBeNull();
    expect(rerankSplit(queue([user(1)], 0), 7)).toEqual({ played: [user(1)], upcoming: [], kept: [user(1)] });
  });
});
