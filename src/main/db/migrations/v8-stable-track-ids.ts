/**
 * Track ids are never reused. SQLite hands a plain INTEGER PRIMARY KEY's largest id out again once the
 * newest rows are deleted: remove the last-added song and the next new song takes its id, and whatever
 * still named the old id (an active radio's seeds, a saved radio's seed, a page's cache) silently means
 * the new song. AUTOINCREMENT never reuses an id. The table is rebuilt keeping every row and id (SQLite's
 * documented procedure, foreign keys off around it: see Migration.rebuildsReferencedTable), so the rows
 * that reference tracks keep pointing at the same songs.
 */
import type { Migration } from './migration';

export const stableTrackIds: Migration = {
  version: 8,
  description: 'track ids are never reused',
  rebuildsReferencedTable: true,
  sql: `
    CREATE TABLE tracks_v8 (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      folder_id INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
      path TEXT NOT NULL UNIQUE,
      size INTEGER NOT NULL,
      mtime_ms INTEGER NOT NULL,
      title TEXT NOT NULL,
      artist TEXT,
      album TEXT,
      album_artist TEXT,
      track_no INTEGER,
      disc_no INTEGER,
      year INTEGER,
      genre TEXT,
      duration_sec REAL,
      codec TEXT,
      sample_rate INTEGER,
      bitrate INTEGER,
      cover_id TEXT,
      fingerprint TEXT,
      rg_track_db REAL,
      rg_album_db REAL,
      added_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      file_id TEXT,
      decoded_sec REAL
    );
    INSERT INTO tracks_v8(id, folder_id, path, size, mtime_ms, title, artist, album, album_artist, track_no, disc_no, year, genre,
        duration_sec, codec, sample_rate, bitrate, cover_id, fingerprint, rg_track_db, rg_album_db, added_at, updated_at, file_id, decoded_sec)
      SELECT id, folder_id, path, size, mtime_ms, title, artist, album, album_artist, track_no, disc_no, year, genre,
        duration_sec, codec, sample_rate, bitrate, cover_id, fingerprint, rg_track_db, rg_album_db, added_at, updated_at, file_id, decoded_sec
      FROM tracks ORDER BY id;
    DROP TABLE tracks;
    ALTER TABLE tracks_v8 RENAME TO tracks;
    CREATE INDEX tracks_by_folder ON tracks(folder_id);
  `,
};
