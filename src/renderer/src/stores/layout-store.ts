/** Whether the side panel's drawer is open (only windows under ~1100 px show the panel as a drawer). */
import { create } from 'zustand';

interface LayoutState {
  sideOpen: boolean;
}

export const useLayoutStore = create<LayoutState>(() => ({ sideOpen: false }));

export const setSideOpen = (sideOpen: boolean): void => useLayoutStore.setState({ sideOpen });
export const toggleSide = (): void => useLayoutStore.setState((s) => ({ sideOpen: !s.sideOpen }));
export const useSideOpen = (): boolean => useLayoutStore((s) => s.sideOpen);
