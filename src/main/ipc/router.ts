/**
 * The Electron transport: one ipcMain handler per contract command, one webContents channel per event,
 * all generated from CONTRACT (no hand-copied channel strings). Calls from frames other than our own
 * app's are refused. Envelopes and event payloads cross as JSON text, as the service host sent them, so
 * main never parses a big reply (the preload parses it in the window).
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { contractMembers } from '../../shared/contract';
import { SoundlikeError, type Envelope } from '../../shared/errors';
import type { NativeDialogs } from '../desktop/desktop-service';
import type { JsonRelay } from './json-relay';
import { nativeDialogs } from './native-dialogs';

/** What the IPC transport relays to: the service host's supervisor (service-host/supervisor.ts). */
export interface IpcRelay extends JsonRelay {
  useDialogs(dialogs: NativeDialogs | null): void;
}

export function registerIpc(relay: IpcRelay, isTrustedUrl: (url: string) => boolean): () => void {
  // Only this transport can show the user a native dialog; the web host and the CLI never get one.
  relay.useDialogs(nativeDialogs);
  const commands = contractMembers().filter((m) => m.kind === 'command');
  for (const m of commands) {
    ipcMain.handle(m.channel, (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<string> | string => {
      if (!event.senderFrame || !isTrustedUrl(event.senderFrame.url)) {
        return JSON.stringify({ ok: false, error: new SoundlikeError('INVALID_ARGUMENT', 'Call from an untrusted page refused.').toJSON() } satisfies Envelope<never>);
      }
      return relay.invokeJson(m.service, m.member, args);
    });
  }
  const unsubscribe = relay.onEventJson((channel, json) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed()) window.webContents.send(channel, json);
    }
  });
  return () => {
    relay.useDialogs(null);
    unsubscribe();
    for (const m of commands) ipcMain.removeHandler(m.channel);
  };
}
