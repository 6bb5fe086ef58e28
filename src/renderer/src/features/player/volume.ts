/**
 * User volume and mute. Changes apply at once and are saved to settings after a pause (a slider drag
 * would otherwise write dozens of times). Settings from main win only when no local change is pending.
 */
import { api } from '../../api';
import { stepVolume } from '../../lib/replaygain';
import { patchPlayer, usePlayerStore } from '../../stores/player-store';
import { useSettingsStore } from '../../stores/settings-store';
import { applyVolume } from './audio-engine';

const SAVE_DELAY_MS = 500;

let saveTimer: ReturnType<typeof setTimeout> | null = null;

export function setVolume(volume: number): void {
  const v = Math.min(1, Math.max(0, volume));
  patchPlayer({ volume: v, muted: v === 0 ? usePlayerStore.getState().muted : false });
  applyVolume();
  if (saveTimer) clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    saveTimer = null;
    api.settings.updateSettings({ volume: v }).catch((err: unknown) => console.warn('soundlike: saving volume failed', err));
  }, SAVE_DELAY_MS);
}

export function changeVolume(delta: number): void {
  setVolume(stepVolume(usePlayerStore.getState().volume, delta));
}

export function toggleMute(): void {
  patchPlayer({ muted: !usePlayerStore.getState().muted });
  applyVolume();
}

let started = false;

/** Follows the saved volume (start-up, or another window changing it). */
export function startVolumeSync(): void {
  if (started) return;
  started = true;
  const follow = (volume: number): void => {
    if (saveTimer || volume === usePlayerStore.getState().volume) return;
    patchPlayer({ volume });
    applyVolume();
  };
  const { settings, loaded } = useSettingsStore.getState();
  if (loaded) follow(settings.volume);
  useSettingsStore.subscribe((s, prev) => {
    if (s.settings.volume !== prev.settings.volume || (s.loaded && !prev.loaded)) follow(s.settings.volume);
  });
}
