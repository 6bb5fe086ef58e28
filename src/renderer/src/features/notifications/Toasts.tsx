/**
 * Error and info toasts in the corner: what happened, and the hint saying what to do. Start-up notices
 * from main (a library restored from its backup) stay until dismissed.
 */
import { useEffect } from 'react';
import { Icon } from '../../elements/Icon';
import { dismissToast, notifyLasting, useToasts } from '../../stores/notify-store';
import { useEnvironment } from '../../stores/settings-store';

/** Notices already shown on this page (the environment is loaded again after settings change). */
const shownNotices = new Set<string>();

function useStartupNotices(): void {
  const environment = useEnvironment();
  useEffect(() => {
    for (const notice of environment?.notices ?? []) {
      if (shownNotices.has(notice)) continue;
      shownNotices.add(notice);
      notifyLasting('info', notice, environment?.logFile ? `Details are in the log: ${environment.logFile}` : undefined, 'STARTUP_NOTICE');
    }
  }, [environment]);
}

export function Toasts() {
  const toasts = useToasts();
  useStartupNotices();
  return (
    <div className="toasts" aria-live="assertive">
      {toasts.map((t) => (
        <div key={t.id} className={`toast ${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'} data-testid="toast"
          data-code={t.code}>
          <div className="toast-text">
            <strong>{t.message}</strong>
            {t.hint ? <span className="hint">{t.hint}</span> : null}
          </div>
          {t.action ? (
            <button type="button" className="btn small toast-action" data-testid="toast-action"
              onClick={() => { dismissToast(t.id); t.action?.run(); }}>{t.action.label}</button>
          ) : null}
          <button type="button" className="icon-btn small" aria-label="Dismiss" onClick={() => dismissToast(t.id)}>
            <Icon name="close" size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}
