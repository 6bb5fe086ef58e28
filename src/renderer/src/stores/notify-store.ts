/** Toasts: errors from any API call (message + hint) and short notices. Dismissed by hand or by timer. */
import { create } from 'zustand';
import { asSoundlikeError } from '../api';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  message: string;
  hint?: string;
  code?: string;
  /** One button that acts on the news (Undo); pressing it closes the toast. */
  action?: ToastAction;
}

export interface ToastAction {
  label: string;
  run: () => void;
}

interface NotifyState {
  toasts: Toast[];
}

const AUTO_DISMISS_MS = { error: 10_000, info: 4_000 } as const;
/** A toast with a button stays longer: the button must be reachable by keyboard, not only by a quick click. */
const ACTION_DISMISS_MS = 10_000;
/** Older toasts drop off beyond this, so a burst of failures cannot cover the window. */
const MAX_TOASTS = 4;

export const useNotifyStore = create<NotifyState>(() => ({ toasts: [] }));

let nextId = 1;

/** Shows a toast for a few seconds; returns its id (a newer toast on the same matter may replace it). */
export function notify(kind: Toast['kind'], message: string, hint?: string, code?: string): number {
  const id = show({ kind, message, hint, code });
  setTimeout(() => dismissToast(id), AUTO_DISMISS_MS[kind]);
  return id;
}

/** An info toast with one button (Undo), left up long enough to reach it. */
export function notifyWithAction(message: string, action: ToastAction, hint?: string): void {
  const id = show({ kind: 'info', message, hint, action });
  setTimeout(() => dismissToast(id), ACTION_DISMISS_MS);
}

/**
 * A toast that stays until dismissed: news the user must read, such as what a library restore lost. With a
 * code, it is the latest word on that matter and replaces the toasts that carry the same code (the services
 * restarted: the calls that failed while they were down no longer matter, the page reloads).
 */
export function notifyLasting(kind: Toast['kind'], message: string, hint?: string, code?: string): void {
  if (code !== undefined) useNotifyStore.setState((s) => ({ toasts: s.toasts.filter((t) => t.code !== code) }));
  show({ kind, message, hint, code });
}

/** Failures that one notice already explains: while the services restart, every call fails the same way. */
const ONE_TOAST_CODES = new Set(['SERVICES_STOPPED']);

function show(toast: Omit<Toast, 'id'>): number {
  const id = nextId++;
  useNotifyStore.setState((s) => {
    // The same message twice in a row (e.g. a retrying call) bumps the existing toast instead.
    const rest = s.toasts.filter((t) => t.message !== toast.message);
    return { toasts: [...rest, { id, ...toast }].slice(-MAX_TOASTS) };
  });
  return id;
}

/** Shows any thrown value as an error toast with its hint. */
export function notifyError(err: unknown, context?: string): void {
  const e = asSoundlikeError(err);
  if (e.code && ONE_TOAST_CODES.has(e.code) && useNotifyStore.getState().toasts.some((t) => t.code === e.code)) return;
  notify('error', context ? `${context}: ${e.message}` : e.message, e.hint, e.code);
}

export function dismissToast(id: number): void {
  useNotifyStore.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
}

/** Runs an API call, turning a failure into a toast; resolves to undefined when it failed. */
export async function attempt<T>(call: () => Promise<T>, context?: string): Promise<T | undefined> {
  try {
    return await call();
  } catch (err) {
    notifyError(err, context);
    return undefined;
  }
}

export const useToasts = (): Toast[] => useNotifyStore((s) => s.toasts);
