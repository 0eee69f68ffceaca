/**
 * The registry of sealed columns: every column holding values sealed with the
 * sensitive key (db/sealer.ts), and the keyed indexes computed from them.
 * Key rotation (keys/rotation.ts) reads it to re-seal every value and
 * recompute every index under a new sensitive key, so a column that is not
 * registered would stop opening after the first rotation. An area that seals
 * a column adds one line to the list in `electron/core/sealed-columns.ts`;
 * `tests/unit/keys/sealed-columns.test.ts` checks every line against the
 * schema at head.
 */

/** A keyed index column derived from a sealed column's plain value. */
export interface SealedIndex {
  /** The BLOB column holding `sealer.index(purpose, of(plain))`, e.g. 'id_number_index'. */
  column: string;
  /** The index purpose, the same constant the area uses when it writes (e.g. 'residents.id_number.tail4'). */
  purpose: string;
  /** What is indexed, from the opened plain text (normalised, or its last 4 characters); null: this value has no index entry (column NULL). */
  of: (plain: string) => string | null;
  /**
   * Set when this index shares its purpose with another table's on purpose, so the two compare (e.g. staff's ID
   * numbers under the residents' purpose, to match a member to the caseload, 073): 'table.column' of that index.
   * Every other purpose is used once.
   */
  sameAs?: string;
}

/** One sealed column of one table (its rows are found by rowid). */
export interface SealedColumn {
  table: string;
  /** The BLOB column holding `sealer.seal(purpose, …)` or `sealer.sealBytes(purpose, …)`, e.g. 'id_number_sealed'. */
  column: string;
  /** The seal purpose (the AAD), the area's constant, e.g. 'residents.id_number'. */
  purpose: string;
  /** Keyed indexes recomputed from this column's plain value; [] for bytes (attachments) and values never searched. */
  indexes: readonly SealedIndex[];
  /**
   * A clear column that says a value is there (its mask, the birth year, an attachment's size; `id`: the row itself,
   * for a record sealed whole; or an SQL expression over the row) and the legacy clear column(s) a value was kept in
   * before sealing: a row with the first not NULL while the sealed value is NULL and every legacy column NULL or empty
   * had its value deleted outside the program (keys/sealed-witness.ts; sixth attack run, W3).
   */
  shownBy?: { column: string; legacy: string | readonly string[] };
}
