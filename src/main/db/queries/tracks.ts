/** SQL for tracks: the library rows the scanner writes and the views read. */
import { ANALYSIS_TUNABLES } from '../../../shared/defaults';
import type { Track } from '../../../shared/domain';
import type { Sqlite } from '../client';

/** What the scanner learned about one file. */
export interface TrackFields {
  path: string;
  size: number;
  mtimeMs: number;
  title: string;
  artist: string | null;
  album: string | null;
  albumArtist: string | null;
  trackNo: number | null;
  discNo: number | null;
  year: number | null;
  genre: string | null;
  durationSec: number | null;
  codec: string | null;
  sampleRate: number | null;
  bitrate: number | null;
  coverId: string | null;
  replayGainTrackDb: number | null;
  replayGainAlbumDb: number | null;
  /** Hash of the file's first and last 64 KiB: recognises a moved file by its content. */
  fingerprint: string;
  /**
   * "dev:ino" of the file the path resolved to (links followed) when it was read; see fileIdentity().
   * The scanner always sets it; rows written without one are served on size and mtime until rescanned.
   */
  fileId?: string | null;
}

/** The part of a stored row a rescan compares against. */
export interface TrackStamp {
  id: number;
  path: string;
  size: number;
  mtimeMs: number;
  title: string;
  durationSec: number | null;
  fingerprint: string | null;
  fileId: string | null;
}

/** What media serving checks a track's file against: the file the scan read as audio, and no other. */
export interface FileIdentity {
  path: string;
  title: string;
  /** null for rows scanned before identities were kept (the next scan records it). */
  fileId: string | null;
  size: number;
  mtimeMs: number;
}

interface TrackRow {
  id: number; folder_id: number; path: string; size: number; mtime_ms: number; title: string;
  artist: string | null; album: string | null; album_artist: string | null; track_no: number | null;
  disc_no: number | null; year: number | null; genre: string | null; duration_sec: number | null;
  codec: string | null; sample_rate: number | null; bitrate: number | null; cover_id: string | null;
  rg_track_db: number | null; rg_album_db: number | null; added_at: number; folder_status: string; decoded_sec: number | null;
}

const TRACK_COLUMNS = `t.id, t.folder_id, t.path, t.size, t.mtime_ms, t.title, t.artist, t.album, t.album_artist,
  t.track_no, t.disc_no, t.year, t.genre, t.duration_sec, t.codec, t.sample_rate, t.bitrate, t.cover_id,
  t.rg_track_db, t.rg_album_db, t.added_at, f.status AS folder_status, t.decoded_sec`;

/**
 * Audio that ends this far before its header's length is a damaged file: encoders pad and headers round
 * by a fraction of a second, truncation loses far more.
 */
function isDamaged(durationSec: number | null, decodedSec: number | null): boolean {
  if (durationSec === null || decodedSec === null) return false;
  const allowed = Math.max(ANALYSIS_TUNABLES.damagedShortfallSec, durationSec * ANALYSIS_TUNABLES.damagedShortfallShare);
  return durationSec - decodedSec > allowed;
}

function toTrack(row: TrackRow): Track {
  return {
    id: row.id, folderId: row.folder_id, path: row.path, size: row.size, mtimeMs: row.mtime_ms,
    title: row.title, artist: row.artist, album: row.album, albumArtist: row.album_artist,
    trackNo: row.track_no, discNo: row.disc_no, year: row.year, genre: row.genre,
    durationSec: row.duration_sec, codec: row.codec, sampleRate: row.sample_rate, bitrate: row.bitrate,
    coverId: row.cover_id, replayGainTrackDb: row.rg_track_db, replayGainAlbumDb: row.rg_album_db,
    addedAt: row.added_at, available: row.folder_status === 'ok',
    decodedSec: row.decoded_sec, damaged: isDamaged(row.duration_sec, row.decoded_sec),
  };
}

