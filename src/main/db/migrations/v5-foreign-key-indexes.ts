/**
 * Every foreign key gets an index that starts with its column: deleting a parent row (a track, a folder)
 * makes SQLite look up the child rows for the cascade, and without an index that is a full scan per parent
 * row (removing a 20k-track folder with a 20k-entry queue took 64 s; 0.2 s with these).
 * tests/integration/foreign-key-indexes.test.ts checks every foreign key of the schema, present and future.
 */
import type { Migration } from './migration';

export const foreignKeyIndexes: Migration = {
  version: 5,
  description: 'indexes on foreign keys, and on play times',
  sql: `
    CREATE INDEX queue_items_by_track ON queue_items(track_id);
    CREATE INDEX playlist_items_by_track ON playlist_items(track_id);
    CREATE INDEX radio_feedback_by_track ON radio_feedback(track_id);
    CREATE INDEX scan_failures_by_folder ON scan_failures(folder_id);
    -- Listening history is read by time (recent plays) across all tracks.
    CREATE INDEX plays_by_time ON plays(at);
  `,
};
