/**
 * The renderer's only door to the backend. In Electron the preload put a client on `window.soundlike`;
 * in a browser (the web host) we build the same shape over HTTP + SSE.
 */
import type { SoundlikeClient } from '../../../shared/contract';
import { SoundlikeError } from '../../../shared/errors';
import { createWebClient } from './web-client';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser. */
    soundlike?: SoundlikeClient;
  }
}

function pick(): { api: SoundlikeClient; onReconnect: (listener: () => void) => () => void } {
  if (window.soundlike) return { api: window.soundlike, onReconnect: () => () => {} };
  const web = createWebClient();
  return { api: web.client, onReconnect: web.onReconnect };
}

const chosen = pick();

export const api: SoundlikeClient = chosen.api;

/** Runs after the event stream came back from a drop; IPC never drops, so Electron never calls it. */
export const onTransportReconnect = chosen.onReconnect;

export { SoundlikeError };

/** Any thrown value as a SoundlikeError (with message and hint) for display. */
export function asSoundlikeError(err: unknown): SoundlikeError {
  return SoundlikeError.from(err);
}
