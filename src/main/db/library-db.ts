/**
 * The typed face of the database (house rule: one owner, every query a named method, all SQL in
 * queries/). Services receive a LibraryDb and never see SQL.
 */
import { closeDatabase, openDatabase, refreshBackup, type Sqlite } from './client';
import { AnalysisQueries } from './queries/analysis';
import { FailureQueries } from './queries/failures';
import { FolderQueries } from './queries/folders';
import { KeyValueQueries } from './queries/kv';
import { PlayQueries } from './queries/plays';
import { PlaylistQueries } from './queries/playlists';
import { QueueQueries } from './queries/queue';
import { RadioQueries } from './queries/radio';
import { TrackQueries } from './queries/tracks';

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
  readonly notices: string[];

  private constructor(private readonly db: Sqlite, private readonly path: string, notices: string[]) {
    this.notices = notices;
    this.folders = new FolderQueries(db);
    this.tracks = new TrackQueries(db);
    this.failures = new FailureQueries(db);
    this.queue = new QueueQueries(db);
    this.kv = new KeyValueQueries(db);
    this.plays = new PlayQueries(db);
    this.analysis = new AnalysisQueries(db);
    this.radio = new RadioQueries(db);
    this.playlists = new PlaylistQueries(db);
  }

  static open(path: string): LibraryDb {
    const { db, notices } = openDatabase(path);
    return new LibraryDb(db, path, notices);
  }

  /** Runs fn in one write transaction. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** The database file (the index worker opens it read-only). */
  get file(): string {
    return this.path;
  }

  backup(): Promise<boolean> {
    return refreshBackup(this.db, this.path);
  }

  close(): void {
    closeDatabase(this.db);
  }
}
