/**
 * Below ~1100 px the now-playing/queue panel leaves the grid and becomes a drawer over the right edge:
 * a sidebar button opens it, its close button, Escape or a click outside close it. Wider windows show
 * the panel in its column and none of this renders visibly (layout.css).
 */
import { useEffect, useRef } from 'react';
import { Icon } from '../../elements/Icon';
import { setSideOpen, toggleSide, useSideOpen } from '../../stores/layout-store';
import { useUiStore } from '../../stores/ui-store';
import './layout.css';

/** Must match the drawer breakpoint in layout.css. */
const DRAWER_QUERY = '(max-width: 1099px)';

/** The sidebar entry that opens the drawer; only shown while the panel is a drawer. */
export function SideDrawerToggle() {
  const open = useSideOpen();
  // Opening the queue (its player-bar button, a radio starting) in a narrow window shows it in the drawer.
  useEffect(() => useUiStore.subscribe((s, prev) => {
    if (s.queueOpen && !prev.queueOpen && window.matchMedia(DRAWER_QUERY).matches) setSideOpen(true);
  }), []);
  return (
    <button type="button" className={`nav-btn drawer-only ${open ? 'active' : ''}`} data-testid="side-toggle"
      aria-expanded={open} aria-controls="side-panel" title="Show the track details and the queue" onClick={toggleSide}>
      <Icon name="queue" />
      <span className="nav-label">Now playing</span>
    </button>
  );
}

/** The drawer's head: a title and the close button, which takes focus when the drawer opens. */
export function SideDrawerHead() {
  const open = useSideOpen();
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    close.current?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      setSideOpen(false);
      document.querySelector<HTMLElement>('[data-testid="side-toggle"]')?.focus();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [open]);
  return (
    <div className="drawer-head drawer-only">
      <h2>Now playing</h2>
      <button ref={close} type="button" className="icon-btn small" aria-label="Close the now-playing panel" title="Close (Esc)"
        data-testid="side-close" onClick={() => setSideOpen(false)}>
        <Icon name="close" size={14} />
      </button>
    </div>
  );
}

/** Dims the page behind the open drawer; a click on it closes the drawer. */
export function SideBackdrop() {
  const open = useSideOpen();
  if (!open) return null;
  return <div className="side-backdrop drawer-only" data-testid="side-backdrop" aria-hidden="true" onClick={() => setSideOpen(false)} />;
}
