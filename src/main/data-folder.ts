/**
 * Opening a data folder for the services, in the order that keeps it safe: the log first (so what follows
 * is recorded), then the folder's lock (one writer per folder), then the database (which may restore).
 * A command that only reads may open the database read-only while another process holds the lock.
 */
import { SoundlikeError } from '../shared/errors';
import { describeOwner, lockDataFolder, lockHolder, processRole, type DataFolderLock } from './data-lock';
import { LibraryDb } from './db/library-db';
import { startLogging, type LogFile } from './logging';
import type { DataPaths } from './paths';

export interface DataFolderOptions {
  /** How a second process refused the lock names this one (default: the process's role). */
  owner?: string;
  /**
   * Read the library without the lock when another process holds it. Safe for commands that only read
   * SQLite (WAL readers never block or damage the writer); never for one that writes the index folder.
   */
  readOnlyIfBusy?: boolean;
}

export interface OpenedDataFolder {
  db: LibraryDb;
  log: LogFile;
  /** True when opened read-only because another process holds the folder. */
  readOnly: boolean;
  close(): void;
}

export function openDataFolder(paths: DataPaths, options: DataFolderOptions = {}): OpenedDataFolder {
  const logging = startLogging(paths.log);
  let lock: DataFolderLock | null = null;
  try {
    try {
      lock = lockDataFolder(paths.root, options.owner ?? processRole());
    } catch (error) {
      if (!(options.readOnlyIfBusy && error instanceof SoundlikeError && error.code === 'DATA_FOLDER_IN_USE')) throw error;
    }
    const db = lock ? LibraryDb.open(paths.database) : LibraryDb.openReadOnly(paths.database);
    if (!lock) {
      const holder = lockHolder(paths.root);
      db.notices.push(`${holder ? describeOwner(holder) : 'Another Soundlike'} is using this library, so it was only read (nothing was changed).`);
    }
    const held = lock;
    return {
      db, log: logging.log, readOnly: !held,
      close() {
        db.close();
        held?.release();
        logging.stop();
      },
    };
  } catch (error) {
    logging.log.write('error', `Opening ${paths.root} failed: ${error instanceof Error ? error.message : String(error)}`);
    lock?.release();
    logging.stop();
    throw error;
  }
}

/** After a scan finds songs, places the user's entries that a restore kept waiting for them. */
export function placeWaitingUserData(folder: OpenedDataFolder): void {
  try {
    const placed = folder.db.applyWaitingUserData();
    if (placed) folder.log.write('info', `Brought back after a scan: ${JSON.stringify(placed)}`);
  } catch (error) {
    console.error('[soundlike] placing restored likes and playlists failed:', error);
  }
}
