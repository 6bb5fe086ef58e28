/**
 * Versioned schema migrations, applied in order inside one transaction each; PRAGMA user_version records
 * the last applied. Never edit a shipped migration: add the next one.
 */
import type { Migration } from './migration';
import { foreignKeyIndexes } from './v5-foreign-key-indexes';
import { stableFragmentIds } from './v6-stable-fragment-ids';
import { decodedDuration } from './v7-decoded-duration';
import { stableTrackIds } from './v8-stable-track-ids';
import { viewOrderIndex } from './v9-view-order-index';

export type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'folders, tracks, scan failures, queue, settings, listening history',
    sql: `
      CREATE TABLE folders (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        added_at INTEGER NOT NULL,
        last_scan_at INTEGER,
        status TEXT NOT NULL DEFAULT 'ok',
        status_message TEXT
      );
      CREATE TABLE tracks (
        id INTEGER PRIMARY KEY,
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
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX tracks_by_folder ON tracks(folder_id);
      CREATE TABLE scan_failures (
        path TEXT PRIMARY KEY,
        folder_id INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
        reason TEXT NOT NULL,
        size INTEGER,
        mtime_ms INTEGER,
        reader_version TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE TABLE queue_items (
        id INTEGER PRIMARY KEY,
        position INTEGER NOT NULL,
        track_id INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
        origin TEXT NOT NULL
      );
      CREATE INDEX queue_by_position ON queue_items(position);
      CREATE TABLE plays (
        id INTEGER PRIMARY KEY,
        track_id INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        listened_sec REAL NOT NULL,
        completed INTEGER NOT NULL
      );
      CREATE INDEX plays_by_track ON plays(track_id, at);
      CREATE TABLE kv (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: 'sound analysis: one record per analysed track, its fragment vectors and predicted tags',
    sql: `
      CREATE TABLE analyses (
        track_id INTEGER PRIMARY KEY REFERENCES tracks(id) ON DELETE CASCADE,
        model_sha TEXT NOT NULL,
        feature_version INTEGER NOT NULL,
        step_sec REAL NOT NULL,
        source_size INTEGER NOT NULL,
        source_mtime_ms INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('done', 'failed')),
        error TEXT,
        fragment_count INTEGER NOT NULL DEFAULT 0,
        audio_sec REAL,
        analysed_at INTEGER NOT NULL
      );
      CREATE TABLE fragments (
        id INTEGER PRIMARY KEY,
        track_id INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
        start_sec REAL NOT NULL,
        end_sec REAL NOT NULL,
        vector BLOB NOT NULL,
        tags TEXT NOT NULL
      );
      CREATE INDEX fragments_by_track ON fragments(track_id);
    `,
  },
  {
    version: 3,
    description: 'radios, their negative feedback, liked songs',
    sql: `
      CREATE TABLE radios (
        id INTEGER PRIMARY KEY,
        seed TEXT NOT NULL,
        options TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE radio_feedback (
        id INTEGER PRIMARY KEY,
        radio_id INTEGER NOT NULL REFERENCES radios(id) ON DELETE CASCADE,
        track_id INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('skip', 'less')),
        at INTEGER NOT NULL
      );
      CREATE INDEX radio_feedback_by_radio ON radio_feedback(radio_id);
      CREATE TABLE likes (
        track_id INTEGER PRIMARY KEY REFERENCES tracks(id) ON DELETE CASCADE,
        at INTEGER NOT NULL
      );
      CREATE TABLE blocked_artists (
        name TEXT PRIMARY KEY COLLATE NOCASE,
        at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 4,
    description: 'playlists',
    sql: `
      CREATE TABLE playlists (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE playlist_items (
        playlist_id INTEGER NOT NULL REFERENCES playlists(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        track_id INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
        PRIMARY KEY (playlist_id, position)
      );
    `,
  },
  foreignKeyIndexes,
  stableFragmentIds,
  decodedDuration,
  stableTrackIds,
  viewOrderIndex,
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
