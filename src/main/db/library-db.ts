/**
 * The typed face of the database (house rule: one owner, every query a named method, all SQL in
 * queries/). Services receive a LibraryDb and never see SQL. It also keeps the user's own data safe:
 * user-data.json follows every change, and a recovery brings it back (see recovery-notice.ts).
 */
import { existsSync } from 'node:fs';
import { SoundlikeError } from '../../shared/errors';
import { checkSummary, closeDatabase, isCorruption, noteRuntimeDamage, openDatabase, openDatabaseReadOnly, refreshBackup, type Sqlite } from './client';
import { AnalysisQueries } from './queries/analysis';
import { FailureQueries } from './queries/failures';
import { FolderQueries } from './queries/folders';
import { KeyValueQueries } from './queries/kv';
import { PlayQueries } from './queries/plays';
import { PlaylistQueries } from './queries/playlists';
import { QueueQueries } from './queries/queue';
import { RadioQueries } from './queries/radio';
import { TrackQueries } from './queries/tracks';
import { UserDataQueries } from './queries/user-data';
import { recoveryNotice } from './recovery-notice';
import { applyUserData, hasWaiting, type UserData, type UserDataCounts } from './user-data';
import { readUserDataFile, UserDataFile, userDataPath, WAITING_KEY } from './user-data-file';

export class LibraryDb {
  readonly folders: FolderQueries;
  readonly tracks: TrackQueries;
  readonly failures: FailureQueries;
  readonly queue: QueueQueries;
  readonly kv: KeyValueQueries;
  readonly plays: PlayQueries;
  readonly analysis: AnalysisQueries;
  readonly radio: RadioQueries;
  readonly playlists: PlaylistQueries;
  /** What opening the database had to tell the user (a recovery from a damaged file, say). */
  readonly notices: string[] = [];
  private readonly userData: UserDataQueries;
  private readonly userDataFile: UserDataFile | null;
  private damageNoted: SoundlikeError | null = null;

  private constructor(private readonly db: Sqlite, private readonly path: string) {
    // Every query goes through guard(): the first "malformed" error at run time is checked and noted.
    this.folders = this.guard(new FolderQueries(db));
    this.tracks = this.guard(new TrackQueries(db));
    this.failures = this.guard(new FailureQueries(db));
    this.queue = this.guard(new QueueQueries(db));
    this.kv = this.guard(new KeyValueQueries(db));
    this.plays = this.guard(new PlayQueries(db));
    this.analysis = this.guard(new AnalysisQueries(db));
    this.radio = this.guard(new RadioQueries(db));
    this.playlists = this.guard(new PlaylistQueries(db));
    this.userData = new UserDataQueries(db);
    this.userDataFile = db.readonly ? null : new UserDataFile(db, this.userData, this.kv, userDataPath(path));
  }

  static open(path: string): LibraryDb {
    const userFile = userDataPath(path);
    const { db, recovery } = openDatabase(path, { userDataExists: existsSync(userFile) });
    const lib = new LibraryDb(db, path);
    const file = lib.userDataFile as UserDataFile;
    if (recovery) {
      const saved = readUserDataFile(userFile);
      // The file wins when it is newer than what was restored (it always is, unless writing it failed).
      const usable = typeof saved !== 'string' && (recovery.backupFrom === null || saved.savedAt > recovery.backupFrom) ? saved : null;
      const applied = usable ? lib.transaction(() => lib.restoreUserData(usable)) : null;
      lib.notices.push(recoveryNotice({
        recovery, library: lib.userData.libraryCounts(), saved, applied,
      }));
      console.warn(`[soundlike] ${lib.notices.at(-1)}`);
    }
    // Written at once when missing or unusable (a damaged user-data.json is itself the one damaged file).
    if (recovery || typeof readUserDataFile(userFile) === 'string') file.flush();
    file.follow();
    return lib;
  }

  /** Opens for reading only while another process owns the data folder (no checks, no recovery). */
  static openReadOnly(path: string): LibraryDb {
    return new LibraryDb(openDatabaseReadOnly(path), path);
  }

  private restoreUserData(saved: UserData): { counts: UserDataCounts; waiting: UserData } {
    const result = applyUserData(this.userData, saved, 'replace');
    this.kv.set(WAITING_KEY, hasWaiting(result.waiting) ? result.waiting : null);
    return result;
  }

  /**
   * Places entries a restore kept waiting whose songs a scan has now found; returns what it brought back
   * (null when nothing was waiting).
   */
  applyWaitingUserData(): UserDataCounts | null {
    if (this.db.readonly) return null;
    const waiting = this.kv.get<UserData | null>(WAITING_KEY);
    if (!hasWaiting(waiting)) return null;
    return this.transaction(() => {
      const result = applyUserData(this.userData, waiting, 'add');
      this.kv.set(WAITING_KEY, hasWaiting(result.waiting) ? result.waiting : null);
      return result.counts;
    });
  }

  /** Runs fn in one write transaction. */
  transaction<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn)();
    } catch (error) {
      throw this.damaged(error);
    }
  }

  /** The database file (the index worker opens it read-only). */
  get file(): string {
    return this.path;
  }

  /** Where the copy of the user's own data is kept. */
  get userDataFilePath(): string {
    return userDataPath(this.path);
  }

  backup(): Promise<boolean> {
    return refreshBackup(this.db, this.path);
  }

  close(): void {
    this.userDataFile?.close();
    closeDatabase(this.db);
  }

  private guard<T extends object>(queries: T): T {
    return new Proxy(queries, {
      get: (target, key, receiver) => {
        const value: unknown = Reflect.get(target, key, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          try {
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          } catch (error) {
            throw this.damaged(error);
          }
        };
      },
    });
  }

  /** A "malformed" error becomes DATABASE_CORRUPT saying what to do; the first is checked and noted. */
  private damaged(error: unknown): unknown {
    if (!isCorruption(error)) return error;
    if (!this.damageNoted) {
      const found = noteRuntimeDamage(this.db, this.path, error);
      const detail = found === 'ok' ? (error as Error).message : `${(error as Error).message}; quick_check: ${checkSummary(found)}`;
      this.damageNoted = new SoundlikeError(
        'DATABASE_CORRUPT',
        `The library database ${this.path} is damaged (${detail}).`,
        'Restart Soundlike (or run the command again): it keeps the damaged file, restores the last backup and brings back ' +
          `your likes, playlists and settings from ${this.userDataFilePath}.`,
      );
      console.error(`[soundlike] ${this.damageNoted.message}`);
    }
    return this.damageNoted;
  }
}
