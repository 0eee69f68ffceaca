/**
 * Row heights for forms.xlsx as it prints. A wrapped cell grows only if its row is tall enough: Excel and WPS keep
 * a row written without a height at one line when the file is opened (LibreOffice too, for merged cells), so a
 * long 包保责任人 or a two-line header was printed cut to its first line (seen converting forms.xlsx to PDF, session 23).
 * Heights are worked out here from the text and the column widths, in the units a sheet's columns use.
 */

/** Points a line of 11-point text takes in a row, with the room the renderers leave between lines. */
const LINE_POINTS = 15;
/** A column's width in characters loses about this much to the cell's padding. */
const CELL_PADDING = 0.5;

/** Width in a sheet's character units: a Chinese character (or full-width sign) is two, a digit or letter one. */
export function textUnits(text: string): number {
  let units = 0;
  for (const ch of text) units += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return units;
}

/** Lines a text takes wrapped in a cell `width` characters wide (its own line breaks kept). */
export function linesIn(text: string, width: number): number {
  const room = Math.max(1, width - CELL_PADDING);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textUnits(line) / room)), 0);
}

/** The height of a row whose cells wrap: its tallest cell's lines. */
export function rowPoints(cells: ReadonlyArray<{ text: string; width: number }>): number {
  const lines = cells.reduce((n, c) => Math.max(n, linesIn(c.text, c.width)), 1);
  return LINE_POINTS * lines + 2;
}

/** The gap between the parts of a line across the sheet (填报人：…　　联系电话：…). */
const GAP = '　　';

/**
 * A line across the sheet broken between its parts where it would run past the last column, not inside one:
 * 「填报日期：2020-02-」 over 「17」 was a day nobody could read at a glance.
 */
export function breakAtGaps(text: string, width: number): string {
  const room = Math.max(1, width - CELL_PADDING);
  const lines: string[] = [];
  for (const part of text.split(GAP)) {
    const last = lines.length - 1;
    if (last >= 0 && textUnits(`${lines[last]!}${GAP}${part}`) <= room) lines[last] = `${lines[last]!}${GAP}${part}`;
    else lines.push(part);
  }
  return lines.join('\n');
}
