/**
 * Serving open services in the browser until Ctrl+C: shared by `soundlike serve` and `soundlike demo`,
 * so both print the same "Open: <link>" line (scripts and tests read it) and close the same way.
 */
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { SoundlikeError } from '../shared/errors';
import { startWebHost, type WebHost, type WebHostOptions } from '../main/web/web-host';

/** What is served: the services in this process, or the service host's supervisor. */
export type ServedServices = WebHostOptions['services'] & { dispose(): Promise<void> };

/** The built renderer next to this bundle (out/renderer), or null when the interface is not built. */
export function rendererDir(): string | null {
  const dir = fileURLToPath(new URL('../renderer', import.meta.url));
  return existsSync(`${dir}/index.html`) ? dir : null;
}

export interface ServeOptions {
  port?: number;
  host?: string;
  /** When the port is taken, take a free one instead of failing (the demo: any port will do). */
  anyPortIfTaken?: boolean;
}

async function start(services: ServedServices, options: ServeOptions): Promise<WebHost> {
  const open = (port: number | undefined) => startWebHost({ services, rendererDir: rendererDir(), port, host: options.host });
  try {
    return await open(options.port);
  } catch (error) {
    if (!(options.anyPortIfTaken && error instanceof SoundlikeError && error.code === 'PORT_IN_USE')) throw error;
    process.stderr.write(`${error.message} Taking a free port instead.\n`);
    return open(0);
  }
}

/** Serves until SIGINT/SIGTERM, then closes the host and the services (also when starting fails). */
export async function serveUntilStopped(services: ServedServices, dataDir: string, options: ServeOptions): Promise<void> {
  let host: WebHost;
  try {
    host = await start(services, options);
  } catch (error) {
    await services.dispose();
    throw error;
  }
  if (host.warning) process.stderr.write(`\n${host.warning}\n\n`);
  process.stdout.write(`Soundlike is serving ${dataDir}\nOpen: ${host.url}\n`);
  if (!rendererDir()) process.stderr.write('The interface is not built (run `npm run build`); only the API is served.\n');
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  await services.dispose();
}
