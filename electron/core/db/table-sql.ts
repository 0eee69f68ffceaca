/**
 * A CREATE TABLE statement as SQLite keeps it, cut into what it says: its head (`CREATE TABLE "name"`), each column
 * definition and table constraint (a clause), and the options after its closing parenthesis. Comments are dropped
 * and runs of whitespace outside quotes made one space.
 *
 * Why clauses and not the text: `ALTER TABLE … ADD COLUMN` appends a column to the stored text, and migration numbers
 * land out of order (011 after 013), so a ledger that got its migrations in another order holds the same columns in
 * another order. What a clause says does not depend on that order; a CHECK, a DEFAULT, an ON CONFLICT or a foreign
 * key's action written in outside the program is a clause (or part of one) the program never made.
 */

export interface TableSql {
  head: string;
  clauses: string[];
  options: string;
}

/** Where the quoted text or comment starting at `i` ends (the index after it), or -1 if nothing starts there. */
function skipQuotedOrComment(sql: string, i: number): number {
  const c = sql[i];
  const close = c === "'" || c === '"' || c === '`' ? c : c === '[' ? ']' : null;
  if (close) {
    let j = i + 1;
    for (;;) {
      const at = sql.indexOf(close, j);
      if (at < 0) return sql.length;
      // '' and "" (and ``) are an escaped quote inside; ] ends a bracketed name at once.
      if (close !== ']' && sql[at + 1] === close) j = at + 2;
      else return at + 1;
    }
  }
  if (c === '-' && sql[i + 1] === '-') {
    const end = sql.indexOf('\n', i);
    return end < 0 ? sql.length : end;
  }
  if (c === '/' && sql[i + 1] === '*') {
    const end = sql.indexOf('*/', i + 2);
    return end < 0 ? sql.length : end + 2;
  }
  return -1;
}

/**
 * What SQLite's tokenizer takes for whitespace, and nothing else: `\s` would also take U+00A0, U+3000 and the like,
 * which SQLite reads as part of a name, so `TEXT\u00A0NOT\u00A0NULL\u00A0UNIQUE` (one type name to SQLite, the
 * constraints gone) would have read as the program's clause (twenty-first attack run, S35-A3).
 */
const SQLITE_SPACE = new Set([' ', '\t', '\n', '\f', '\r']);

const isComment = (sql: string, i: number): boolean => (sql[i] === '-' && sql[i + 1] === '-') || (sql[i] === '/' && sql[i + 1] === '*');

/** Comments made one space, whitespace runs made one space, trimmed; quoted text kept as written. */
function normalised(sql: string): string {
  let out = '';
  const space = (): void => {
    if (!out.endsWith(' ')) out += ' ';
  };
  let i = 0;
  while (i < sql.length) {
    const end = skipQuotedOrComment(sql, i);
    if (end >= 0) {
      if (isComment(sql, i)) space();
      else out += sql.slice(i, end);
      i = end;
    } else {
      if (SQLITE_SPACE.has(sql[i]!)) space();
      else out += sql[i];
      i += 1;
    }
  }
  return out.trim();
}

/**
 * The parts of `sql`, a CREATE TABLE (or CREATE VIRTUAL TABLE … USING module(args)) statement; null when it has no
 * parenthesised body (CREATE TABLE … AS SELECT is not something this program writes).
 */
export function tableSqlParts(sql: string): TableSql | null {
  let depth = 0;
  let open = -1;
  let clauseStart = -1;
  const clauses: string[] = [];
  let i = 0;
  while (i < sql.length) {
    const end = skipQuotedOrComment(sql, i);
    if (end >= 0) {
      i = end;
      continue;
    }
    const c = sql[i];
    if (c === '(') {
      depth += 1;
      if (depth === 1 && open < 0) {
        open = i;
        clauseStart = i + 1;
      }
    } else if (c === ')') {
      depth -= 1;
      if (depth === 0 && open >= 0) {
        clauses.push(normalised(sql.slice(clauseStart, i)));
        return { head: normalised(sql.slice(0, open)), clauses, options: normalised(sql.slice(i + 1)) };
      }
    } else if (c === ',' && depth === 1 && open >= 0) {
      clauses.push(normalised(sql.slice(clauseStart, i)));
      clauseStart = i + 1;
    }
    i += 1;
  }
  return null;
}

/** One text for what `sql` says, whatever order its clauses were appended in. */
export function tableCanon(sql: string | null): string {
  const parts = sql === null ? null : tableSqlParts(sql);
  if (!parts) return `?${normalised(sql ?? '')}`;
  return [parts.head, ...[...parts.clauses].sort(), `) ${parts.options}`].join('\n');
}
