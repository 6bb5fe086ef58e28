/**
 * SQL for the user's own data as one unit (settings, folders, likes, blocked artists, playlists, plays,
 * radio feedback): read whole for the user-data file, written back after a restore. Songs are named by
 * path here, because a restored or new library gives them other ids.
 */
import type Database from 'better-sqlite3';
import type { Sqlite } from '../client';

type Statement = Database.Statement<unknown[], unknown>;

export interface UserDataRows {
  settings: string | null;
  folders: { path: string; addedAt: number }[];
  likes: { path: string; at: number }[];
  blocked: { name: string; at: number }[];
  playlists: { id: number; name: string; createdAt: number; updatedAt: number }[];
  playlistItems: { playlistId: number; path: string }[];
  plays: { path: string; at: number; listenedSec: number; completed: number }[];
  /** Only radios with feedback: a radio is otherwise just a record of a button press. */
  radios: { id: number; seed: string; options: string; createdAt: number }[];
  feedback: { radioId: number; path: string; kind: string; at: number }[];
}

/** The tables a change to which changes the user-data file (kv: only its 'settings' row). */
export const USER_DATA_TABLES = ['folders', 'likes', 'blocked_artists', 'playlists', 'playlist_items', 'plays', 'radios', 'radio_feedback'] as const;

export class UserDataQueries {
  private readonly pathOfStmt;
  private readonly idOfStmt;

  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Sqlite) {
    this.pathOfStmt = db.prepare<[number], { path: string }>(`SELECT path FROM tracks WHERE id = ?`);
    this.idOfStmt = db.prepare<[string], { id: number }>(`SELECT id FROM tracks WHERE path = ?`);
  }

  /** Everything, in one read transaction (a consistent picture even while the app writes). */
  read(): UserDataRows {
    return this.db.transaction(() => ({
      settings: (this.db.prepare(`SELECT value FROM kv WHERE key = 'settings'`).get() as { value: string } | undefined)?.value ?? null,
      folders: this.db.prepare(`SELECT path, added_at AS addedAt FROM folders ORDER BY id`).all() as UserDataRows['folders'],
      likes: this.db.prepare(`SELECT t.path, l.at FROM likes l JOIN tracks t ON t.id = l.track_id ORDER BY l.at`).all() as UserDataRows['likes'],
      blocked: this.db.prepare(`SELECT name, at FROM blocked_artists ORDER BY at`).all() as UserDataRows['blocked'],
      playlists: this.db.prepare(`SELECT id, name, created_at AS createdAt, updated_at AS updatedAt FROM playlists ORDER BY id`).all() as UserDataRows['playlists'],
      playlistItems: this.db.prepare(`SELECT i.playlist_id AS playlistId, t.path FROM playlist_items i JOIN tracks t ON t.id = i.track_id
        ORDER BY i.playlist_id, i.position`).all() as UserDataRows['playlistItems'],
      plays: this.db.prepare(`SELECT t.path, p.at, p.listened_sec AS listenedSec, p.completed FROM plays p JOIN tracks t ON t.id = p.track_id
        ORDER BY p.id`).all() as UserDataRows['plays'],
      radios: this.db.prepare(`SELECT id, seed, options, created_at AS createdAt FROM radios r
        WHERE EXISTS (SELECT 1 FROM radio_feedback f WHERE f.radio_id = r.id) ORDER BY id`).all() as UserDataRows['radios'],
      feedback: this.db.prepare(`SELECT f.radio_id AS radioId, t.path, f.kind, f.at FROM radio_feedback f JOIN tracks t ON t.id = f.track_id
        ORDER BY f.id`).all() as UserDataRows['feedback'],
    }))();
  }

  /** Restores insert thousands of rows: prepare each statement once. */
  private s(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  /** What a restored library holds, for telling the user. */
  libraryCounts(): { folders: number; tracks: number; analysed: number } {
    return this.s(`SELECT (SELECT COUNT(*) FROM folders) AS folders, (SELECT COUNT(*) FROM tracks) AS tracks,
      (SELECT COUNT(*) FROM analyses WHERE status = 'done') AS analysed`).get() as { folders: number; tracks: number; analysed: number };
  }

  pathOf(trackId: number): string | undefined {
    return this.pathOfStmt.get(trackId)?.path;
  }

  trackIdOf(path: string): number | undefined {
    return this.idOfStmt.get(path)?.id;
  }

  /** Forgets the user data a restore is about to replace (folders are reconciled, not cleared). */
  clearForRestore(): void {
    this.db.exec(`DELETE FROM likes; DELETE FROM blocked_artists; DELETE FROM playlists; DELETE FROM plays; DELETE FROM radio_feedback;`);
  }

  setSettingsJson(json: string): void {
    this.s(`INSERT INTO kv(key, value) VALUES ('settings', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(json);
  }

  /**
   * Makes the folders exactly `folders` (one the user removed since the backup goes, with its songs);
   * returns how many were added back.
   */
  reconcileFolders(folders: { path: string; addedAt: number }[]): number {
    const wanted = new Set(folders.map((f) => f.path));
    for (const { id, path } of this.s(`SELECT id, path FROM folders`).all() as { id: number; path: string }[]) {
      if (!wanted.has(path)) this.s(`DELETE FROM folders WHERE id = ?`).run(id);
    }
    const insert = this.s(`INSERT OR IGNORE INTO folders(path, added_at) VALUES (?, ?)`);
    return folders.reduce((n, f) => n + insert.run(f.path, f.addedAt).changes, 0);
  }

  like(trackId: number, at: number): void {
    this.s(`INSERT OR IGNORE INTO likes(track_id, at) VALUES (?, ?)`).run(trackId, at);
  }

  block(name: string, at: number): void {
    this.s(`INSERT OR IGNORE INTO blocked_artists(name, at) VALUES (?, ?)`).run(name, at);
  }

  /** Recreates a playlist under its old id (a radio seeded from it still finds it). */
  insertPlaylist(p: UserDataRows['playlists'][number]): void {
    this.s(`INSERT OR REPLACE INTO playlists(id, name, created_at, updated_at) VALUES (?, ?, ?, ?)`).run(p.id, p.name, p.createdAt, p.updatedAt);
  }

  playlistUpdatedAt(id: number): number | undefined {
    return (this.s(`SELECT updated_at AS u FROM playlists WHERE id = ?`).get(id) as { u: number } | undefined)?.u;
  }

  setPlaylistItems(playlistId: number, trackIds: number[]): void {
    this.s(`DELETE FROM playlist_items WHERE playlist_id = ?`).run(playlistId);
    const insert = this.s(`INSERT INTO playlist_items(playlist_id, position, track_id) VALUES (?, ?, ?)`);
    trackIds.forEach((trackId, position) => insert.run(playlistId, position, trackId));
  }

  play(trackId: number, at: number, listenedSec: number, completed: number): void {
    this.s(`INSERT INTO plays(track_id, at, listened_sec, completed) VALUES (?, ?, ?, ?)`).run(trackId, at, listenedSec, completed);
  }

  /** Keeps an existing radio row (queue entries name it); adds it when the restored library lacks it. */
  ensureRadio(r: UserDataRows['radios'][number]): void {
    this.s(`INSERT OR IGNORE INTO radios(id, seed, options, created_at) VALUES (?, ?, ?, ?)`).run(r.id, r.seed, r.options, r.createdAt);
  }

  feedback(radioId: number, trackId: number, kind: string, at: number): void {
    this.s(`INSERT INTO radio_feedback(radio_id, track_id, kind, at) VALUES (?, ?, ?, ?)`).run(radioId, trackId, kind, at);
  }
}
