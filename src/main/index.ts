/**
 * Electron entry: lifecycle, the window, the media protocol and the IPC transport. Thin by design:
 * every capability lives in the services (shared with the web host and the CLI), which run in their own
 * process (a utilityProcess: service-host/), so no query, tag parse or model load ever blocks a window.
 */
import { app, dialog, session } from 'electron';
import { SoundlikeError } from '../shared/errors';
import { registerIpc } from './ipc/router';
import { handleAppProtocol, handleMediaProtocol, registerSchemes } from './protocol';
import { isTrustedSender } from './security/navigation';
import { pointHintAtLog } from './logging';
import { dataPaths } from './paths';
import { forkElectronHost } from './service-host/electron-host-process';
import { startSupervisor, type ServiceHostSupervisor } from './service-host/supervisor';
import { createOpenWith } from './shell/open-with';
import { installCloseToTray, showWindow } from './shell/close-to-tray';
import { installTray } from './shell/tray';
import { installWindowState } from './shell/window-state';
import { desktopDataDir } from './single-instance';
import { appPages, applyMenuPolicy, createMainWindow, guardWebContents, RENDERER_DIR } from './window';

app.setName('Soundlike');

registerSchemes();
const pages = appPages();
// userData is the data folder, so Electron's single-instance lock (keyed on userData) is one per folder.
const dataDir = desktopDataDir(process.argv, process.env, app.getPath('userData'));
if (dataDir !== app.getPath('userData')) app.setPath('userData', dataDir);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let services: ServiceHostSupervisor | null = null;
  let disposeIpc: (() => void) | null = null;
  let mainWindow: Electron.BrowserWindow | null = null;
  const openWith = createOpenWith(); // before 'ready': macOS sends 'open-file' early

  app.on('second-instance', (_event, argv, workingDirectory) => {
    openWith.openArgv(argv, workingDirectory);
    // Soundlike runs once per data folder; bring it forward instead of opening a second library writer.
    // (It may be hidden in the tray: closeToTray.)
    if (mainWindow) showWindow(mainWindow);
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    guardWebContents(contents, pages);
  });

  app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    applyMenuPolicy();
    handleAppProtocol(RENDERER_DIR);
    try {
      services = await startSupervisor({
        spawn: () => forkElectronHost(),
        start: { dataDir, transport: 'electron', live: true, owner: 'the Soundlike app' },
      });
    } catch (error) {
      // DATA_FOLDER_IN_USE names the process holding the library; "see the log" names the file.
      const e = pointHintAtLog(SoundlikeError.from(error), dataPaths(dataDir).log);
      dialog.showErrorBox('Soundlike cannot open its library', `${e.message}\n\n${e.hint ?? ''}`);
      app.exit(1);
      return;
    }
    for (const notice of services.notices) void dialog.showMessageBox({ type: 'warning', message: notice });
    handleMediaProtocol(services.media);
    disposeIpc = registerIpc(services, (frameUrl) => isTrustedSender(frameUrl, pages));
    mainWindow = createMainWindow(pages);
    installWindowState(mainWindow);
    let trayShown = false;
    try {
      installTray(mainWindow, services.api);
      trayShown = true;
    } catch (error) {
      console.warn('[soundlike] no tray icon here, so closing the window quits:', error);
    }
    installCloseToTray(mainWindow, services.api, trayShown);
    openWith.connect(services.api);
  }).catch((error) => {
    console.error('[soundlike] start-up failed:', error);
    app.exit(1);
  });

  app.on('window-all-closed', () => app.quit());

  app.on('will-quit', (event) => {
    if (!services) return;
    // The service host closes the database and watchers and releases the data folder before we exit.
    event.preventDefault();
    const closing = services;
    services = null;
    disposeIpc?.();
    void closing.dispose().finally(() => app.exit(0));
  });
}
