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
  bases: readonly (readonly string[])[];
  groups: readonly (readonly string[])[];
}

interface Growing {
  heads: Set<string>;
  options: Set<string>;
  bases: string[][];
  groups: string[][];
  last: readonly string[];
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
const startsWith = (list: readonly string[], prefix: readonly string[]): boolean => prefix.length <= list.length && prefix.every((x, i) => x === list[i]);

/** Collects shapes; `see` is called with every table's SQL after each migration, in the order they are applied. */
export class TableShapeWalk {
  private readonly tables = new Map<string, Growing>();

  see(name: string, sql: string): void {
    const parts = tableSqlParts(sql);
    if (!parts) return;
    const known = this.tables.get(name);
    if (!known) {
      this.tables.set(name, { heads: new Set([parts.head]), options: new Set([parts.options]), bases: [parts.clauses], groups: [], last: parts.clauses });
      return;
    }
    known.heads.add(parts.head);
    known.options.add(parts.options);
    if (sameList(known.last, parts.clauses)) return;
    if (startsWith(parts.clauses, known.last)) known.groups.push(parts.clauses.slice(known.last.length));
    else known.bases.push(parts.clauses);
    known.last = parts.clauses;
  }

  shapes(): ReadonlyMap<string, TableShapes> {
    return new Map([...this.tables].map(([name, { heads, options, bases, groups }]) => [name, { heads, options, bases, groups }]));
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
  if (!shapes || !shapes.heads.has(parts.head) || !shapes.options.has(parts.options)) return false;
  return shapes.bases.some((base) => startsWith(parts.clauses, base) && wholeGroups(parts.clauses, base.length, shapes.groups, new Set()));
}
