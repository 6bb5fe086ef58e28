/**
 * Electron entry: lifecycle, the window, the media protocol and the IPC transport. Thin by design:
 * every capability lives in the services (shared with the web host and the CLI).
 */
import { app, dialog, session } from 'electron';
import { SoundlikeError } from '../shared/errors';
import { registerIpc } from './ipc/router';
import { handleMediaProtocol, registerMediaScheme } from './protocol';
import { createServices, type Services } from './services';
import { createMainWindow, isAppUrl } from './window';

app.setName('Soundlike');

/** `--data <dir>` (as for the CLI): use that library instead of the default one. */
function dataDirArgument(): string | undefined {
  const at = process.argv.indexOf('--data');
  return at > 0 ? process.argv[at + 1] : undefined;
}
registerMediaScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let services: Services | null = null;
  let disposeIpc: (() => void) | null = null;
  let mainWindow: Electron.BrowserWindow | null = null;

  app.on('second-instance', () => {
    // Soundlike runs once; bring it forward instead of opening a second library writer.
    if (mainWindow && !mainWindow.isDestroyed()) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    try {
      services = await createServices({ dataDir: dataDirArgument() ?? process.env.SOUNDLIKE_DATA ?? app.getPath('userData'), transport: 'electron', live: true });
    } catch (error) {
      const e = SoundlikeError.from(error);
      dialog.showErrorBox('Soundlike cannot open its library', `${e.message}\n\n${e.hint ?? ''}`);
      app.exit(1);
      return;
    }
    for (const notice of services.notices) void dialog.showMessageBox({ type: 'warning', message: notice });
    handleMediaProtocol(services.media);
    disposeIpc = registerIpc(services.api, isAppUrl);
    mainWindow = createMainWindow();
  }).catch((error) => {
    console.error('[soundlike] start-up failed:', error);
    app.exit(1);
  });

  app.on('window-all-closed', () => app.quit());

  app.on('will-quit', (event) => {
    if (!services) return;
    // Close the database and watchers cleanly before exiting.
    event.preventDefault();
    const closing = services;
    services = null;
    disposeIpc?.();
    void closing.dispose().finally(() => app.exit(0));
  });
}
