/** Settings (from main, kept current by onDidChangeSettings) and the app environment shown in Settings. */
import { create } from 'zustand';
import type { AppEnvironment, Settings } from '../../../shared/domain';
import { DEFAULT_SETTINGS } from '../../../shared/defaults';
import { api } from '../api';
import { attempt } from './notify-store';

interface SettingsState {
  settings: Settings;
  loaded: boolean;
  environment: AppEnvironment | null;
}

export const useSettingsStore = create<SettingsState>(() => ({
  settings: { ...DEFAULT_SETTINGS },
  loaded: false,
  environment: null,
}));

export function applySettings(settings: Settings): void {
  useSettingsStore.setState({ settings, loaded: true });
}

export async function loadSettings(): Promise<void> {
  const [settings, environment] = await Promise.all([
    attempt(() => api.settings.getSettings(), 'Loading settings failed'),
    attempt(() => api.settings.getEnvironment()),
  ]);
  if (settings) applySettings(settings);
  if (environment) useSettingsStore.setState({ environment });
}

export async function updateSettings(patch: Partial<Settings>): Promise<void> {
  // Optimistic, so toggles respond at once; main's answer (or event) then confirms or corrects it.
  useSettingsStore.setState((s) => ({ settings: { ...s.settings, ...patch } }));
  const settings = await attempt(() => api.settings.updateSettings(patch), 'Saving settings failed');
  if (settings) applySettings(settings);
}

/** Desktop app: main's own dialog picks the ffmpeg program (no page can name one); shows what it found. */
export async function chooseFfmpeg(): Promise<void> {
  const environment = await attempt(() => api.desktop.chooseFfmpegWithDialog(), 'Could not set ffmpeg');
  if (environment) useSettingsStore.setState({ environment });
}

export const useSettings = (): Settings => useSettingsStore((s) => s.settings);
export const useReplayGainMode = (): Settings['replayGain'] => useSettingsStore((s) => s.settings.replayGain);
export const useEnvironment = (): AppEnvironment | null => useSettingsStore((s) => s.environment);
