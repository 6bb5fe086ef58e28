/**
 * The Electron transport: one ipcMain handler per contract command, one webContents channel per event,
 * all generated from CONTRACT (no hand-copied channel strings). Calls from frames other than our own
 * app's are refused.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { contractMembers } from '../../shared/contract';
import { SoundlikeError, type Envelope } from '../../shared/errors';
import type { Services } from '../services';
import { invokeCommand, subscribeAll } from './dispatch';
import { nativeDialogs } from './native-dialogs';

export function registerIpc(api: Services['api'], isTrustedUrl: (url: string) => boolean): () => void {
  // Only this transport can show the user a native dialog; the web host and the CLI never get one.
  api.desktop.useDialogs(nativeDialogs);
  const commands = contractMembers().filter((m) => m.kind === 'command');
  for (const m of commands) {
    ipcMain.handle(m.channel, (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<Envelope<unknown>> | Envelope<never> => {
      if (!event.senderFrame || !isTrustedUrl(event.senderFrame.url)) {
        return { ok: false, error: new SoundlikeError('INVALID_ARGUMENT', 'Call from an untrusted page refused.').toJSON() };
      }
      return invokeCommand(api, m.service, m.member, args);
    });
  }
  const unsubscribe = subscribeAll(api, (channel, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed()) window.webContents.send(channel, payload);
    }
  });
  return () => {
    api.desktop.useDialogs(null);
    unsubscribe();
    for (const m of commands) ipcMain.removeHandler(m.channel);
  };
}
