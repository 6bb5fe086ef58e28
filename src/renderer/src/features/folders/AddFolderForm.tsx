/** Type or paste a folder path and add it. Errors (FOLDER_NOT_FOUND, NOT_A_FOLDER, …) show inline with their hint. */
import { useState, type FormEvent } from 'react';
import { asSoundlikeError } from '../../api';
import { addFolder } from '../../stores/library-store';
import { notify } from '../../stores/notify-store';

interface InlineError {
  message: string;
  hint?: string;
}

export function AddFolderForm({ autoFocus = false }: { autoFocus?: boolean }) {
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<InlineError | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const trimmed = path.trim();
    if (!trimmed) {
      setError({ message: 'Type or paste the full path of a folder with music in it.' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const folder = await addFolder(trimmed);
      setPath('');
      notify('info', `Added ${folder.path}. Scanning it now…`);
    } catch (err) {
      const e2 = asSoundlikeError(err);
      setError({ message: e2.message, hint: e2.hint });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="add-folder" onSubmit={(e) => void submit(e)}>
      <div className="add-folder-row">
        <input type="text" data-testid="folder-path-input" value={path} autoFocus={autoFocus} spellCheck={false}
          placeholder="/home/you/Music  or  D:\Music" aria-label="Folder path" aria-invalid={error !== null}
          aria-describedby={error ? 'add-folder-error' : undefined}
          onChange={(e) => { setPath(e.target.value); if (error) setError(null); }} />
        <button type="submit" className="btn primary" data-testid="add-folder-button" disabled={busy}>
          {busy ? 'Adding…' : 'Add music folder'}
        </button>
      </div>
      {error ? (
        <div className="inline-error" id="add-folder-error" role="alert" data-testid="folder-error">
          <strong>{error.message}</strong>
          {error.hint ? <span className="hint">{error.hint}</span> : null}
        </div>
      ) : null}
    </form>
  );
}
