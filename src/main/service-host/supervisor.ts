/**
 * The main process's side of the service host: starts it, relays contract calls and media look-ups to
 * it, fans its events out, shows the native dialogs it asks for, and when it dies unexpectedly fails the
 * calls in flight with a clear error, tells the windows (desktop.onDidRestartServices) and starts it
 * again with backoff. Runtime-neutral: Electron and Node give it a HostProcess (electron-host-process.ts,
 * node-host-process.ts), so tests drive this very code under Node.
 */
import { contractMembers, type ServiceName, type SoundlikeHostApi } from '../../shared/contract';
import type { ServicesRestart } from '../../shared/domain';
import { SoundlikeError, type Envelope } from '../../shared/errors';
import { desktopOnly, type NativeDialogs } from '../desktop/desktop-service';
import { isCommand } from '../ipc/dispatch';
import type { JsonRelay } from '../ipc/json-relay';
import { openLocated, type LocatedMedia, type MediaFile, type MediaSource } from '../media/open-checked';
import { dataPaths } from '../paths';
import { hostOnlyCommands, isHostToMain, PieceCollector, type HostStartOptions, type HostToMain, type MainToHost } from './protocol';
import { RestartPolicy, RESTART_POLICY, type RestartPolicyOptions } from './restart-policy';

export interface HostExit {
  code: number | null;
  signal: string | null;
}

/** One running service host process, as the runtime that started it exposes it. */
export interface HostProcess {
  readonly pid: number | undefined;
  send(message: MainToHost): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (exit: HostExit) => void): void;
  /** Ends it at once (a host that does not close in time, or a test's crash). */
  kill(): void;
}

