/** A one-line progress bar for a terminal (stderr); plain periodic lines when not a terminal. */
import type { AnalysisProgress, ScanProgress } from '../shared/domain';
import { terminalField } from './terminal-text';

export function createScanProgressPrinter(stream: NodeJS.WriteStream = process.stderr): (p: ScanProgress) => void {
  let lastPlain = 0;
  return (p) => {
    if (p.phase === 'listing') {
      if (stream.isTTY) stream.write('\r\x1b[2KListing files...');
      return;
    }
    const width = 30;
    const fraction = p.total === 0 ? 1 : p.done / p.total;
    const bar = '#'.repeat(Math.round(fraction * width)).padEnd(width, '-');
    const counts = `${p.done}/${p.total} files  +${p.added} ~${p.updated} -${p.removed}  failed ${p.failed}`;
    if (stream.isTTY) {
      const columns = stream.columns ?? 100;
      const line = `[${bar}] ${counts}  ${terminalField(p.currentPath ?? '')}`;
      stream.write(`\r\x1b[2K${line.slice(0, columns - 1)}`);
      if (p.final) stream.write('\n');
    } else if (p.final || Date.now() - lastPlain > 2000) {
      lastPlain = Date.now();
      stream.write(`[${bar}] ${counts}\n`);
    }
  };
}

/** m:ss, or h:mm:ss from an hour (a big library's first analysis takes hours). */
export function clock(sec: number | null): string {
  if (sec === null) return '--:--';
  const s = Math.max(0, Math.round(sec));
  const mmss = `${String(Math.floor(s / 60) % 60).padStart(s >= 3600 ? 2 : 1, '0')}:${String(s % 60).padStart(2, '0')}`;
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mmss}` : mmss;
}

/** "2.61 tracks/s (626x real time)": the recent rate the ETA is worked out from. */
export function rateText(p: Pick<AnalysisProgress, 'tracksPerSec' | 'realtimeX'>): string {
  return `${p.tracksPerSec.toFixed(2)} tracks/s${p.realtimeX > 0 ? ` (${Math.round(p.realtimeX)}x real time)` : ''}`;
}

export function createAnalysisProgressPrinter(stream: NodeJS.WriteStream = process.stderr): (p: AnalysisProgress) => void {
  let lastPlain = 0;
  return (p) => {
    if (p.phase === 'starting') {
      if (stream.isTTY) stream.write('\r\x1b[2KLoading the sound model...');
      return;
    }
    if (p.phase === 'error') return; // reported by the caller, with its hint
    const width = 30;
    const fraction = p.total === 0 ? 1 : p.done / p.total;
    const bar = '#'.repeat(Math.round(fraction * width)).padEnd(width, '-');
    const line = `[${bar}] ${p.done}/${p.total} tracks  ${rateText(p)}  ETA ${clock(p.etaSec)}  failed ${p.failed}`;
    if (stream.isTTY) {
      stream.write(`\r\x1b[2K${line}`);
      if (p.final) stream.write('\n');
    } else if (p.final || Date.now() - lastPlain > 2000) {
      lastPlain = Date.now();
      stream.write(`${line}\n`);
    }
  };
}
