/** A tiny typed event emitter whose `event` member is exactly the contract's Event<T> shape. */
import type { Event } from '../shared/contract';

export class Emitter<T> {
  private readonly listeners = new Set<(payload: T) => void>();

  /** Subscribe; the returned function unsubscribes. */
  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  fire(payload: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(payload);
      } catch (error) {
        // One broken subscriber (a closed window, a dropped SSE stream) must not starve the others.
        console.error('[soundlike] event listener failed:', error);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }

  dispose(): void {
    this.listeners.clear();
  }
}

/**
 * Throttles a stream of progress values to one event per interval, and always delivers the final one
 * (house rule 5: progress always ends with a final tick).
 */
export class ThrottledProgress<T extends { final: boolean }> {
  private last = 0;
  private pending: T | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly emit: (value: T) => void, private readonly intervalMs: number) {}

  push(value: T): void {
    const now = Date.now();
    if (value.final) {
      this.clearTimer();
      this.pending = null;
      this.last = now;
      this.emit(value);
      return;
    }
    if (now - this.last >= this.intervalMs) {
      this.last = now;
      this.emit(value);
      return;
    }
    this.pending = value;
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        if (this.pending) {
          this.last = Date.now();
          const value = this.pending;
          this.pending = null;
          this.emit(value);
        }
      }, this.intervalMs - (now - this.last));
    }
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