/** toTrack for a raw row, whose cells follow TRACK_COLUMNS' order (no intermediate keyed object). */
function rawToTrack(r: unknown[]): Track {
  return {
    id: r[0] as number, folderId: r[1] as number, path: r[2] as string, size: r[3] as number, mtimeMs: r[4] as number,
    title: r[5] as string, artist: r[6] as string | null, album: r[7] as string | null, albumArtist: r[8] as string | null,
    trackNo: r[9] as number | null, discNo: r[10] as number | null, year: r[11] as number | null, genre: r[12] as string | null,
    durationSec: r[13] as number | null, codec: r[14] as string | null, sampleRate: r[15] as number | null, bitrate: r[16] as number | null,
    coverId: r[17] as string | null, replayGainTrackDb: r[18] as number | null, replayGainAlbumDb: r[19] as number | null,
    addedAt: r[20] as number, available: r[21] === 'ok',
    decodedSec: r[22] as number | null, damaged: isDamaged(r[13] as number | null, r[22] as number | null),
  };
}

function params(folderId: number, f: TrackFields, now: number) {
  return {
    folder_id: folderId, path: f.path, size: f.size, mtime_ms: Math.round(f.mtimeMs), title: f.title,
    artist: f.artist, album: f.album, album_artist: f.albumArtist, track_no: f.trackNo, disc_no: f.discNo,
    year: f.year, genre: f.genre, duration_sec: f.durationSec, codec: f.codec, sample_rate: f.sampleRate,
    bitrate: f.bitrate, cover_id: f.coverId, fingerprint: f.fingerprint, rg_track_db: f.replayGainTrackDb, rg_album_db: f.replayGainAlbumDb,
    file_id: f.fileId ?? null, now,
  };
}

/**
 * The renderer's default sort (artist or album artist, album, disc, track, title; empties last) as near as
 * SQL gets: SQLite's lower() folds ASCII only and digits are not padded, so a first page may differ from
 * the view's exact order for accented or numbered names; the full list re-sorts exactly. The ORDER BY is
 * migration v9's index (tracks_by_view_order) expression for expression, so a page reads rows in order.
 */
export const TRACK_PAGE_SQL = `
  SELECT ${TRACK_COLUMNS} FROM tracks t JOIN folders f ON f.id = t.folder_id
  ORDER BY COALESCE(t.artist, t.album_artist, '') = '', lower(COALESCE(t.artist, t.album_artist, '')),
    COALESCE(t.album, '') = '', lower(COALESCE(t.album, '')), t.disc_no IS NULL, t.disc_no,
    t.track_no IS NULL, t.track_no, lower(t.title), t.id
  LIMIT ? OFFSET ?`;

export class TrackQueries {
  private readonly allStmt;
  private readonly pageStmt;
  private readonly byIdStmt;
  private readonly byIdsStmt;
  private readonly stampsStmt;
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly deleteStmt;
  private readonly countStmt;
  private readonly missingStmt;
  private readonly identityStmt;
  private readonly setFileIdStmt;

