/**
 * Starts the service host under plain Node (child_process.fork, structured-clone IPC like Electron's
 * MessagePort), for `soundlike serve --service-host`, the main-thread benchmark and the tests.
 */
import { fork } from 'node:child_process';
import { serviceHostPath } from '../paths';
import type { MainToHost } from './protocol';
import type { HostExit, HostProcess } from './supervisor';

export function forkNodeHost(entry: string = serviceHostPath(), env: NodeJS.ProcessEnv = process.env): HostProcess {
  const child = fork(entry, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env });
  // A send racing the host's death fails here; the exit that follows fails the request instead.
  child.on('error', () => undefined);
  return {
    get pid() {
      return child.pid;
    },
    send(message: MainToHost) {
      if (child.connected) child.send(message, (error) => void error);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit(listener: (exit: HostExit) => void) {
      if (child.exitCode !== null || child.signalCode !== null) return listener({ code: child.exitCode, signal: child.signalCode });
      child.once('exit', (code, signal) => listener({ code, signal }));
    },
    kill: () => void child.kill('SIGKILL'),
  };
}
