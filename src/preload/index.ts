/**
 * The preload: builds `window.soundlike` from CONTRACT (no hand-written list of exposures). Commands
 * unwrap the Envelope main sends, rejecting with the serialized error (code, message, hint), which the
 * renderer turns back into a SoundlikeError. Envelopes and event payloads arrive as JSON text (main passes
 * on what the service host sent without parsing it), so they are parsed here. Nothing else is exposed.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { contractMembers, MEDIA_SCHEME, type SoundlikeClient } from '../shared/contract';
import type { Envelope } from '../shared/errors';

function buildClient(): SoundlikeClient {
  const client: Record<string, Record<string, unknown>> = {};
  for (const m of contractMembers()) {
    const service = (client[m.service] ??= {});
    if (m.kind === 'command') {
      service[m.member] = async (...args: unknown[]) => {
        const envelope = JSON.parse((await ipcRenderer.invoke(m.channel, ...args)) as string) as Envelope<unknown>;
        if (envelope.ok) return envelope.value;
        throw envelope.error;
      };
    } else {
      service[m.member] = (listener: (payload: unknown) => void) => {
        const handler = (_event: IpcRendererEvent, json: string) => listener(JSON.parse(json));
        ipcRenderer.on(m.channel, handler);
        return () => {
          ipcRenderer.removeListener(m.channel, handler);
        };
      };
    }
  }
  return {
    ...(client as unknown as Omit<SoundlikeClient, 'media' | 'transport'>),
    media: {
      trackUrl: (trackId: number) => `${MEDIA_SCHEME}://track/${trackId}`,
      coverUrl: (coverId: string) => `${MEDIA_SCHEME}://cover/${encodeURIComponent(coverId)}`,
    },
    transport: 'electron',
  };
}

contextBridge.exposeInMainWorld('soundlike', buildClient());
