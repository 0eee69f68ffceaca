/**
 * Where a printed form's column header may go onto a second line. The district's header text is kept exactly; a
 * header too long for its column breaks before its bracketed unit (「本期已监测」 over 「（天）」), never where the
 * printer's own line breaking put it, inside a word (「本期已监测（」 over 「天）」, forms.xlsx in LibreOffice, session 25).
 * Shared: forms.xlsx (print-fit.ts) and the HTML prints (ObservationRosterPrint) break the same way.
 */

/** A header's parts: its bracketed units each a part of their own (「本期已监测（天）」 → 「本期已监测」, 「（天）」). */
export function headerParts(header: string): string[] {
  return header.split(/(?=[（(])/u).filter((p) => p !== '');
}

/**
 * The lines an HTML print sets a header on: headers of more than six characters break before their bracket (a
 * narrow figure column then is as wide as its longest part, not as the whole header); shorter ones stay whole
 * (「社区（村）」).
 */
export function headerLines(header: string): string[] {
  return [...header].length > 6 ? headerParts(header) : [header];
}
