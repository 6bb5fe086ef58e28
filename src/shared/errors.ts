/**
 * Errors that cross the contract. Every failure a user can meet has a code, a plain message saying what
 * happened, and a hint saying what to do; both transports carry them intact (see ipc envelope).
 */

export type ErrorCode =
  | 'FOLDER_NOT_FOUND'
  | 'NOT_A_FOLDER'
  | 'FOLDER_NOT_READABLE'
  | 'FOLDER_ALREADY_ADDED'
  | 'FOLDER_INSIDE_ANOTHER'
  | 'UNKNOWN_FOLDER'
  | 'UNKNOWN_TRACK'
  | 'UNKNOWN_PLAYLIST'
  | 'TRACK_FILE_MISSING'
  | 'DATABASE_CORRUPT'
  | 'DATABASE_READ_ONLY'
  | 'DATABASE_TOO_NEW'
  | 'DATA_FOLDER_IN_USE'
  | 'PORT_IN_USE'
  | 'INVALID_ARGUMENT'
  | 'WATCH_LIMIT'
  | 'FFMPEG_MISSING'
  | 'MODEL_UNAVAILABLE'
  | 'NOT_ANALYSED'
  | 'SERVICES_STOPPED'
  | 'INTERNAL';

export interface SerializedError {
  code: ErrorCode;
  message: string;
  hint?: string;
}

export class SoundlikeError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;

  constructor(code: ErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'SoundlikeError';
    this.code = code;
    this.hint = hint;
  }

  toJSON(): SerializedError {
    return { code: this.code, message: this.message, ...(this.hint ? { hint: this.hint } : {}) };
  }

  static from(value: unknown): SoundlikeError {
    if (value instanceof SoundlikeError) return value;
    if (isSerializedError(value)) return new SoundlikeError(value.code, value.message, value.hint);
    const message = value instanceof Error ? value.message : String(value);
    return new SoundlikeError('INTERNAL', message, 'This is a bug in Soundlike; the log has details.');
  }
}

export function isSerializedError(value: unknown): value is SerializedError {
  return typeof value === 'object' && value !== null && typeof (value as SerializedError).code === 'string'
    && typeof (value as SerializedError).message === 'string';
}

/** What a command call returns over a transport: errors travel as data, never as lost exception fields. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: SerializedError };
