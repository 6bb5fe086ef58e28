/** The About box: whether it is open, and the facts main read from the app's licence file (loaded once). */
import { create } from 'zustand';
import type { AboutInfo } from '../../../shared/domain';
import { api } from '../api';
import { attempt } from './notify-store';

interface AboutState {
  open: boolean;
  about: AboutInfo | null;
}

export const useAboutStore = create<AboutState>(() => ({ open: false, about: null }));

/** Opens the box; the facts are asked for the first time it opens (an error shows as a toast). */
export async function openAbout(): Promise<void> {
  useAboutStore.setState({ open: true });
  if (useAboutStore.getState().about) return;
  const about = await attempt(() => api.settings.getAbout(), 'Reading the licence information failed');
  if (about) useAboutStore.setState({ about });
}

export const closeAbout = (): void => useAboutStore.setState({ open: false });

export const useAboutOpen = (): boolean => useAboutStore((s) => s.open);
export const useAbout = (): AboutInfo | null => useAboutStore((s) => s.about);
