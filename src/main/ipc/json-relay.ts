/**
 * The contract as JSON text, for transports that only pass it on: the Electron IPC relay and the web
 * host write an Envelope or event payload to the window as it came, so a big reply (every track of a
 * large library) is never parsed and re-serialised on the front end's main thread. The service host's
 * supervisor provides one; services in this process get one here.
 */
import type { SoundlikeApi, Unsubscribe } from '../../shared/contract';
import { invokeCommand, subscribeAll } from './dispatch';

export interface JsonRelay {
  /** Calls a contract command; resolves to its Envelope as JSON text. */
  invokeJson(service: string, member: string, args: unknown): Promise<string>;
  /** Every contract event, with its payload as JSON text. */
  onEventJson(listener: (channel: string, json: string) => void): Unsubscribe;
}

/** The relay over services running in this process. */
export function inProcessRelay(api: SoundlikeApi): JsonRelay {
  return {
    invokeJson: async (service, member, args) => JSON.stringify(await invokeCommand(api, service, member, args)),
    onEventJson: (listener) => subscribeAll(api, (channel, payload) => listener(channel, JSON.stringify(payload))),
  };
}
