/**
 * Analysis settings: auto-analyse, where the encoder runs (with what this machine offers), its CPU
 * threads, and the fragment step, which re-analyses the whole library and so asks first. Below them,
 * the tracks that could not be analysed and why.
 */
import { useEffect, useState } from 'react';
import type { AnalysisDevice, AnalysisFailure } from '../../../../shared/domain';
import { ANALYSIS_TUNABLES } from '../../../../shared/defaults';
import { api } from '../../api';
import { plural } from '../../lib/format';
import { useAnalysisStatus } from '../../stores/analysis-store';
import { attempt } from '../../stores/notify-store';
import { updateSettings, useEnvironment, useSettings } from '../../stores/settings-store';

const DEVICE_OPTIONS: Array<{ value: AnalysisDevice; label: string }> = [
  { value: 'auto', label: 'Automatic: the GPU (CUDA) when available, else the CPU' },
  { value: 'cpu', label: 'CPU' },
  { value: 'cuda', label: 'GPU (CUDA)' },
];

/** Threads offered: the cores of the machine that analyses (main's, which may not be this browser's). */
function maxThreads(cpuCount: number | undefined): number {
  return Math.max(1, Math.min(64, cpuCount ?? 4));
}

const STEPS: number[] = [];
for (let s = ANALYSIS_TUNABLES.minStepSec; s <= ANALYSIS_TUNABLES.maxStepSec; s++) STEPS.push(s);

function FragmentStep() {
  const settings = useSettings();
  const status = useAnalysisStatus();
  const [draft, setDraft] = useState<number | null>(null);
  const total = status?.counts.total ?? 0;
  const changing = draft !== null && draft !== settings.fragmentStepSec;
  return (
    <div className="setting-block">
      <label className="setting">
        <span>Fragment step</span>
        <select data-testid="fragment-step-select" value={draft ?? settings.fragmentStepSec}
          onChange={(e) => setDraft(Number(e.target.value))}>
          {STEPS.map((s) => <option key={s} value={s}>{`${s} s${s === 5 ? ' (fragments side by side)' : ' (overlapping fragments)'}`}</option>)}
        </select>
      </label>
      <p className="muted small setting-help">
        Songs are heard in 5-second fragments starting every this many seconds. A shorter step finds matching
        moments more precisely but takes longer to analyse and more disk space.
      </p>
      {changing ? (
        <div className="setting-warning" role="alert" data-testid="fragment-step-warning">
          <span>Changing the step re-analyses your whole library ({plural(total, 'track')}); until that is done, the radio only knows the tracks analysed again.</span>
          <span className="setting-warning-actions">
            <button type="button" className="btn small primary" data-testid="fragment-step-apply"
              onClick={() => { void updateSettings({ fragmentStepSec: draft }); setDraft(null); }}>Re-analyse with {draft} s</button>
            <button type="button" className="btn small" onClick={() => setDraft(null)}>Cancel</button>
          </span>
        </div>
      ) : null}
    </div>
  );
}

function AnalysisFailures() {
  const status = useAnalysisStatus();
  const failedCount = status?.counts.failed ?? 0;
  const [failures, setFailures] = useState<AnalysisFailure[]>([]);
  useEffect(() => {
    if (failedCount === 0) return setFailures([]);
    let live = true;
    void attempt(() => api.analysis.listAnalysisFailures()).then((list) => { if (live && list) setFailures(list); });
    return () => { live = false; };
  }, [failedCount]);
  if (failures.length === 0) return null;
  return (
    <div className="setting-block">
      <h3>Tracks that could not be analysed ({failures.length.toLocaleString('en-US')})</h3>
      <ul className="failures">
        {failures.slice(0, 200).map((f) => (
          <li key={f.trackId} className="scan-failure" data-testid="analysis-failure">
            <span className="failure-path start-ellipsis" title={f.path}><bdi>{f.path}</bdi></span>
            <span className="failure-reason">{f.reason}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function AnalysisSettings() {
  const threadChoices = maxThreads(useEnvironment()?.cpuCount);
  const settings = useSettings();
  const status = useAnalysisStatus();
  const model = status?.model ?? null;
  return (
    <section className="panel-section settings" data-testid="analysis-settings">
      <h3>Sound analysis</h3>
      <label className="setting checkbox">
        <input type="checkbox" data-testid="auto-analyse-toggle" checked={settings.autoAnalyse}
          onChange={(e) => void updateSettings({ autoAnalyse: e.target.checked })} />
        <span>Analyse new music by itself, in the background (needed for “play similar sounding”)</span>
      </label>
      <label className="setting">
        <span>Run on</span>
        <select data-testid="analysis-device-select" value={settings.analysisDevice}
          onChange={(e) => void updateSettings({ analysisDevice: e.target.value as AnalysisDevice })}>
          {DEVICE_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      </label>
      <p className="muted small setting-help" data-testid="analysis-device-info">
        {status?.cudaAvailable
          ? 'A CUDA GPU is available. '
          : 'No CUDA GPU is available here (it needs an NVIDIA GPU and onnxruntime’s CUDA provider), so the CPU is used. '}
        {model
          ? `The sound model (${model.id}) is running on the ${model.device === 'cuda' ? 'GPU (CUDA)' : 'CPU'}.`
          : 'The sound model loads when the analysis starts.'}
        {settings.analysisDevice === 'cuda' && status && !status.cudaAvailable ? <span className="warn-text"> CUDA was chosen but is not available: the analysis will report an error.</span> : null}
      </p>
      <label className="setting">
        <span>CPU threads</span>
        <select data-testid="analysis-threads-select" value={Math.min(settings.analysisThreads, Math.max(threadChoices, settings.analysisThreads))}
          onChange={(e) => void updateSettings({ analysisThreads: Number(e.target.value) })}>
          {Array.from({ length: Math.max(threadChoices, settings.analysisThreads) }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>{n === 1 ? '1 thread (leaves the computer free)' : `${n} threads`}</option>
          ))}
        </select>
      </label>
      <FragmentStep />
      <AnalysisFailures />
    </section>
  );
}
