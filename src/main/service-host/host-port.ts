/**
 * The service host's end of the channel, whichever runtime started it: Electron's utilityProcess gives
 * the child `process.parentPort` (a MessagePort), Node's child_process.fork gives `process.send` and the
 * 'message' event. Declared structurally so this side never imports Electron.
 */
import type { HostPort } from './host';
import type { HostToMain } from './protocol';

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

/** The channel to main, or null when this process was started with none (run by hand). */
export function hostPort(): HostPort | null {
  const parentPort = (process as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      send: (message: HostToMain) => parentPort.postMessage(message),
      sendLast: async (message: HostToMain) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
      // Electron ends a utility process with the app; nothing to watch for.
      onClose: () => undefined,
    };
  }
  const send = process.send?.bind(process);
  if (!send) return null;
  return {
    send: (message: HostToMain) => {
      // After main went away the channel is closed; a last message has nowhere to go.
      if (process.connected) send(message);
    },
    // Resolves once written, so exiting right after cannot drop it.
    sendLast: (message: HostToMain) => new Promise<void>((resolve) => {
      if (!process.connected) return resolve();
      send(message, undefined, {}, () => resolve());
    }),
    onMessage: (listener) => process.on('message', listener),
    onClose: (listener) => process.once('disconnect', listener),
  };
}
