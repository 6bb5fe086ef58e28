import { describe, expect, it } from 'vitest';
import type { AnalysisCounts, AnalysisProgress } from '../../../shared/domain';
import { analysisBadge, analysisDetail, analysisHeadline, analysisNote, analysisPercent, analysisRateTip, failedCount, formatEta, formatRate, isRunning } from './analysis-text';

function progress(patch: Partial<AnalysisProgress>): AnalysisProgress {
  return { phase: 'idle', done: 0, total: 0, failed: 0, tracksPerSec: 0, realtimeX: 0, etaSec: null, currentTrackId: null, message: null, final: true, ...patch };
}
const counts: AnalysisCounts = { total: 40, done: 30, failed: 2, pending: 8, fragments: 900, outdated: 0 };

describe('analysis text', () => {
  it('formats the rate and the time left', () => {
    expect(formatRate(2.61)).toBe('2.6 tracks/s');
    expect(formatRate(0.25)).toBe('4 s per track');
    expect(formatRate(0)).toBe('');
    expect(formatEta(185)).toBe('3:05 left');
    expect(formatEta(null)).toBe('');
  });
  it('describes a running job with done/total, rate and ETA', () => {
    const p = progress({ phase: 'analysing', done: 12, total: 40, tracksPerSec: 2, etaSec: 14, final: false, failed: 1 });
    expect(isRunning(p)).toBe(true);
    expect(analysisHeadline(p, counts)).toBe('Analysing your music');
    expect(analysisDetail(p, counts)).toBe('12 / 40 · 2.0 tracks/s · 0:14 left');
    expect(failedCount(p, counts)).toBe(1);
    expect(analysisPercent(p, counts)).toBe(30);
  });
  it('says what the rate and the time left are measured from, only while a run has a rate', () => {
    const p = progress({ phase: 'analysing', done: 12, total: 40, tracksPerSec: 2.6, realtimeX: 623.4, etaSec: 14, final: false });
    expect(analysisRateTip(p)).toBe('Analysing 623× faster than real time, measured over the last few tracks; the time left is the audio still to analyse at that speed.');
    expect(analysisRateTip({ ...p, tracksPerSec: 0 })).toBe('');
    expect(analysisRateTip(progress({ phase: 'done', tracksPerSec: 2 }))).toBe('');
  });
  it('describes the library when nothing runs', () => {
    const done = progress({ phase: 'done' });
    expect(isRunning(done)).toBe(false);
    expect(analysisHeadline(done, { ...counts, pending: 0 })).toBe('All 40 tracks analysed');
    expect(analysisDetail(done, counts)).toBe('30 of 40 tracks analysed · 8 waiting');
    expect(failedCount(done, counts)).toBe(2);
    expect(analysisHeadline(progress({ phase: 'paused' }), counts)).toBe('Analysis paused');
    expect(analysisHeadline(progress({ phase: 'error', message: 'x' }), counts)).toBe('Analysis stopped');
  });
  it('says why analysed tracks are waiting again after a model update', () => {
    expect(analysisNote(counts)).toBe('');
    expect(analysisNote({ ...counts, outdated: 1234 })).toBe(
      '1,234 tracks analysed with an earlier sound model or fragment step are being analysed again; radios use the tracks already redone.',
    );
    expect(analysisNote({ ...counts, outdated: 1 })).toContain('1 track analysed with an earlier sound model or fragment step is being');
  });
  it('gives each track a badge, pending when unknown', () => {
    expect(analysisBadge(undefined).status).toBe('pending');
    expect(analysisBadge({ trackId: 1, status: 'done', error: null }).status).toBe('done');
    const failed = analysisBadge({ trackId: 1, status: 'failed', error: 'ffmpeg could not decode it' });
    expect(failed.status).toBe('failed');
    expect(failed.tip).toContain('ffmpeg could not decode it');
  });
});
