/**
 * The radio as the renderer sees it: the session main reports (onDidChangeRadio), the "building a radio"
 * state while playSimilar runs (it may analyse the seed first, which takes seconds), and which queue
 * entry the why-panel explains. The queue itself stays in the queue store.
 */
import { create } from 'zustand';
import type { RadioSession } from '../../../shared/domain';
import { api } from '../api';
import { attempt } from './notify-store';

export interface RadioStarting {
  /** What the radio is built from, in words (e.g. “Blue” and 2 other songs). */
  label: string;
  /** True when a seed song is not analysed yet: it is listened to first. */
  listening: boolean;
}

/** Which radio pick the why-panel explains. */
export type WhyTarget =
  /** The playing entry, when it is a radio pick (the default). */
  | { kind: 'playing' }
  /** One queue entry the user opened. */
  | { kind: 'item'; itemId: number }
  /** The user closed the panel for this playing entry; it comes back with the next pick. */
  | { kind: 'closed'; itemId: number | null };

interface RadioState {
  session: RadioSession | null;
  starting: RadioStarting | null;
  why: WhyTarget;
}

export const useRadioStore = create<RadioState>(() => ({ session: null, starting: null, why: { kind: 'playing' } }));

export function applyRadio(session: RadioSession | null): void {
  useRadioStore.setState({ session });
}

export async function loadRadio(): Promise<void> {
  const session = await attempt(() => api.radio.getActiveRadio());
  if (session !== undefined) applyRadio(session);
}

export function setStarting(starting: RadioStarting | null): void {
  useRadioStore.setState({ starting });
}

export function showWhy(itemId: number): void {
  useRadioStore.setState({ why: { kind: 'item', itemId } });
}

export function followPlaying(): void {
  useRadioStore.setState({ why: { kind: 'playing' } });
}

/** Hides the panel; for the playing pick until the next one plays. */
export function closeWhy(playingItemId: number | null): void {
  useRadioStore.setState({ why: { kind: 'closed', itemId: playingItemId } });
}

export async function stopRadio(): Promise<void> {
  await attempt(() => api.radio.stopRadio(), 'Could not stop the radio');
  applyRadio(null);
}

export const useRadioSession = (): RadioSession | null => useRadioStore((s) => s.session);
export const useRadioStarting = (): RadioStarting | null => useRadioStore((s) => s.starting);
export const useWhyTarget = (): WhyTarget => useRadioStore((s) => s.why);
