/**
 * 「同上」 and 「〃」 in a community's sheet (issue 14, session 48): a hand-kept sheet writes the ditto mark instead of
 * repeating 小区, 楼栋, 返程日期 or the shared phone of a household. Read as written, 「同上」 was stored as the 小区's name
 * (住址 「同上〃栋」), nothing said. What a coordinator expects: the mark means the value of the row above, which the
 * writer saw as they wrote it; so it is taken from the row read just before (after that row's own mark was read), and
 * the preview names the rows and columns it was taken for. Never a guess:
 * - a mark with nothing above it (the first data row, or the row above empty in that column) is sent back, naming the
 *   field;
 * - a mark in 姓名 or 身份证号 is sent back: those are each person's own, never the row above's; so is one in 体温
 *   (session 49: a reading taken of one person);
 * - a mark in 联系电话 is a household's shared phone: taken only while the row is in the row above's household as far
 *   as the sheet tells (the same 户主, 住址, 小区/楼栋/单元/室 where mapped, and not a 户主's own row), else sent back;
 *   a day in 返程日期 is taken as any other column (a family comes back together);
 * - a lone 「"」 counts only in a workbook; in a CSV or a paste it is sent back, asking (session 49);
 * - a mark below a row the writer did not see as a person is sent back, never filled from further up (S49-A3): a blank
 *   row (the reader skips it: the row number jumps), a repeated header, title or note left out (blocks pasted together
 *   from each community's sheet: the row above the first of a block is its header), or a row hidden in the sheet
 *   (Excel shows the row above it: 「同上」 read as what that row holds, the import took the hidden row's);
 * - a mark below a row with neither 姓名 nor 身份证号 (a 接龙's 「（以下接龙）」 or emoji line between two entries, read as
 *   a row of its own) is sent back naming that line (session 50: its text was taken as the 住址 below);
 * - a phone taken in a sheet mapping no household column is said in the note as unsure of the household (session 50).
 * Blank cells are never filled from above (merged-cells.ts, lost-merges.ts): only a mark written in the cell.
 */
import { isProblem, type Cell, type SourceRow } from './cells';
import type { FieldDef } from './fields.shared';
import { rangesOf } from './footer-rows';

/** The marks written for "the same as above": 同上, the ditto mark 〃, a double prime or quote typed for it, 同前. */
const MARKS: ReadonlySet<string> = new Set(['同上', '〃', '″', '＂', '"', '“', '”', '同前', '同上。']);
/**
 * Fields that are each person's own (session 49: 体温 too, a reading taken of one person): a mark there is sent back,
 * never filled. A family's shared phone and a day they came back together are real; a name, a number or a temperature
 * copied from the row above never is.
 */
const OWN: ReadonlySet<string> = new Set(['name', 'idNumber', 'temperature']);
const OWN_PERSON: ReadonlySet<string> = new Set(['name', 'idNumber']);
/** The columns that tell one household from the next: a phone is the row above's only inside one household. */
const HOUSEHOLD: ReadonlySet<string> = new Set(['headName', 'address', 'estate', 'building', 'unit', 'room']);
/** 与户主关系 words that start a household: a 户主's row is a new household whatever the columns say. */
const HEAD_WORDS: ReadonlySet<string> = new Set(['户主', '本人', '户主（本人）', '户主(本人)']);

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

const empty = (c: Cell | undefined): boolean => c === undefined || c === null || (typeof c === 'string' && c.trim() === '');

const text = (c: Cell | undefined): string => (typeof c === 'string' ? c.trim() : c === undefined || c === null || isProblem(c) ? '' : String(c));

/**
 * `typed`: the cells were typed in a workbook (.xlsx, .xls), where a lone 「"」 is a ditto mark typed on an English
 * keyboard. In a CSV or a pasted list a lone 「"」 may as well be a quote the file was saved or cut with (session 49):
 * the row is sent back asking, never filled.
 */
