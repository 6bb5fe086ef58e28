/**
 * The messages between the app's main process (the supervisor) and the service host (the process that
 * runs createServices). Plain data only: they cross a MessagePort (Electron's utilityProcess) or Node's
 * IPC channel. Both sides check what arrives with the guards below before acting on it.
 */
import { HOST_ONLY, type ServiceName } from '../../shared/contract';
import type { Envelope, SerializedError } from '../../shared/errors';
import type { LocatedMedia } from '../media/open-checked';

/** How the host opens its data folder (ServicesOptions, less what cannot cross a process). */
export interface HostStartOptions {
  dataDir: string;
  transport: 'electron' | 'web';
  live: boolean;
  /** How a second Soundlike refused the data folder names this one ("the Soundlike app"). */
  owner?: string;
  manifestPath?: string;
}

/** The native dialogs main shows for the host's DesktopService (see desktop/desktop-service.ts). */
export const DIALOG_NAMES = ['openPlaylistFile', 'savePlaylistFile', 'chooseFfmpeg', 'chooseMusicFolder'] as const;
export type DialogName = (typeof DIALOG_NAMES)[number];

export type MainToHost =
  | { type: 'start'; options: HostStartOptions }
  | { type: 'call'; id: number; service: ServiceName; member: string; args: unknown[] }
  | { type: 'media'; id: number; kind: 'track'; trackId: number }
  | { type: 'media'; id: number; kind: 'cover'; coverId: string }
  | { type: 'dialog-reply'; id: number; envelope: Envelope<unknown> }
  | { type: 'dispose' };

export type HostToMain =
  | { type: 'ready'; notices: string[]; readOnly: boolean }
  | { type: 'start-failed'; error: SerializedError }
  /**
   * Replies and event payloads travel as JSON text: main passes them on to windows without parsing them.
   * A long text comes in pieces ('part' messages of one stream, then the reply or event naming that
   * stream with the last piece), so no single message keeps main's thread busy deserialising it.
   */
  | { type: 'part'; stream: number; json: string }
  | { type: 'reply'; id: number; json: string; stream?: number }
  | { type: 'event'; channel: string; json: string; stream?: number }
  | { type: 'media-reply'; id: number; envelope: Envelope<LocatedMedia> }
  | { type: 'dialog'; id: number; name: DialogName; args: unknown[] }
  | { type: 'disposed' };

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isId(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (!isRecord(value)) return false;
  if (value.ok === true) return 'value' in value;
  return value.ok === false && isRecord(value.error) && typeof value.error.code === 'string' && typeof value.error.message === 'string';
}

function isStartOptions(value: unknown): value is HostStartOptions {
  return isRecord(value) && typeof value.dataDir === 'string' && value.dataDir !== ''
    && (value.transport === 'electron' || value.transport === 'web') && typeof value.live === 'boolean'
    && (value.owner === undefined || typeof value.owner === 'string')
    && (value.manifestPath === undefined || typeof value.manifestPath === 'string');
}

/** A message main may send the host, checked field by field. */
export function isMainToHost(value: unknown): value is MainToHost {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'start': return isStartOptions(value.options);
    case 'call': return isId(value.id) && typeof value.service === 'string' && typeof value.member === 'string' && Array.isArray(value.args);
    case 'media': return isId(value.id) && ((value.kind === 'track' && typeof value.trackId === 'number') || (value.kind === 'cover' && typeof value.coverId === 'string'));
    case 'dialog-reply': return isId(value.id) && isEnvelope(value.envelope);
    case 'dispose': return true;
    default: return false;
  }
}

/** A message the host may send main, checked field by field. */
export function isHostToMain(value: unknown): value is HostToMain {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready': return Array.isArray(value.notices) && value.notices.every((n) => typeof n === 'string') && typeof value.readOnly === 'boolean';
    case 'start-failed': return isRecord(value.error) && typeof value.error.code === 'string' && typeof value.error.message === 'string';
    case 'part': return isId(value.stream) && typeof value.json === 'string';
    case 'reply': return isId(value.id) && typeof value.json === 'string' && (value.stream === undefined || isId(value.stream));
    case 'media-reply': return isId(value.id) && isEnvelope(value.envelope);
    case 'event': return typeof value.channel === 'string' && typeof value.json === 'string' && (value.stream === undefined || isId(value.stream));
    case 'dialog': return isId(value.id) && (DIALOG_NAMES as readonly unknown[]).includes(value.name) && Array.isArray(value.args);
    case 'disposed': return true;
    default: return false;
  }
}

/** A command only main may call (HOST_ONLY: the tray, "Open with"); never reachable from a page. */
export function isHostOnlyCommand(service: string, member: string): boolean {
  return Object.hasOwn(HOST_ONLY, service) && Object.hasOwn(HOST_ONLY[service as keyof typeof HOST_ONLY], member);
}

/** Every host-only command, for the relay main holds. */
export function hostOnlyCommands(): Array<{ service: ServiceName; member: string }> {
  return Object.entries(HOST_ONLY).flatMap(([service, members]) => Object.keys(members).map((member) => ({ service: service as ServiceName, member })));
}

/** Characters of JSON text per message; longer texts are sent in pieces (see 'part'). */
export const PIECE_CHARS = 256 * 1024;

/**
 * Sends a reply or event whose JSON text may be long: the pieces first, then the message itself with the
 * last piece and the stream they belong to. `nextStream` numbers the streams of one channel.
 */
export function sendInPieces(send: (message: HostToMain) => void, nextStream: () => number, json: string, last: (json: string, stream?: number) => HostToMain): void {
  if (json.length <= PIECE_CHARS) return send(last(json));
  const stream = nextStream();
  let at = 0;
  for (; json.length - at > PIECE_CHARS; at += PIECE_CHARS) send({ type: 'part', stream, json: json.slice(at, at + PIECE_CHARS) });
  send(last(json.slice(at), stream));
}

/** Gathers the pieces of long texts on main's side; what a dead host left half-sent is dropped with it. */
export class PieceCollector {
  private readonly streams = new Map<number, string[]>();

  add(stream: number, json: string): void {
    const pieces = this.streams.get(stream) ?? [];
    pieces.push(json);
    this.streams.set(stream, pieces);
  }

  /** The whole text of a reply or event: its stream's pieces, then its own. */
  finish(json: string, stream: number | undefined): string {
    if (stream === undefined) return json;
    const pieces = this.streams.get(stream) ?? [];
    this.streams.delete(stream);
    pieces.push(json);
    return pieces.join('');
  }
}
