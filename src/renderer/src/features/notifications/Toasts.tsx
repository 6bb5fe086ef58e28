/** Error and info toasts in the corner: what happened, and the hint saying what to do. */
import { Icon } from '../../elements/Icon';
import { dismissToast, useToasts } from '../../stores/notify-store';

export function Toasts() {
  const toasts = useToasts();
  return (
    <div className="toasts" aria-live="assertive">
      {toasts.map((t) => (
        <div key={t.id} className={`toast ${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'} data-testid="toast"
          data-code={t.code}>
          <div className="toast-text">
            <strong>{t.message}</strong>
            {t.hint ? <span className="hint">{t.hint}</span> : null}
          </div>
          <button type="button" className="icon-btn small" aria-label="Dismiss" onClick={() => dismissToast(t.id)}>
            <Icon name="close" size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}
