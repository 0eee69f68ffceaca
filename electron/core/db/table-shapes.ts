/**
 * The shapes each of the program's tables had, walking its migrations one at a time: the column lists a table was
 * created or rebuilt with (bases), and the columns each `ADD COLUMN` migration appended to it (groups).
 *
 * Why order matters: a row is stored as values in column order, and the names come from the table's SQL. Rewriting
 * that SQL (writable_schema, the database key alone) with two columns swapped reads every stored value under the
 * other's name; a comparison of clauses as a set would not see it. Why order may still differ: migrations land out
 * of order (011 after 013), so a ledger migrated in between appended the same groups in another order. So a table is
 * one the program made when its column list is a base followed by whole groups, each in its own order, each once.
 */
import { tableSqlParts, type TableSql } from './table-sql';

export interface TableShapes {
  heads: ReadonlySet<string>;
  options: ReadonlySet<string>;
  /** The table constraints (after the columns), as one text per shape: ADD COLUMN never changes them. */
  constraints: ReadonlySet<string>;
  bases: readonly (readonly string[])[];
  groups: readonly (readonly string[])[];
}

interface Growing {
  heads: Set<string>;
  options: Set<string>;
  constraints: Set<string>;
  bases: string[][];
  groups: string[][];
  last: readonly string[];
}

/**
 * A table constraint, which SQLite requires after every column definition. `ADD COLUMN` puts the new column before
 * them (after the last column), so a table's columns and its constraints are told apart before comparing orders.
 */
const TABLE_CONSTRAINT = /^(CONSTRAINT|PRIMARY\s+KEY|UNIQUE|CHECK|FOREIGN\s+KEY)\b/i;
const columnsOf = (parts: TableSql): string[] => parts.clauses.filter((c) => !TABLE_CONSTRAINT.test(c));
const constraintsOf = (parts: TableSql): string => JSON.stringify(parts.clauses.filter((c) => TABLE_CONSTRAINT.test(c)));

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
const startsWith = (list: readonly string[], prefix: readonly string[]): boolean => prefix.length <= list.length && prefix.every((x, i) => x === list[i]);

/** Collects shapes; `see` is called with every table's SQL after each migration, in the order they are applied. */
export class TableShapeWalk {
  private readonly tables = new Map<string, Growing>();

  see(name: string, sql: string): void {
    const parts = tableSqlParts(sql);
    if (!parts) return;
    const columns = columnsOf(parts);
    const known = this.tables.get(name);
    if (!known) {
      this.tables.set(name, {
        heads: new Set([parts.head]),
        options: new Set([parts.options]),
        constraints: new Set([constraintsOf(parts)]),
        bases: [columns],
        groups: [],
        last: columns,
      });
      return;
    }
    known.heads.add(parts.head);
    known.options.add(parts.options);
    known.constraints.add(constraintsOf(parts));
    if (sameList(known.last, columns)) return;
    if (startsWith(columns, known.last)) known.groups.push(columns.slice(known.last.length));
    else known.bases.push(columns);
    known.last = columns;
  }

  shapes(): ReadonlyMap<string, TableShapes> {
    return new Map([...this.tables].map(([name, { heads, options, constraints, bases, groups }]) => [name, { heads, options, constraints, bases, groups }]));
  }
}

/** The columns after `from` made of whole groups, each once, in any order. */
function wholeGroups(clauses: readonly string[], from: number, groups: readonly (readonly string[])[], used: ReadonlySet<number>): boolean {
  if (from === clauses.length) return true;
  return groups.some(
    (g, i) => !used.has(i) && g.length > 0 && startsWith(clauses.slice(from), g) && wholeGroups(clauses, from + g.length, groups, new Set([...used, i])),
  );
}

/** Whether `parts` is a shape the program gave this table at some version, or in some order its migrations landed in. */
export function shapeKnown(parts: TableSql, shapes: TableShapes | undefined): boolean {
  if (!shapes || !shapes.heads.has(parts.head) || !shapes.options.has(parts.options) || !shapes.constraints.has(constraintsOf(parts))) return false;
  const columns = columnsOf(parts);
  // A base's columns up to some point, then whole groups: a rebuild copies columns that groups added before it, and
  // those can come after a later group in a ledger whose migrations landed otherwise. A column the base has that no
  // group made cannot move: the caller's comparison of what the table says (all its clauses) requires it present.
  return shapes.bases.some((base) => {
    for (let k = Math.min(base.length, columns.length); k >= 1; k -= 1)
      if (startsWith(columns, base.slice(0, k)) && wholeGroups(columns, k, shapes.groups, new Set())) return true;
    return false;
  });
}
