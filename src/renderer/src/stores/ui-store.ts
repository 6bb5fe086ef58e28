/** Which view and panels are open. Purely local UI state; nothing here reaches main. */
import { create } from 'zustand';

export type View = 'library' | 'folders' | 'playlist' | 'map' | 'albums' | 'artists' | 'liked';

interface UiState {
  view: View;
  queueOpen: boolean;
  helpOpen: boolean;
}

// The queue starts folded into an "up next" line, giving the side panel to the cover and details.
export const useUiStore = create<UiState>(() => ({ view: 'library', queueOpen: false, helpOpen: false }));

export const showView = (view: View): void => useUiStore.setState({ view });
export const toggleQueue = (): void => useUiStore.setState((s) => ({ queueOpen: !s.queueOpen }));
export const openQueue = (): void => useUiStore.setState({ queueOpen: true });
export const setHelpOpen = (helpOpen: boolean): void => useUiStore.setState({ helpOpen });

export const useView = (): View => useUiStore((s) => s.view);
export const useQueueOpen = (): boolean => useUiStore((s) => s.queueOpen);
export const useHelpOpen = (): boolean => useUiStore((s) => s.helpOpen);
