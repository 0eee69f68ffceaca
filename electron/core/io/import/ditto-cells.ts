/**
 * 「同上」 and 「〃」 in a community's sheet (issue 14, session 48): a hand-kept sheet writes the ditto mark instead of
 * repeating 小区, 楼栋, 返程日期 or the shared phone of a household. Read as written, 「同上」 was stored as the 小区's name
 * (住址 「同上〃栋」), nothing said. What a coordinator expects: the mark means the value of the row above, which the
 * writer saw as they wrote it; so it is taken from the row read just before (after that row's own mark was read), and
 * the preview names the rows and columns it was taken for. Never a guess:
 * - a mark with nothing above it (the first data row, or the row above empty in that column) is sent back, naming the
 *   field;
 * - a mark in 姓名 or 身份证号 is sent back: those are each person's own, never the row above's;
 * - a mark below a row the writer did not see as a person is sent back, never filled from further up (S49-A3): a blank
 *   row (the reader skips it: the row number jumps), a repeated header, title or note left out (blocks pasted together
 *   from each community's sheet: the row above the first of a block is its header), or a row hidden in the sheet
 *   (Excel shows the row above it: 「同上」 read as what that row holds, the import took the hidden row's).
 * Blank cells are never filled from above (merged-cells.ts, lost-merges.ts): only a mark written in the cell.
 */
import { isProblem, type Cell, type SourceRow } from './cells';
import type { FieldDef } from './fields.shared';
import { rangesOf } from './footer-rows';

/** The marks written for "the same as above": 同上, the ditto mark 〃, a double prime or quote typed for it, 同前. */
const MARKS: ReadonlySet<string> = new Set(['同上', '〃', '″', '＂', '"', '“', '”', '同前', '同上。']);
/** Fields that are each person's own: a mark there is sent back, never filled. */
const OWN: ReadonlySet<string> = new Set(['name', 'idNumber']);

/** Whether a mark (or the space before it) can start with this letter: 同 〃 ″ ＂ " “ ” (a Chinese input method's 「"」, S49-A5) and spaces. */
const canStart = (ch: number): boolean =>
  ch === 0x540c || ch === 0x3003 || ch === 0x2033 || ch === 0xff02 || ch <= 0x22 || ch === 0x3000 || ch === 0xa0 || ch === 0x201c || ch === 0x201d;

/**
 * The mark a cell holds, or null. Cheap for the 100,000-row path: a length and the first letter before any lookup
 * (100,000 rows of 14 cells, scratch run at load 8: 64 ms CPU with a set lookup per short cell, 23 ms this way).
 */
export function dittoMark(c: Cell | undefined): string | null {
  if (typeof c !== 'string' || c.length > 6 || !canStart(c.charCodeAt(0))) return null;
  if (MARKS.has(c)) return c;
  const t = c.trim();
  return t !== c && MARKS.has(t) ? t : null;
}

export interface DittoFill {
  /** The row with its marks replaced by the row above's values (or by a problem cell); rows must come in order. `hidden`: hidden in the sheet. */
  fill: (row: SourceRow, hidden?: boolean) => SourceRow;
  /** A row left out as no person (a repeated header, a title, a note): a mark just below it has nothing above. */
  skipped: () => void;
  /** The preview's lines: one per column, the rows whose mark took the value above. */
  notes: () => string[];
}

const blank = (c: Cell | undefined): boolean => c === undefined || c === null || isProblem(c) || (typeof c === 'string' && c.trim() === '');

export function dittoFill(fields: readonly (FieldDef | null)[]): DittoFill {
  const columns = fields.flatMap((f, i) => (f ? [i] : []));
  let above: readonly Cell[] | null = null;
  let aboveRow = 0;
  let aboveHidden = false;
  let gap: string | null = null;
  const taken = new Map<number, number[]>();
  const fill = (row: SourceRow, hidden = false): SourceRow => {
    let cells: Cell[] | null = null;
    // What stands between this row and the last one taken, as the writer saw the sheet (S49-A3).
    const between =
      above === null
        ? null
        : (gap ?? (row.rowNumber > aboveRow + 1 ? '上一行是空行' : aboveHidden && !hidden ? '上一行在表格里是隐藏的（在 WPS 或 Excel 里看不到）' : null));
    for (const c of columns) {
      const mark = dittoMark(row.cells[c]);
      if (mark === null) continue;
      const field = fields[c]!;
      const value = above?.[c];
      cells ??= row.cells.slice();
      if (OWN.has(field.key)) cells[c] = { problem: `写的是「${mark}」：${field.label}是每个人自己的，要写全，不能写「${mark}」`, shown: mark };
      else if (between !== null) cells[c] = { problem: `写的是「${mark}」，但${between}，不知道同的是哪个：请写出${field.label}`, shown: mark };
      else if (blank(value))
        cells[c] = { problem: `写的是「${mark}」，但上一行的「${field.label}」是空的，不知道同的是哪个：请写出${field.label}`, shown: mark };
      else {
        cells[c] = value!;
        (taken.get(c) ?? taken.set(c, []).get(c)!).push(row.rowNumber);
      }
    }
    const out = cells ? { rowNumber: row.rowNumber, cells } : row;
    above = out.cells;
    aboveRow = row.rowNumber;
    aboveHidden = hidden;
    gap = null;
    return out;
  };
  const skipped = (): void => {
    if (above !== null) gap = '上一行是表头、标题或说明，不是人';
  };
  const notes = (): string[] =>
    [...taken.entries()]
      .sort(([a], [b]) => a - b)
      .map(([c, rows]) => `第 ${rangesOf(rows)} 行的「${fields[c]!.label}」写的是「同上」或「〃」，已取上一行的值：请核对。`);
  return { fill, skipped, notes };
}
