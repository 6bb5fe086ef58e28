/**
 * Starts the service host in an Electron utilityProcess: the library, database and analysis run out of
 * Electron's main process, which only relays (process.parentPort is the host's end of the channel).
 */
import { utilityProcess } from 'electron';
import { serviceHostPath } from '../paths';
import type { MainToHost } from './protocol';
import type { HostExit, HostProcess } from './supervisor';

export function forkElectronHost(entry: string = serviceHostPath()): HostProcess {
  const child = utilityProcess.fork(entry, [], { serviceName: 'Soundlike services', stdio: 'inherit' });
  let exit: HostExit | null = null;
  const exitListeners: Array<(exit: HostExit) => void> = [];
  child.once('exit', (code) => {
    exit = { code, signal: null };
    exitListeners.forEach((listener) => listener(exit as HostExit));
  });
  return {
    get pid() {
      return child.pid;
    },
    send(message: MainToHost) {
      if (!exit) child.postMessage(message);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit(listener) {
      if (exit) listener(exit);
      else exitListeners.push(listener);
    },
    kill: () => void child.kill(),
  };
}
