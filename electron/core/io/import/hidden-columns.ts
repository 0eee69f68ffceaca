/**
 * Columns hidden in an .xlsx (`<col min="5" max="5" hidden="1"/>` in the sheet's `<cols>`, before its rows): WPS and
 * Excel show the sheet without them, so a coordinator checking a community's sheet never saw what they hold, and the
 * import read them unseen (a hidden 备注 or an old 身份证号 column mapped and imported). As with hidden rows (session
 * 47), they are read as any column, and the wizard says which, at the mapping step (every hidden column with a header)
 * and in the preview (the hidden columns mapped to a field). A sheet hiding every empty column to its right (F:XFD, a
 * tidy WPS sheet) says nothing: only columns with a header are named. Not read for .xls, CSV or pasted lists.
 */
import { MAX_COLUMNS } from './cells';

/**
 * hidden="1", or a width of 0 (a column dragged shut: as unseen, no hidden flag; cf. S48-A6's rows 0 points high); quoted
 * either way, as XML allows and as read-xlsx.ts reads a row (S49-A1: hidden='1' and min='4' were not read, the column unnamed).
 */
const HIDDEN = /\bhidden=(["'])(1|true)\1|\bwidth=(["'])0+\.?0*\3/;
const MIN = /\bmin=(["'])(\d+)\1/;
const MAX = /\bmax=(["'])(\d+)\1/;

/**
 * Adds the 0-based columns `<cols>` hides to `into`, from the sheet's XML before its `<sheetData>`. Walked tag by tag
 * with indexOf (no expression runs over a crafted run of unclosed `<col`), at most MAX_COLUMNS tags, each column at
 * most MAX_COLUMNS to the right.
 */
export function hiddenColumnsIn(head: string, into: Set<number>): void {
  const start = head.indexOf('<cols');
  if (start < 0) return;
  const end = head.indexOf('</cols>', start);
  let at = head.indexOf('<col', start + 5);
  for (let tags = 0; at >= 0 && (end < 0 || at < end) && tags < MAX_COLUMNS; tags++) {
    const gt = head.indexOf('>', at);
    if (gt < 0) return;
    const tag = head.slice(at, gt + 1);
    at = head.indexOf('<col', gt);
    if (!/^<col[\s/]/.test(tag) || !HIDDEN.test(tag)) continue;
    const min = Number(MIN.exec(tag)?.[2] ?? 0);
    const max = Math.min(Number(MAX.exec(tag)?.[2] ?? min), MAX_COLUMNS);
    for (let c = Math.max(min, 1); c <= max; c++) into.add(c - 1);
  }
}

/** A column's letters as WPS and Excel show them: 0 → A, 26 → AA. */
export function columnLetters(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * The note naming the hidden columns `named` keeps (by their headers), or none. `headerless`: a kept column with no header
 * of its own (the second column under a merged 「身份证号」, mapped by hand) is named by its letters (S49-A2).
 */
export function hiddenColumnsNotes(
  hidden: ReadonlySet<number> | undefined,
  headers: readonly string[],
  named: (c: number) => boolean,
  headerless = false,
): string[] {
  if (!hidden || hidden.size === 0) return [];
  const columns = headers.flatMap((h, c) => {
    if (!hidden.has(c) || !named(c)) return [];
    if (h.trim() !== '') return [`${columnLetters(c)} 列「${h.trim()}」`];
    return headerless ? [`${columnLetters(c)} 列（没有表头）`] : [];
  });
  if (columns.length === 0) return [];
  return [`${columns.join('、')}在表格里是隐藏的（在 WPS 或 Excel 里看不到），也已读取：请核对这些列该不该导入；不该导入的，请在「对应列」里选「不导入」。`];
}
