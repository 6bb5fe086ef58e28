/** First run: say what Soundlike does with folders and offer to add one right here. */
import { AddFolderForm } from '../folders/AddFolderForm';
import { Icon } from '../../elements/Icon';

export function EmptyLibrary() {
  return (
    <div className="empty-state" data-testid="empty-library">
      <Icon name="library" size={48} />
      <h2>Your library is empty</h2>
      <p>
        Add a music folder and Soundlike will read every MP3, FLAC, Ogg/Opus, AAC/M4A and WAV file in it,
        then keep watching it for changes. Your files are never moved or modified.
      </p>
      <AddFolderForm autoFocus />
    </div>
  );
}
