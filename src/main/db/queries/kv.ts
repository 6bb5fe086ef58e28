/** SQL for small named values (settings, the queue's current index), stored as JSON. */
import type { Sqlite } from '../client';

export class KeyValueQueries {
  private readonly getStmt;
  private readonly setStmt;

  constructor(db: Sqlite) {
    this.getStmt = db.prepare<[string], { value: string }>(`SELECT value FROM kv WHERE key = ?`);
    this.setStmt = db.prepare<[string, string]>(
      `INSERT INTO kv(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
  }

  get<T>(key: string): T | undefined {
    const row = this.getStmt.get(key);
    if (!row) return undefined;
    try {
      return JSON.parse(row.value) as T;
    } catch {
      return undefined;
    }
  }

  set(key: string, value: unknown): void {
    this.setStmt.run(key, JSON.stringify(value));
  }
}
