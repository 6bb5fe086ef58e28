/** The '?' overlay listing the keyboard shortcuts. */
import { useEffect, useRef } from 'react';
import { SHORTCUT_HELP } from '../../lib/shortcuts';
import { setHelpOpen, useHelpOpen } from '../../stores/ui-store';

export function HelpOverlay() {
  const open = useHelpOpen();
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) closeButton.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div className="overlay" role="presentation" onClick={() => setHelpOpen(false)}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="shortcut-help"
        onClick={(e) => e.stopPropagation()}>
        <h2 id="help-title">Keyboard shortcuts</h2>
        <table className="shortcut-table">
          <tbody>
            {SHORTCUT_HELP.map((s) => (
              <tr key={s.keys}><td><kbd>{s.keys}</kbd></td><td>{s.what}</td></tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">Shortcuts are ignored while you type in a text field.</p>
        <button ref={closeButton} type="button" className="btn" onClick={() => setHelpOpen(false)}>Close</button>
      </div>
    </div>
  );
}
