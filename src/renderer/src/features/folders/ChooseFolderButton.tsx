/**
 * Desktop app only: "Choose folder…" opens main's native folder dialog, which adds the folder itself
 * (desktop.chooseMusicFolder), so no path from the page is involved. The browser keeps the typed path.
 */
import { useState } from 'react';
import { api, asSoundlikeError } from '../../api';
import { loadFolders } from '../../stores/library-store';
import { notify } from '../../stores/notify-store';
import './folders-desktop.css';

export function ChooseFolderButton() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; hint?: string } | null>(null);
  if (api.transport !== 'electron') return null;

  async function choose(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const folder = await api.desktop.chooseMusicFolder();
      if (!folder) return; // the dialog was cancelled
      await loadFolders();
      notify('info', `Added ${folder.path}. Scanning it now…`);
    } catch (err) {
      const e = asSoundlikeError(err);
      setError({ message: e.message, hint: e.hint });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="choose-folder">
      <button type="button" className="btn primary" data-testid="choose-folder-button" disabled={busy} onClick={() => void choose()}>
        {busy ? 'Adding…' : 'Choose folder…'}
      </button>
      <span className="muted small">or type its path:</span>
      {error ? (
        <div className="inline-error" role="alert" data-testid="choose-folder-error">
          <strong>{error.message}</strong>
          {error.hint ? <span className="hint">{error.hint}</span> : null}
        </div>
      ) : null}
    </div>
  );
}
