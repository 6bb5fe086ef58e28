/**
 * The sonic path as the renderer sees it: the song a walk starts from while the user chooses where it
 * goes, the walk being built, and the last one queued (the map rings its end). Main builds and queues it.
 */
import { create } from 'zustand';
import type { SonicPath } from '../../../shared/domain';

interface SonicPathState {
  /** The song chosen to start from, waiting for the song to walk to. */
  start: number | null;
  building: boolean;
  path: SonicPath | null;
}

export const useSonicPathStore = create<SonicPathState>(() => ({ start: null, building: false, path: null }));

export const setPathStart = (start: number | null): void => useSonicPathStore.setState({ start });
export const setPathBuilding = (building: boolean): void => useSonicPathStore.setState({ building });
export const setSonicPath = (path: SonicPath | null): void => useSonicPathStore.setState({ path });

export const usePathStart = (): number | null => useSonicPathStore((s) => s.start);
export const usePathBuilding = (): boolean => useSonicPathStore((s) => s.building);
export const useSonicPath = (): SonicPath | null => useSonicPathStore((s) => s.path);
