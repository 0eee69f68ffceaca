/**
 * Merged cells down the data: community sheets merge 社区, 网格, 小区, 楼栋 (and 户主, 门牌) over the rows they
 * cover, and .xlsx and .xls keep the value in the merge's first cell only, so every other row of the merge reads
 * as empty: a required field failed on each of them, an optional one (网格, 楼栋) was stored empty and filed the
 * person under the wrong grid or household. Only a real merged range of the sheet fills a cell, never a guess
 * from blank cells, and the preview says which rows took which column from a merge.
 *
 * What is filled, and what is not:
 * - only merges whose first row is below the header: one that starts in the header (a header cell merged down
 *   into the data) would put a header word into data, so those cells stay as written;
 * - only the merge's first column, downwards: a merge across several columns (住址 over 小区 | 楼栋, a 「注：」
 *   line across the sheet) leaves its other columns empty in its first row too, and a value copied sideways
 *   would land in another field;
 * - only columns mapped to a field, and only cells that are empty (a value the file does hold is kept).
 */
import type { Cell, MergeRange, SourceRow } from './cells';

export interface MergeFill {
  /** The row with the cells its merges cover filled in; rows must come in order. */
  fill: (row: SourceRow) => SourceRow;
  /** The preview's lines: one per column, the merges that filled at least one row. */
  notes: () => string[];
}

const isEmpty = (c: Cell | undefined): boolean => c === undefined || c === null || (typeof c === 'string' && c.trim() === '');

/** The merges that fill data rows under a header ending at `lastHeaderRow`, in the columns `mapped` says. */
export function dataMerges(merges: readonly MergeRange[], lastHeaderRow: number, mapped: (column: number) => boolean): MergeRange[] {
  const sorted = merges.filter((m) => m.bottom > m.top && m.top > lastHeaderRow && mapped(m.left)).sort((a, b) => a.top - b.top || a.left - b.left);
  // Excel and WPS never save two merges over one cell; a crafted file can (twelfth attack run, X3: the same range
  // 50,000 times, each held open over every row and listed in the note, held the core's thread 418 s for a 2,000-row
  // sheet). A merge that starts inside an earlier one of its first column is dropped: at most one is open a column.
  const coveredTo = new Map<number, number>();
  return sorted.filter((m) => {
    if (m.top <= (coveredTo.get(m.left) ?? 0)) return false;
    coveredTo.set(m.left, m.bottom);
    return true;
  });
}

/** How many ranges a note lists before 「等 N 处」. */
const LISTED = 6;

export function mergeFill(merges: readonly MergeRange[], label: (column: number) => string): MergeFill {
  let next = 0;
  let open: { m: MergeRange; value: Cell; used: boolean }[] = [];
  const used: MergeRange[] = [];
  const fill = (row: SourceRow): SourceRow => {
    const r = row.rowNumber;
    while (next < merges.length && merges[next]!.top <= r) {
      const m = merges[next++]!;
      // The first row of a merge holds its value; a merge whose first row was blank (skipped) has nothing to give.
      if (m.top === r && !isEmpty(row.cells[m.left])) open.push({ m, value: row.cells[m.left]!, used: false });
    }
    if (open.length === 0) return row;
    open = open.filter((o) => o.m.bottom >= r);
    let cells: Cell[] | null = null;
    for (const o of open) {
      if (o.m.top === r || !isEmpty(row.cells[o.m.left])) continue;
      cells ??= row.cells.slice();
      while (cells.length < o.m.left) cells.push(null);
      cells[o.m.left] = o.value;
      if (!o.used) used.push(o.m);
      o.used = true;
    }
    return cells ? { rowNumber: r, cells } : row;
  };
  const notes = (): string[] => {
    const byColumn = new Map<number, MergeRange[]>();
    for (const m of used) {
      const ranges = byColumn.get(m.left);
      if (ranges) ranges.push(m);
      else byColumn.set(m.left, [m]);
    }
    return [...byColumn.entries()]
      .sort(([a], [b]) => a - b)
      .map(([column, ranges]) => {
        const listed = ranges.slice(0, LISTED).map((m) => `${m.top}–${m.bottom}`);
        const more = ranges.length > LISTED ? ` 等 ${ranges.length} 处` : '';
        return `第 ${listed.join('、')}${more} 行的「${label(column)}」取自合并单元格（每处合并的值用于其中每一行）。`;
      });
  };
  return { fill, notes };
}
