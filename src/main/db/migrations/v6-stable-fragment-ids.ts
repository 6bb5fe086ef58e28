/**
 * Fragment ids are never reused. The vector index labels its vectors with fragment ids; SQLite hands a
 * plain INTEGER PRIMARY KEY's largest id out again once the newest rows are deleted (remove the last
 * analysed song, analyse another), so the index took the new song's fragments for the old ones it held.
 * AUTOINCREMENT never reuses an id. SQLite cannot add it to a table in place: the table is rebuilt,
 * keeping every row's id (sqlite_sequence starts from the largest). Nothing references fragments, so
 * dropping the old table cascades nothing; its one index is made again.
 *
 * (Track ids stop being reused in v8, which rebuilds tracks with foreign keys off.) The index compares
 * fragment id, track and analysis time (radio/index-worker.ts), so even an id handed out again by a
 * restored backup cannot be mistaken for the fragment it held.
 */
import type { Migration } from './migration';

export const stableFragmentIds: Migration = {
  version: 6,
  description: 'fragment ids are never reused',
  sql: `
    CREATE TABLE fragments_v6 (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      track_id INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
      start_sec REAL NOT NULL,
      end_sec REAL NOT NULL,
      vector BLOB NOT NULL,
      tags TEXT NOT NULL
    );
    INSERT INTO fragments_v6(id, track_id, start_sec, end_sec, vector, tags)
      SELECT id, track_id, start_sec, end_sec, vector, tags FROM fragments ORDER BY id;
    DROP TABLE fragments;
    ALTER TABLE fragments_v6 RENAME TO fragments;
    CREATE INDEX fragments_by_track ON fragments(track_id);
  `,
};
