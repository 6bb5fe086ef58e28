/** A path on this computer + one button; the call's error (message and hint) shows inline under the input. */
import { useState, type FormEvent } from 'react';
import { asSoundlikeError } from '../api';

interface PathFormProps {
  label: string;
  placeholder: string;
  button: string;
  busyButton: string;
  /** Said inline when the input is empty. */
  emptyMessage: string;
  /** Test ids of the input, the button and the error: `<testId>-input` etc., unless given one by one. */
  testId: string;
  testIds?: { input: string; button: string; error: string };
  /** Empty the input after a successful submit. */
  clearOnSuccess?: boolean;
  autoFocus?: boolean;
  initial?: string;
  onSubmit: (path: string) => Promise<void>;
}

export function PathForm({ label, placeholder, button, busyButton, emptyMessage, testId, testIds, clearOnSuccess, autoFocus, initial = '', onSubmit }: PathFormProps) {
  const ids = testIds ?? { input: `${testId}-input`, button: `${testId}-button`, error: `${testId}-error` };
  const [path, setPath] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; hint?: string } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const trimmed = path.trim();
    if (!trimmed) {
      setError({ message: emptyMessage });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(trimmed);
      if (clearOnSuccess) setPath('');
    } catch (err) {
      const e2 = asSoundlikeError(err);
      setError({ message: e2.message, hint: e2.hint });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="add-folder path-form" onSubmit={(e) => void submit(e)}>
      <div className="add-folder-row">
        <input type="text" data-testid={ids.input} value={path} autoFocus={autoFocus} spellCheck={false}
          placeholder={placeholder} aria-label={label} aria-invalid={error !== null}
          onKeyDown={(e) => e.stopPropagation()}
          onChange={(e) => { setPath(e.target.value); if (error) setError(null); }} />
        <button type="submit" className="btn primary" data-testid={ids.button} disabled={busy}>{busy ? busyButton : button}</button>
      </div>
      {error ? (
        <div className="inline-error" role="alert" data-testid={ids.error}>
          <strong>{error.message}</strong>
          {error.hint ? <span className="hint">{error.hint}</span> : null}
        </div>
      ) : null}
    </form>
  );
}
