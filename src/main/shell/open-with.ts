/**
 * Electron glue for "Open with Soundlike": audio files named on the first launch's command line, on a
 * second launch (Linux and Windows: 'second-instance' hands over its argv), or by macOS ('open-file',
 * which can fire before the app is ready). Paths wait until the player is listening (its first
 * now-playing report), then go to desktop.openFiles, a host-only command no page can reach.
 */
import { app, dialog } from 'electron';
import type { SoundlikeHostApi } from '../../shared/contract';
import { audioFilesInArgv } from './open-with-args';

export interface OpenWith {
  /** Called once the services are up. */
  connect(api: SoundlikeHostApi): void;
  /** A second launch's argv and working directory (app.on('second-instance')). */
  openArgv(argv: readonly string[], workingDirectory: string): void;
}

/** Call at start-up, before app 'ready': it takes the first launch's files and listens for macOS's. */
export function createOpenWith(): OpenWith {
  const waiting: string[] = audioFilesInArgv(process.argv, process.cwd());
  let api: SoundlikeHostApi | null = null;
  let playerListening = false;

  const open = (paths: string[]): void => {
    if (paths.length === 0) return;
    if (!api || !playerListening) {
      waiting.push(...paths);
      return;
    }
    void api.desktop.openFiles(paths).then((opened) => {
      if (opened.failed.length === 0) return;
      const list = opened.failed.slice(0, 10).map((f) => `${f.path}: ${f.reason}`).join('\n');
      void dialog.showMessageBox({
        type: 'warning',
        message: opened.trackIds.length > 0 ? 'Some files could not be played.' : 'Soundlike could not play these files.',
        detail: `${list}${opened.failed.length > 10 ? `\n…and ${opened.failed.length - 10} more.` : ''}`,
      });
    }, (error: unknown) => console.error('[soundlike] opening files failed:', error));
  };

  const flush = (): void => {
    open(waiting.splice(0, waiting.length));
  };

  app.on('open-file', (event, path) => {
    event.preventDefault(); // macOS: we handle it (else the Dock shows a "cannot open" badge)
    open(audioFilesInArgv(['soundlike', path], '/'));
  });

  return {
    connect(connected) {
      api = connected;
      // The renderer reports once it has its queue and listens for commands: then "play" is heard.
      const stop = connected.desktop.onDidChangeNowPlaying(() => {
        stop();
        playerListening = true;
        flush();
      });
    },
    openArgv(argv, workingDirectory) {
      open(audioFilesInArgv(argv, workingDirectory));
    },
  };
}
