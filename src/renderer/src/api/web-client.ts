/**
 * The contract over HTTP for the browser: generated from CONTRACT, so there is no hand-written method
 * list. Commands are POSTs returning an Envelope; events come from one shared SSE stream. Auth is the
 * cookie the web host set when the page was opened with its token, so same-origin requests just work.
 */
import { contractMembers, type ServiceName, type SoundlikeApi, type SoundlikeClient } from '../../../shared/contract';
import { SoundlikeError, type Envelope } from '../../../shared/errors';
import { commandPath, coverMediaPath, EVENTS_PATH, trackMediaPath } from '../../../shared/web-protocol';
import { EventHub } from './event-hub';

async function callCommand(service: ServiceName, member: string, args: unknown[]): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(commandPath(service, member), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
  } catch (err) {
    throw new SoundlikeError('INTERNAL', 'Soundlike could not reach its server.',
      `Check that "soundlike serve" is still running, then reload this page. (${String(err)})`);
  }
  let envelope: Envelope<unknown>;
  try {
    envelope = (await response.json()) as Envelope<unknown>;
  } catch {
    throw new SoundlikeError('INTERNAL', `The server answered ${response.status} ${response.statusText} without data.`,
      response.status === 401 || response.status === 403
        ? 'Open Soundlike with the link (including its token) that "soundlike serve" printed.'
        : 'Reload the page; if it keeps happening, the server log has details.');
  }
  if (!envelope.ok) throw SoundlikeError.from(envelope.error);
  return envelope.value;
}

export interface WebClient {
  client: SoundlikeClient;
  onReconnect(listener: () => void): () => void;
}

export function createWebClient(): WebClient {
  const hub = new EventHub(EVENTS_PATH);
  const services: Record<string, Record<string, unknown>> = {};
  for (const { service, member, kind, channel } of contractMembers()) {
    const target = (services[service] ??= {});
    target[member] = kind === 'command'
      ? (...args: unknown[]) => callCommand(service, member, args)
      : (listener: (payload: unknown) => void) => hub.subscribe(channel, listener);
  }
  // The loop above built every member CONTRACT lists, and CONTRACT is checked against SoundlikeApi with
  // `satisfies`, so this cast is what the compiler cannot see through, not a guess.
  const apiPart = services as unknown as SoundlikeApi;
  const client: SoundlikeClient = {
    ...apiPart,
    media: { trackUrl: trackMediaPath, coverUrl: coverMediaPath },
    transport: 'web',
  };
  return { client, onReconnect: (l) => hub.onReconnect(l) };
}
