/**
 * The service host's side of the protocol: open the services when main says start, answer contract calls
 * and media look-ups, forward every contract event, ask main for native dialogs (so a path still comes
 * from the user's pick in main, never from a page), and close everything cleanly when told to dispose
 * or when main goes away.
 */
import type { Envelope } from '../../shared/errors';
import { SoundlikeError } from '../../shared/errors';
import type { FfmpegChoice, NativeDialogs } from '../desktop/desktop-service';
import { invokeCommand, subscribeAll } from '../ipc/dispatch';
import type { Services, ServicesOptions } from '../services';
import { isHostOnlyCommand, isMainToHost, sendInPieces, type DialogName, type HostToMain, type MainToHost } from './protocol';

/** The host's end of its channel to main (process.parentPort under Electron, Node's IPC otherwise). */
export interface HostPort {
  send(message: HostToMain): void;
  /** Sends the last message before the process exits; resolves once it is on its way. */
  sendLast(message: HostToMain): Promise<void>;
  onMessage(listener: (message: unknown) => void): void;
  /** Main went away (its end of the channel closed). */
  onClose(listener: () => void): void;
}

export interface HostDeps {
  createServices(options: ServicesOptions): Promise<Services>;
  /** Ends the process once the services are closed (or failed to open). */
  exit(code: number): void;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function isFfmpegChoice(value: unknown): value is FfmpegChoice {
  if (typeof value !== 'object' || value === null) return false;
  const choice = value as Partial<Record<string, unknown>>;
  return choice.kind === 'auto' || (choice.kind === 'path' && isText(choice.path));
}

/** A contract command, or one of the commands only main gives (the channel to main is main's alone). */
async function invokeFromMain(api: Services['api'], service: string, member: string, args: unknown[]): Promise<Envelope<unknown>> {
  if (!isHostOnlyCommand(service, member)) return invokeCommand(api, service, member, args);
  try {
    const target = api[service as 'desktop'] as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    const value = await target[member].call(target, ...args);
    return { ok: true, value: value === undefined ? null : value };
  } catch (error) {
    return { ok: false, error: SoundlikeError.from(error).toJSON() };
  }
}

/** Serves the protocol on `port` until main disposes the host or goes away. */
export function serveHost(port: HostPort, deps: HostDeps): void {
  let services: Services | null = null;
  let starting: Promise<Services | null> | null = null;
  let stopping = false;
  let unsubscribe: (() => void) | null = null;
  let nextDialogId = 1;
  const dialogs = new Map<number, (envelope: Envelope<unknown>) => void>();
  let lastStream = 0;
  const send = (message: HostToMain) => port.send(message);
  const nextStream = () => ++lastStream;

  /** One dialog shown by main; its answer is checked for shape, as any message from another process. */
  async function askMain<T>(name: DialogName, args: unknown[], valid: (value: unknown) => value is T): Promise<T | null> {
    const id = nextDialogId++;
    const envelope = await new Promise<Envelope<unknown>>((resolve) => {
      dialogs.set(id, resolve);
      port.send({ type: 'dialog', id, name, args });
    });
    if (!envelope.ok) throw SoundlikeError.from(envelope.error);
    if (envelope.value === null) return null;
    if (!valid(envelope.value)) throw new SoundlikeError('INTERNAL', `The ${name} dialog answered something that is not a choice.`);
    return envelope.value;
  }

  const remoteDialogs = {
    openPlaylistFile: () => askMain('openPlaylistFile', [], isText),
    savePlaylistFile: (defaultName: string) => askMain('savePlaylistFile', [defaultName], isText),
    chooseFfmpeg: (current: string | null) => askMain('chooseFfmpeg', [current], isFfmpegChoice),
    chooseMusicFolder: () => askMain('chooseMusicFolder', [], isText),
  } satisfies Record<DialogName, unknown> satisfies NativeDialogs;

  async function start(options: ServicesOptions): Promise<Services | null> {
    try {
      const opened = await deps.createServices(options);
      services = opened;
      // Only the desktop app's main shows native dialogs; elsewhere DesktopService says where to go instead.
      if (options.transport === 'electron') opened.api.desktop.useDialogs(remoteDialogs);
      // Serialised here, off main's thread: main passes the text on to the windows as it is.
      unsubscribe = subscribeAll(opened.api, (channel, payload) => sendInPieces(send, nextStream, JSON.stringify(payload), (json, stream) => ({ type: 'event', channel, json, stream })));
      port.send({ type: 'ready', notices: opened.notices, readOnly: opened.readOnly });
      return opened;
    } catch (error) {
      await port.sendLast({ type: 'start-failed', error: SoundlikeError.from(error).toJSON() });
      deps.exit(1);
      return null;
    }
  }

  async function stop(): Promise<void> {
    if (stopping) return;
    stopping = true;
    const opened = services ?? (starting ? await starting : null);
    unsubscribe?.();
    for (const answer of dialogs.values()) answer({ ok: false, error: new SoundlikeError('SERVICES_STOPPED', 'Soundlike is closing.').toJSON() });
    dialogs.clear();
    let code = 0;
    try {
      await opened?.dispose();
    } catch (error) {
      console.error('[soundlike] closing the services failed:', error);
      code = 1;
    }
    await port.sendLast({ type: 'disposed' });
    deps.exit(code);
  }

  async function handle(message: MainToHost): Promise<void> {
    switch (message.type) {
      case 'start':
        if (!starting && !stopping) starting = start(message.options);
        return;
      case 'call': {
        const ready = services ?? (starting ? await starting : null);
        const envelope = ready
          ? await invokeFromMain(ready.api, message.service, message.member, message.args)
          : { ok: false as const, error: new SoundlikeError('SERVICES_STOPPED', 'The library service is not open.').toJSON() };
        sendInPieces(send, nextStream, JSON.stringify(envelope), (json, stream) => ({ type: 'reply', id: message.id, json, stream }));
        return;
      }
      case 'media': {
        try {
          const ready = services ?? (starting ? await starting : null);
          if (!ready) throw new SoundlikeError('SERVICES_STOPPED', 'The library service is not open.');
          const located = message.kind === 'track' ? ready.media.locateTrack(message.trackId) : ready.media.locateCover(message.coverId);
          port.send({ type: 'media-reply', id: message.id, envelope: { ok: true, value: located } });
        } catch (error) {
          port.send({ type: 'media-reply', id: message.id, envelope: { ok: false, error: SoundlikeError.from(error).toJSON() } });
        }
        return;
      }
      case 'dialog-reply':
        dialogs.get(message.id)?.(message.envelope);
        dialogs.delete(message.id);
        return;
      case 'dispose':
        await stop();
        return;
    }
  }

  port.onMessage((message) => {
    if (!isMainToHost(message)) {
      console.error('[soundlike] the service host ignored a malformed message from main.');
      return;
    }
    handle(message).catch((error: unknown) => console.error('[soundlike] service host:', error));
  });
  // Main gone (crashed or killed): close the database and release the lock rather than linger.
  port.onClose(() => void stop());
}
