/**
 * The service host's entry (its own bundle, out/main/service-host.js): the library, database, analysis
 * client, radio and playlists run here, out of Electron's main process (a utilityProcess) or beside a
 * Node front end (child_process.fork), speaking the contract over the channel (see protocol.ts).
 */
import { createServices } from '../services';
import { serveHost } from './host';
import { hostPort } from './host-port';

const port = hostPort();
if (!port) {
  process.stderr.write('The Soundlike service host is started by the app or `soundlike serve --service-host`, not by hand.\n');
  process.exitCode = 2;
} else {
  serveHost(port, { createServices, exit: (code) => process.exit(code) });
}