  constructor(db: Sqlite) {
    // Raw rows (arrays): for a whole library, keyed row objects cost most of the time and garbage.
    this.allStmt = db.prepare(`SELECT ${TRACK_COLUMNS} FROM tracks t JOIN folders f ON f.id = t.folder_id`).raw(true);
    this.pageStmt = db.prepare<[number, number]>(TRACK_PAGE_SQL).raw(true);
    this.byIdStmt = db.prepare<[number], TrackRow>(
      `SELECT ${TRACK_COLUMNS} FROM tracks t JOIN folders f ON f.id = t.folder_id WHERE t.id = ?`);
    this.byIdsStmt = db.prepare<[string]>(
      `SELECT ${TRACK_COLUMNS} FROM tracks t JOIN folders f ON f.id = t.folder_id WHERE t.id IN (SELECT value FROM json_each(?))`).raw(true);
    this.stampsStmt = db.prepare<[number], { id: number; path: string; size: number; mtime_ms: number; title: string; duration_sec: number | null; fingerprint: string | null; file_id: string | null }>(
      `SELECT id, path, size, mtime_ms, title, duration_sec, fingerprint, file_id FROM tracks WHERE folder_id = ?`);
    this.insertStmt = db.prepare(`
      INSERT INTO tracks(folder_id, path, size, mtime_ms, title, artist, album, album_artist, track_no, disc_no,
        year, genre, duration_sec, codec, sample_rate, bitrate, cover_id, fingerprint, rg_track_db, rg_album_db, file_id, added_at, updated_at)
      VALUES (@folder_id, @path, @size, @mtime_ms, @title, @artist, @album, @album_artist, @track_no, @disc_no,
        @year, @genre, @duration_sec, @codec, @sample_rate, @bitrate, @cover_id, @fingerprint, @rg_track_db, @rg_album_db, @file_id, @now, @now)`);
    // Updating by id (not path) is what keeps a moved file's row, and so its history, intact.
    this.updateStmt = db.prepare(`
      UPDATE tracks SET folder_id = @folder_id, path = @path, size = @size, mtime_ms = @mtime_ms, title = @title,
        artist = @artist, album = @album, album_artist = @album_artist, track_no = @track_no, disc_no = @disc_no,
        year = @year, genre = @genre, duration_sec = @duration_sec, codec = @codec, sample_rate = @sample_rate,
        bitrate = @bitrate, cover_id = @cover_id, fingerprint = @fingerprint, rg_track_db = @rg_track_db, rg_album_db = @rg_album_db,
        file_id = @file_id, updated_at = @now,
        -- SET reads the old row: the decoded length stays only while the file's content is the same one.
        decoded_sec = CASE WHEN size = @size AND mtime_ms = @mtime_ms AND fingerprint IS @fingerprint THEN decoded_sec END
      WHERE id = @id`);
    this.deleteStmt = db.prepare<[number]>(`DELETE FROM tracks WHERE id = ?`);
    this.countStmt = db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM tracks`);
    this.missingStmt = db.prepare<[string], number>(
      `SELECT value FROM json_each(?) WHERE NOT EXISTS (SELECT 1 FROM tracks WHERE id = value)`).pluck();
    this.identityStmt = db.prepare<[number], { path: string; title: string; file_id: string | null; size: number; mtime_ms: number }>(
      `SELECT path, title, file_id, size, mtime_ms FROM tracks WHERE id = ?`);
    this.setFileIdStmt = db.prepare<[string, number]>(`UPDATE tracks SET file_id = ? WHERE id = ?`);
  }

  all(): Track[] {
    return (this.allStmt.all() as unknown[][]).map(rawToTrack);
  }

  page(offset: number, limit: number): Track[] {
    return (this.pageStmt.all(limit, offset) as unknown[][]).map(rawToTrack);
  }

  /** Which of these ids no track has: one statement, however many (a 200k-entry queue checks them all). */
  missing(ids: readonly number[]): number[] {
    return this.missingStmt.all(JSON.stringify(ids));
  }

  byId(id: number): Track | null {
    const row = this.byIdStmt.get(id);
    return row ? toTrack(row) : null;
  }

  /** Several tracks in one query (a radio's candidates), by id; ids not in the library are absent. */
  byIds(ids: readonly number[]): Map<number, Track> {
    const out = new Map<number, Track>();
    if (ids.length === 0) return out;
    for (const row of this.byIdsStmt.all(JSON.stringify(ids)) as unknown[][]) {
      const track = rawToTrack(row);
      out.set(track.id, track);
    }
    return out;
  }

  stampsOfFolder(folderId: number): TrackStamp[] {
    return this.stampsStmt.all(folderId).map((r) => ({
      id: r.id, path: r.path, size: r.size, mtimeMs: r.mtime_ms, title: r.title, durationSec: r.duration_sec, fingerprint: r.fingerprint,
      fileId: r.file_id,
    }));
  }

  /** The identity of the file a track was read from (null when there is no such track). */
  fileIdentity(id: number): FileIdentity | null {
    const r = this.identityStmt.get(id);
    return r ? { path: r.path, title: r.title, fileId: r.file_id, size: r.size, mtimeMs: r.mtime_ms } : null;
  }

  /** Records which file a track's path resolves to, once a scan has checked it is the same content. */
  setFileId(id: number, fileId: string): void {
    this.setFileIdStmt.run(fileId, id);
  }

  insert(folderId: number, fields: TrackFields): number {
    return Number(this.insertStmt.run(params(folderId, fields, Date.now())).lastInsertRowid);
  }

  update(id: number, folderId: number, fields: TrackFields): void {
    this.updateStmt.run({ ...params(folderId, fields, Date.now()), id });
  }

  delete(id: number): void {
    this.deleteStmt.run(id);
  }

  count(): number {
    return this.countStmt.get()?.n ?? 0;
  }
}