export interface SupervisorOptions {
  spawn: () => HostProcess;
  start: HostStartOptions;
  /** Native dialogs (Electron main); without them the host's dialog commands say where to go instead. */
  dialogs?: NativeDialogs | null;
  policy?: RestartPolicyOptions;
  /** How long dispose waits for the host to close the database before killing it. */
  disposeTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface ServiceHostSupervisor extends JsonRelay {
  /**
   * The contract and the host-only commands, relayed to the host: for main's own code (the tray, "Open
   * with") and for the web host. Pages reach the host through `invoke` only.
   */
  api: SoundlikeHostApi;
  /** Calls a contract command by name and returns its Envelope (transports pass it on as it is). */
  invoke(service: string, member: string, args: unknown[]): Promise<Envelope<unknown>>;
  /** Media located by the host, opened and checked in this process. */
  media: MediaSource;
  /** Messages from the host's first start for the user (a database restored from backup, say). */
  notices: string[];
  readOnly: boolean;
  /** The running host's pid (undefined between a crash and the restart). */
  hostPid(): number | undefined;
  useDialogs(dialogs: NativeDialogs | null): void;
  /** Closes the host (database closed, lock released); resolves once it has exited. */
  dispose(): Promise<void>;
}

const RESTART_CHANNEL = 'desktop:onDidRestartServices';
const DISPOSE_TIMEOUT_MS = 20_000;

/** Answers a request with the host's reply: Envelope JSON text for calls, an Envelope for media. */
type Pending = (reply: string | Envelope<unknown>) => void;

interface Generation {
  host: HostProcess;
  /** Settles when the host is ready or failed to start. */
  ready: Promise<void>;
  /** Calls and media look-ups sent to this host, answered or failed together when it dies. */
  pending: Map<number, Pending>;
  exited: Promise<HostExit>;
  /** False once the process has exited. */
  alive: boolean;
}

function stoppedError(message: string, hint?: string): string {
  return JSON.stringify({ ok: false, error: new SoundlikeError('SERVICES_STOPPED', message, hint).toJSON() } satisfies Envelope<never>);
}

function invalid(message: string): string {
  return JSON.stringify({ ok: false, error: new SoundlikeError('INVALID_ARGUMENT', message).toJSON() } satisfies Envelope<never>);
}

function asEnvelope(reply: string | Envelope<unknown>): Envelope<unknown> {
  return typeof reply === 'string' ? (JSON.parse(reply) as Envelope<unknown>) : reply;
}

/** Starts the service host and resolves once it serves; rejects with the host's error (e.g. DATA_FOLDER_IN_USE). */
export async function startSupervisor(options: SupervisorOptions): Promise<ServiceHostSupervisor> {
  const log = options.log ?? ((line: string) => console.error(`[soundlike] ${line}`));
  const policy = new RestartPolicy(options.policy ?? RESTART_POLICY);
  const logFile = dataPaths(options.start.dataDir).log;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const jsonListeners = new Set<(channel: string, json: string) => void>();
  let dialogs = options.dialogs ?? null;
  let nextId = 1;
  let current: Generation;
  let state: 'serving' | 'restarting' | 'stopped' | 'disposing' = 'serving';
  let gaveUp: string | null = null;
  let restartTimer: ReturnType<typeof setTimeout> | null = null;
  /** Requests waiting for the next host (or for giving up, or closing) after a crash. */
  let waiters: Array<() => void> = [];
  const changed = () => new Promise<void>((resolve) => waiters.push(resolve));
  const wakeWaiters = () => {
    const woken = waiters;
    waiters = [];
    woken.forEach((wake) => wake());
  };

  /** Windows get the text as it came; main's own listeners (few, small events) get it parsed, once. */
  function emit(channel: string, json: string): void {
    const safely = (run: () => void) => {
      try {
        run();
      } catch (error) {
        log(`an event listener for ${channel} failed: ${String(error)}`);
      }
    };
    for (const listener of jsonListeners) safely(() => listener(channel, json));
    const parsed = listeners.get(channel);
    if (!parsed || parsed.size === 0) return;
    const payload: unknown = JSON.parse(json);
    for (const listener of parsed) safely(() => listener(payload));
  }

  function announce(restart: ServicesRestart): void {
    emit(RESTART_CHANNEL, JSON.stringify(restart));
  }

  async function answerDialog(host: HostProcess, message: Extract<HostToMain, { type: 'dialog' }>): Promise<void> {
    let envelope: Envelope<unknown>;
    try {
      if (!dialogs) throw desktopOnly();
      const show = dialogs[message.name] as (...args: unknown[]) => Promise<unknown>;
      envelope = { ok: true, value: (await show.apply(dialogs, message.args)) ?? null };
    } catch (error) {
      envelope = { ok: false, error: SoundlikeError.from(error).toJSON() };
    }
    host.send({ type: 'dialog-reply', id: message.id, envelope });
  }

  function launch(): Generation {
    const host = options.spawn();
    const pending = new Map<number, Pending>();
    let settleReady: (error?: SoundlikeError) => void = () => undefined;
    const ready = new Promise<void>((resolve, reject) => {
      settleReady = (error) => (error ? reject(error) : resolve());
    });
    // Nobody may await a later host's start; a failed start is seen through the exit that follows.
    ready.catch(() => undefined);
    let startError: SoundlikeError | null = null;
    const pieces = new PieceCollector();
    host.onMessage((message) => {
      if (!isHostToMain(message)) return log('ignored a malformed message from the service host.');
      switch (message.type) {
        case 'ready':
          first ??= { notices: message.notices, readOnly: message.readOnly };
          return settleReady();
        case 'start-failed':
          startError = SoundlikeError.from(message.error);
          return settleReady(startError);
        case 'part':
          return pieces.add(message.stream, message.json);
        case 'reply':
        case 'media-reply':
          pending.get(message.id)?.(message.type === 'reply' ? pieces.finish(message.json, message.stream) : message.envelope);
          pending.delete(message.id);
          return;
        case 'event':
          return emit(message.channel, pieces.finish(message.json, message.stream));
        case 'dialog':
          void answerDialog(host, message);
          return;
        case 'disposed':
          return;
      }
    });
    const exited = new Promise<HostExit>((resolve) => host.onExit(resolve));
    const generation: Generation = { host, ready, pending, exited, alive: true };
    void exited.then((exit) => {
      generation.alive = false;
      settleReady(startError ?? new SoundlikeError('SERVICES_STOPPED', `The library service ended while starting (${describeExit(exit)}).`));
      const failure = state === 'disposing'
        ? stoppedError('Soundlike is closing.')
        : stoppedError("Soundlike's library service stopped unexpectedly while doing this. It is being restarted; nothing saved was lost.", 'Try again in a moment.');
      for (const answer of pending.values()) answer(failure);
      pending.clear();
      // A host that never served (the first start failed) is the caller's error, not a crash to restart.
      if (first && current.host === host && state !== 'disposing' && state !== 'stopped') crashed(exit, startError);
    });
    host.send({ type: 'start', options: options.start });
    return generation;
  }

  function crashed(exit: HostExit, startError: SoundlikeError | null): void {
    const why = startError ? `could not start again: ${startError.message}` : `stopped unexpectedly (${describeExit(exit)})`;
    log(`the library service ${why}.`);
    const decision = policy.recordCrash(Date.now());
    if (!decision.restart) {
      state = 'stopped';
      const hint = `Quit and reopen Soundlike. If it keeps happening, the log (${logFile}) says why.`;
      const message = `Soundlike's library service stopped unexpectedly ${decision.crashes} times within a minute, so it was not started again.`;
      gaveUp = stoppedError(message, hint);
      announce({ state: 'stopped', message, hint });
      wakeWaiters();
      return;
    }
    state = 'restarting';
    announce({ state: 'restarting', message: "Soundlike's library service stopped unexpectedly; restarting it…" });
    restartTimer = setTimeout(() => {
      restartTimer = null;
      if (state !== 'restarting') return;
      current = launch();
      wakeWaiters();
      current.ready.then(() => {
        if (state !== 'restarting') return;
        state = 'serving';
        log(`the library service was restarted (process ${current.host.pid}).`);
        announce({ state: 'restarted', message: "Soundlike's library service stopped unexpectedly and was restarted; nothing was lost." });
      }, () => undefined);
    }, decision.delayMs);
  }

  /** Sends a request to the serving host once it is ready; answered with its reply or a clear failure. */
  async function request(build: (id: number) => MainToHost): Promise<string | Envelope<unknown>> {
    for (;;) {
      if (gaveUp) return gaveUp;
      if (state === 'disposing') return stoppedError('Soundlike is closing.');
      const generation = current;
      if (!generation.alive) {
        // Between a crash and the restart: wait for the next host (or for giving up, or closing).
        await changed();
        continue;
      }
      try {
        await generation.ready;
      } catch {
        // This host failed to start; its exit brings a restart or giving up.
        if (generation === current) await changed();
        continue;
      }
      if (generation !== current || !generation.alive) continue;
      const id = nextId++;
      return new Promise<string | Envelope<unknown>>((resolve) => {
        generation.pending.set(id, resolve);
        generation.host.send(build(id));
      });
    }
  }

  /** A page's call: contract commands only (never HOST_ONLY), answered with the Envelope's JSON text. */
  async function invokeJson(service: string, member: string, args: unknown): Promise<string> {
    if (!isCommand(service, member)) return invalid(`There is no command ${service}.${member}.`);
    if (!Array.isArray(args)) return invalid('Command arguments must be a list.');
    return call(service, member, args);
  }

  async function call(service: ServiceName, member: string, args: unknown[]): Promise<string> {
    return (await request((id) => ({ type: 'call', id, service, member, args }))) as string;
  }

  async function locate(build: (id: number) => MainToHost): Promise<MediaFile> {
    const envelope = asEnvelope(await request(build));
    if (!envelope.ok) throw SoundlikeError.from(envelope.error);
    return openLocated(envelope.value as LocatedMedia);
  }

  let first: { notices: string[]; readOnly: boolean } | null = null;
  current = launch();
  try {
    await current.ready;
  } catch (error) {
    state = 'disposing';
    current.host.kill();
    throw error;
  }
  const opened = first ?? { notices: [], readOnly: false };

  return {
    api: relayApi(call, (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
      return () => void set.delete(listener);
    }),
    invokeJson,
    invoke: async (service, member, args) => asEnvelope(await invokeJson(service, member, args)),
    onEventJson(listener) {
      jsonListeners.add(listener);
      return () => void jsonListeners.delete(listener);
    },
    media: {
      track: (trackId) => locate((id) => ({ type: 'media', id, kind: 'track', trackId })),
      cover: (coverId) => locate((id) => ({ type: 'media', id, kind: 'cover', coverId })),
    },
    notices: opened.notices,
    readOnly: opened.readOnly,
    hostPid: () => (state === 'serving' ? current.host.pid : undefined),
    useDialogs(next) {
      dialogs = next;
    },
    async dispose() {
      if (state === 'disposing') return void (await current.exited);
      state = 'disposing';
      if (restartTimer) clearTimeout(restartTimer);
      wakeWaiters();
      const { host, exited } = current;
      host.send({ type: 'dispose' });
      const timeoutMs = options.disposeTimeoutMs ?? DISPOSE_TIMEOUT_MS;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const outcome = await Promise.race([exited, new Promise<'late'>((resolve) => { timer = setTimeout(() => resolve('late'), timeoutMs); })]);
      clearTimeout(timer);
      if (outcome === 'late') {
        log(`the library service did not close within ${timeoutMs / 1000} s; ending it.`);
        host.kill();
        await exited;
      }
      listeners.clear();
      jsonListeners.clear();
    },
  };
}

function describeExit(exit: HostExit): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}

/** The host API whose commands go through `call` and whose events come from `subscribe`. */
function relayApi(
  call: (service: ServiceName, member: string, args: unknown[]) => Promise<string>,
  subscribe: (channel: string, listener: (payload: unknown) => void) => () => void,
): SoundlikeHostApi {
  const api: Record<string, Record<string, unknown>> = {};
  const command = (service: ServiceName, member: string) => async (...args: unknown[]) => {
    const envelope = asEnvelope(await call(service, member, args));
    if (!envelope.ok) throw SoundlikeError.from(envelope.error);
    return envelope.value;
  };
  for (const m of contractMembers()) {
    (api[m.service] ??= {})[m.member] = m.kind === 'command'
      ? command(m.service, m.member)
      : (listener: (payload: unknown) => void) => subscribe(m.channel, listener);
  }
  for (const m of hostOnlyCommands()) (api[m.service] ??= {})[m.member] = command(m.service, m.member);
  return api as unknown as SoundlikeHostApi;
}
