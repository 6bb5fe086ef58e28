/** SQL for radios, their feedback, liked songs and recent plays (what a radio must not repeat). */
import type { RadioFeedbackKind, RadioOptions, RadioSeed } from '../../../shared/domain';
import type { Sqlite } from '../client';

export class RadioQueries {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly feedbackStmt;
  private readonly feedbackOfStmt;
  private readonly likedStmt;
  private readonly likeStmt;
  private readonly unlikeStmt;
  private readonly recentStmt;
  private readonly hasFeedbackStmt;
  private readonly blockedStmt;
  private readonly blockStmt;
  private readonly unblockStmt;
  private readonly setOptionsStmt;

  constructor(db: Sqlite) {
    this.insertStmt = db.prepare<[string, string, number]>(`INSERT INTO radios(seed, options, created_at) VALUES (?, ?, ?)`);
    this.getStmt = db.prepare<[number], { seed: string; options: string }>(`SELECT seed, options FROM radios WHERE id = ?`);
    this.feedbackStmt = db.prepare<[number, number, RadioFeedbackKind, number]>(
      `INSERT INTO radio_feedback(radio_id, track_id, kind, at) VALUES (?, ?, ?, ?)`);
    this.feedbackOfStmt = db.prepare<[number], { track_id: number; kind: RadioFeedbackKind }>(
      `SELECT track_id, kind FROM radio_feedback WHERE radio_id = ? ORDER BY id`);
    this.likedStmt = db.prepare<[], { track_id: number }>(`SELECT track_id FROM likes ORDER BY at`);
    this.likeStmt = db.prepare<[number, number]>(`INSERT OR IGNORE INTO likes(track_id, at) VALUES (?, ?)`);
    this.unlikeStmt = db.prepare<[number]>(`DELETE FROM likes WHERE track_id = ?`);
    this.recentStmt = db.prepare<[number], { track_id: number }>(`SELECT DISTINCT track_id FROM plays WHERE at >= ?`);
    this.hasFeedbackStmt = db.prepare<[number, number, RadioFeedbackKind], { n: number }>(
      `SELECT COUNT(*) AS n FROM radio_feedback WHERE radio_id = ? AND track_id = ? AND kind = ?`);
    this.blockedStmt = db.prepare<[], { name: string }>(`SELECT name FROM blocked_artists ORDER BY name COLLATE NOCASE`);
    this.blockStmt = db.prepare<[string, number]>(`INSERT OR IGNORE INTO blocked_artists(name, at) VALUES (?, ?)`);
    this.unblockStmt = db.prepare<[string]>(`DELETE FROM blocked_artists WHERE name = ?`);
    this.setOptionsStmt = db.prepare<[string, number]>(`UPDATE radios SET options = ? WHERE id = ?`);
  }

  create(seed: RadioSeed, options: RadioOptions): number {
    return Number(this.insertStmt.run(JSON.stringify(seed), JSON.stringify(options), Date.now()).lastInsertRowid);
  }

  /** The listener steered the radio (the adventure setting): its options as they are now. */
  setOptions(radioId: number, options: RadioOptions): void {
    this.setOptionsStmt.run(JSON.stringify(options), radioId);
  }

  get(radioId: number): { seed: RadioSeed; options: RadioOptions } | null {
    const row = this.getStmt.get(radioId);
    return row ? { seed: JSON.parse(row.seed) as RadioSeed, options: JSON.parse(row.options) as RadioOptions } : null;
  }

  /** Records feedback once per radio, track and kind (a skip seen by two paths counts once). */
  addFeedback(radioId: number, trackId: number, kind: RadioFeedbackKind): void {
    if ((this.hasFeedbackStmt.get(radioId, trackId, kind)?.n ?? 0) > 0) return;
    this.feedbackStmt.run(radioId, trackId, kind, Date.now());
  }

  blockedArtists(): string[] {
    return this.blockedStmt.all().map((r) => r.name);
  }

  setArtistBlocked(name: string, blocked: boolean): void {
    if (blocked) this.blockStmt.run(name, Date.now());
    else this.unblockStmt.run(name);
  }

  feedback(radioId: number): { trackId: number; kind: RadioFeedbackKind }[] {
    return this.feedbackOfStmt.all(radioId).map((r) => ({ trackId: r.track_id, kind: r.kind }));
  }

  likedTrackIds(): number[] {
    return this.likedStmt.all().map((r) => r.track_id);
  }

  setLiked(trackId: number, liked: boolean): void {
    if (liked) this.likeStmt.run(trackId, Date.now());
    else this.unlikeStmt.run(trackId);
  }

  playedSince(at: number): Set<number> {
    return new Set(this.recentStmt.all(at).map((r) => r.track_id));
  }
}
