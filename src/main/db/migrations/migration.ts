/** One schema step: applied once, in version order, inside a transaction (see ./index.ts). */
export interface Migration {
  version: number;
  description: string;
  sql: string;
  /**
   * The step rebuilds a table others reference (SQLite's way to change a column or key): foreign keys are
   * switched off around its transaction, so dropping the old table cascades nothing, and
   * `foreign_key_check` must find every reference intact before it commits.
   */
  rebuildsReferencedTable?: boolean;
}
