/**
 * Keeps user-data.json current: temporary triggers on this connection (the one writer) note every change
 * to the user's own tables, and the file is rewritten shortly after, atomically (temp file, fsync, rename),
 * so a crash leaves the old copy or the new one, never half of one.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Sqlite } from './client';
import type { KeyValueQueries } from './queries/kv';
import { USER_DATA_TABLES, type UserDataQueries } from './queries/user-data';
import { parseUserData, snapshotUserData, type UserData } from './user-data';

export const USER_DATA_FILE_NAME = 'user-data.json';
/** kv key of the entries a restore could not place yet (their songs are not in the library). */
export const WAITING_KEY = 'user_data_waiting';
/** Changes come in bursts (a playlist edit, a folder removal): write once they settle. */
const SETTLE_MS = 300;

export function userDataPath(databasePath: string): string {
  return join(dirname(databasePath), USER_DATA_FILE_NAME);
}

/** What readUserDataFile says when there is no file. */
export const NO_FILE = 'there is none';

/** The file's content, or why it cannot be used (missing, damaged). */
export function readUserDataFile(file: string): UserData | string {
  if (!existsSync(file)) return NO_FILE;
  try {
    return parseUserData(readFileSync(file, 'utf8'));
  } catch (error) {
    return `it cannot be read (${(error as Error).message})`;
  }
}

function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

export class UserDataFile {
  private timer: NodeJS.Timeout | null = null;
  private failed = false;

  constructor(
    private readonly db: Sqlite,
    private readonly queries: UserDataQueries,
    private readonly kv: KeyValueQueries,
    readonly path: string,
  ) {}

  /** Starts following changes (temp triggers live and die with this connection; nothing is migrated). */
  follow(): void {
    this.db.function('soundlike_user_data_changed', { deterministic: false }, () => {
      this.schedule();
      return null;
    });
    const statements = USER_DATA_TABLES.flatMap((table) => {
      // A folder's row also changes with every scan (its status): only adding or removing one matters.
      const events = table === 'folders' ? ['INSERT', 'DELETE'] : ['INSERT', 'UPDATE', 'DELETE'];
      return events.map((event) => `CREATE TEMP TRIGGER IF NOT EXISTS user_data_${table}_${event.toLowerCase()} AFTER ${event} ON main.${table}
        BEGIN SELECT soundlike_user_data_changed(); END;`);
    });
    for (const event of ['INSERT', 'UPDATE']) {
      statements.push(`CREATE TEMP TRIGGER IF NOT EXISTS user_data_kv_${event.toLowerCase()} AFTER ${event} ON main.kv
        WHEN NEW.key IN ('settings', '${WAITING_KEY}') BEGIN SELECT soundlike_user_data_changed(); END;`);
    }
    this.db.exec(statements.join('\n'));
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), SETTLE_MS);
    this.timer.unref();
  }

  /** Writes the file now (after a restore, at open when it is missing or damaged, at close when changed). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.db.open) return;
    try {
      const data = snapshotUserData(this.queries, this.queries.read(), this.kv.get<UserData>(WAITING_KEY) ?? null);
      writeAtomically(this.path, JSON.stringify(data));
      this.failed = false;
    } catch (error) {
      // Logged once per run of failures: the database still holds everything, only the spare copy is stale.
      if (!this.failed) console.error(`[soundlike] could not save ${this.path} (the copy of your likes, playlists and settings):`, error);
      this.failed = true;
    }
  }

  /** Writes what changed since the last write; called before the connection closes. */
  close(): void {
    if (this.timer) this.flush();
  }
}
