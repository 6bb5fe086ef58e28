/**
 * Type or paste a folder path and add it (in the desktop app, or choose it in the native dialog). Errors
 * (FOLDER_NOT_FOUND, NOT_A_FOLDER, …) show inline with their hint.
 */
import { PathForm } from '../../elements/PathForm';
import { addFolder } from '../../stores/library-store';
import { notify } from '../../stores/notify-store';
import { ChooseFolderButton } from './ChooseFolderButton';

export function AddFolderForm({ autoFocus = false }: { autoFocus?: boolean }) {
  return (
    <>
      <ChooseFolderButton />
      <PathForm label="Folder path" placeholder="/home/you/Music  or  D:\Music" button="Add music folder" busyButton="Adding…"
        emptyMessage="Type or paste the full path of a folder with music in it." testId="add-folder" autoFocus={autoFocus} clearOnSuccess
        testIds={{ input: 'folder-path-input', button: 'add-folder-button', error: 'folder-error' }}
        onSubmit={async (path) => {
          const folder = await addFolder(path);
          notify('info', `Added ${folder.path}. Scanning it now…`);
        }} />
    </>
  );
}
