/**
 * Scan progress from onDidScanProgress. The bar shows while a job runs; after the final tick it keeps a
 * one-line summary for a few seconds and then hides.
 */
import { create } from 'zustand';
import type { ScanProgress } from '../../../shared/domain';
import { api } from '../api';
import { attempt } from './notify-store';

/** How long the summary of a finished scan stays up. */
const SUMMARY_VISIBLE_MS = 6000;

interface ScanState {
  progress: ScanProgress | null;
  /** True from the first tick of a job until a little after its final tick. */
  visible: boolean;
}

export const useScanStore = create<ScanState>(() => ({ progress: null, visible: false }));

let hideTimer: ReturnType<typeof setTimeout> | null = null;

/** `live` is false for the state fetched at start-up, whose final tick is old news and shows nothing. */
export function handleScanProgress(progress: ScanProgress, live = true): void {
  if (hideTimer) {
    clearTimeout(hideTimer);
    hideTimer = null;
  }
  const running = !progress.final && progress.phase !== 'idle' && progress.phase !== 'done';
  if (running) {
    useScanStore.setState({ progress, visible: true });
    return;
  }
  if (progress.final && live && (useScanStore.getState().visible || progress.total > 0)) {
    useScanStore.setState({ progress });
    hideTimer = setTimeout(() => useScanStore.setState({ visible: false }), SUMMARY_VISIBLE_MS);
    return;
  }
  useScanStore.setState({ progress, visible: false });
}

export async function loadScanProgress(): Promise<void> {
  const progress = await attempt(() => api.library.getScanProgress());
  if (progress) handleScanProgress(progress, false);
}

export const useScanProgress = (): ScanProgress | null => useScanStore((s) => s.progress);
export const useScanVisible = (): boolean => useScanStore((s) => s.visible);
export const useScanRunning = (): boolean =>
  useScanStore((s) => s.progress !== null && !s.progress.final && s.progress.phase !== 'idle' && s.progress.phase !== 'done');
