/**
 * Electron entry: lifecycle, the window, the media protocol and the IPC transport. Thin by design:
 * every capability lives in the services (shared with the web host and the CLI).
 */
import { app, dialog, session } from 'electron';
import { SoundlikeError } from '../shared/errors';
import { registerIpc } from './ipc/router';
import { handleAppProtocol, handleMediaProtocol, registerSchemes } from './protocol';
import { isTrustedSender } from './security/navigation';
import { pointHintAtLog } from './logging';
import { dataPaths } from './paths';
import { createServices, type Services } from './services';
import { appPages, applyMenuPolicy, createMainWindow, guardWebContents, RENDERER_DIR } from './window';

app.setName('Soundlike');

/** `--data <dir>` (as for the CLI): use that library instead of the default one. */
function dataDirArgument(): string | undefined {
  const at = process.argv.indexOf('--data');
  return at > 0 ? process.argv[at + 1] : undefined;
}
registerSchemes();
const pages = appPages();

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
    guardWebContents(contents, pages);
  });

  app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    applyMenuPolicy();
    handleAppProtocol(RENDERER_DIR);
    const dataDir = dataDirArgument() ?? process.env.SOUNDLIKE_DATA ?? app.getPath('userData');
    try {
      services = await createServices({ dataDir, transport: 'electron', live: true });
    } catch (error) {
      // DATA_FOLDER_IN_USE names the process holding the library; "see the log" names the file.
      const e = pointHintAtLog(SoundlikeError.from(error), dataPaths(dataDir).log);
      dialog.showErrorBox('Soundlike cannot open its library', `${e.message}\n\n${e.hint ?? ''}`);
      app.exit(1);
      return;
    }
    for (const notice of services.notices) void dialog.showMessageBox({ type: 'warning', message: notice });
    handleMediaProtocol(services.media);
    disposeIpc = registerIpc(services.api, (frameUrl) => isTrustedSender(frameUrl, pages));
    mainWindow = createMainWindow(pages);
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
