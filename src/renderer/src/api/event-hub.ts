/**
 * One EventSource shared by every web-client subscription. Listeners are kept per channel so a new stream
 * (after the server closed ours for good) can be re-attached; EventSource itself retries dropped
 * connections. Reconnects are announced so stores can refetch whatever they missed while offline.
 */

type Listener = (payload: unknown) => void;

/** Delay before replacing a stream the browser gave up on (readyState CLOSED). */
const REOPEN_DELAY_MS = 3000;

export class EventHub {
  private source: EventSource | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly attached = new Set<string>();
  private readonly reconnectListeners = new Set<() => void>();
  private everOpened = false;
  private reopenTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly url: string) {}

  subscribe(channel: string, listener: Listener): () => void {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
    }
    set.add(listener);
    this.ensureSource();
    this.attach(channel);
    return () => {
      set.delete(listener);
    };
  }

  /** Called after the stream came back from a drop (not on the first connect). */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    this.ensureSource();
    return () => {
      this.reconnectListeners.delete(listener);
    };
  }

  private ensureSource(): void {
    if (this.source) return;
    const source = new EventSource(this.url, { withCredentials: true });
    this.source = source;
    this.attached.clear();
    source.onopen = () => {
      if (this.everOpened) for (const l of [...this.reconnectListeners]) l();
      this.everOpened = true;
    };
    source.onerror = () => {
      if (source.readyState !== EventSource.CLOSED || this.reopenTimer) return;
      this.reopenTimer = setTimeout(() => {
        this.reopenTimer = null;
        this.source = null;
        this.ensureSource();
        for (const channel of this.listeners.keys()) this.attach(channel);
      }, REOPEN_DELAY_MS);
    };
    for (const channel of this.listeners.keys()) this.attach(channel);
  }

  private attach(channel: string): void {
    if (!this.source || this.attached.has(channel)) return;
    this.attached.add(channel);
    this.source.addEventListener(channel, (event: MessageEvent<string>) => {
      let payload: unknown;
      try {
        payload = JSON.parse(event.data);
      } catch {
        console.warn(`soundlike: unreadable event on ${channel}`);
        return;
      }
      for (const l of [...(this.listeners.get(channel) ?? [])]) l(payload);
    });
  }
}