export function dittoFill(fields: readonly (FieldDef | null)[], typed = true): DittoFill {
  const columns = fields.flatMap((f, i) => (f ? [i] : []));
  const household = columns.filter((i) => HOUSEHOLD.has(fields[i]!.key));
  /** 姓名 and 身份证号: a row with neither is no one's (a 接龙's 「（以下接龙）」 or emoji line), never a mark's row above. */
  const person = columns.filter((i) => OWN_PERSON.has(fields[i]!.key));
  const relation = fields.findIndex((f) => f?.key === 'relation');
  let above: readonly Cell[] | null = null;
  let aboveRow = 0;
  let aboveHidden = false;
  let gap: string | null = null;
  const taken = new Map<number, number[]>();
  /** Whether this row (its marks already filled) is in the row above's household, as far as the sheet's columns tell. */
  const sameHousehold = (cells: readonly Cell[]): boolean =>
    (relation < 0 || !HEAD_WORDS.has(text(cells[relation]))) && household.every((i) => text(cells[i]) === text(above?.[i]));
  /** Why the row above is no one's to copy: neither 姓名 nor 身份证号 written (cells as read, a mark's problem counts as written). */
  const noOne = (cells: readonly Cell[] | null): string | null => {
    if (cells === null || person.length === 0 || !person.every((i) => empty(cells[i]))) return null;
    const line = cells
      .map(text)
      .filter((t) => t !== '')
      .join(' ');
    const shown = line.length > 20 ? `${line.slice(0, 20)}…` : line;
    return `上一行${shown === '' ? '' : `「${shown}」`}不是一个人的登记（没有姓名，也没有身份证号）`;
  };
  const fill = (row: SourceRow, hidden = false): SourceRow => {
    let cells: Cell[] | null = null;
    let phoneAt = -1;
    // What stands between this row and the last one taken, as the writer saw the sheet (S49-A3).
    const between =
      above === null
        ? null
        : (gap ?? (row.rowNumber > aboveRow + 1 ? '上一行是空行' : aboveHidden && !hidden ? '上一行在表格里是隐藏的（在 WPS 或 Excel 里看不到）' : null));
    let why: string | null | undefined;
    for (const c of columns) {
      const mark = dittoMark(row.cells[c]);
      if (mark === null) continue;
      const field = fields[c]!;
      const value = above?.[c];
      cells ??= row.cells.slice();
      // Only once a mark is met (no per-row work without one): is the row above a person's at all (session 50)?
      why ??= between ?? noOne(above);
      if (OWN.has(field.key)) cells[c] = { problem: `写的是「${mark}」：${field.label}是每个人自己的，要写全，不能写「${mark}」`, shown: mark };
      else if (mark === '"' && !typed)
        cells[c] = { problem: `只有一个英文引号「"」：可能是另存或复制时多出的引号，也可能是「同上」，看不出是哪个：请写出${field.label}`, shown: mark };
      else if (why !== null) cells[c] = { problem: `写的是「${mark}」，但${why}，不知道同的是哪个：请写出${field.label}`, shown: mark };
      else if (blank(value))
        cells[c] = { problem: `写的是「${mark}」，但上一行的「${field.label}」是空的，不知道同的是哪个：请写出${field.label}`, shown: mark };
      else if (field.key === 'phone') phoneAt = c;
      else {
        cells[c] = value!;
        (taken.get(c) ?? taken.set(c, []).get(c)!).push(row.rowNumber);
      }
    }
    // The phone last, once the household's own columns have their marks filled: a family's shared phone, not the next door's.
    if (phoneAt >= 0 && cells) {
      const mark = dittoMark(row.cells[phoneAt])!;
      if (sameHousehold(cells)) {
        cells[phoneAt] = above![phoneAt]!;
        (taken.get(phoneAt) ?? taken.set(phoneAt, []).get(phoneAt)!).push(row.rowNumber);
      } else
        cells[phoneAt] = {
          problem: `写的是「${mark}」，但上一行是另一户（户主或住址不同）：联系电话只在同一户里沿用上一行的，请写出这一行的电话`,
          shown: mark,
        };
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
  /**
   * A phone taken where no household column is mapped (session 50): kept, the writer wrote the mark meaning the row
   * above's (a family listed together), but nothing in the sheet tells a family from the next flat, and the note says so.
   */
  const unsure = (c: number): string =>
    fields[c]!.key === 'phone' && household.length === 0 ? '；表里没有户主、住址、小区这样的列，看不出上一行是不是同一户' : '';
  const notes = (): string[] =>
    [...taken.entries()]
      .sort(([a], [b]) => a - b)
      .map(([c, rows]) => `第 ${rangesOf(rows)} 行的「${fields[c]!.label}」写的是「同上」或「〃」，已取上一行的值${unsure(c)}：请核对。`);
  return { fill, skipped, notes };
}
