/**
 * Finding elements in a piece of an .xlsx entry's XML (read-xlsx.ts) without scanning to the piece's end from every
 * opening left open: a crafted sheet of a kilobyte or two (30,000 `<row>`, `<c>` or `<si>` never closed) held the core
 * thread for seconds to hours so (S29-A2, tests/unit/security/session29-xlsx-quadratic.test.ts). What is found is what
 * the expressions found before.
 */

/** A character of \w. */
export const isWordChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/** Where the text after the last `closer` in a piece starts (0 when there is none). */
export function afterLast(piece: string, closer: string): number {
  const at = piece.lastIndexOf(closer);
  return at < 0 ? 0 : at + closer.length;
}

// An opening's attributes never hold a '<' (XML escapes it): stopping there keeps an opening with no '>' of its own
// from scanning on to a later one's (30,000 `<row` then one `</row>` took 4.5 s before, S29-A2's residual).
const ROW_RE = /<row\b([^<>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;

/**
 * ROW_RE's matches in a piece, as `[end, attributes, content]`. Pieces end just after a </row>, the last with what
 * follows it, where only a row closing itself can match: found there by position, since ROW_RE tried from every
 * <row left open scanned to the end (30,000 of them in 1.3 KB held the core for seconds, S29-A2). The first '>'
 * after an opening decides (`[^<>]*?\/>`) unless a '<' comes first.
 */
export function* rowMatches(piece: string): Generator<[number, string | undefined, string | undefined]> {
  const closed = afterLast(piece, '</row>');
  for (const m of piece.slice(0, closed).matchAll(ROW_RE)) yield [m.index + m[0].length, m[1], m[2]];
  for (let at = piece.indexOf('<row', closed); at >= 0;) {
    if (isWordChar(piece.charCodeAt(at + 4))) {
      at = piece.indexOf('<row', at + 4);
      continue;
    }
    const gt = piece.indexOf('>', at + 4);
    if (gt < 0) return;
    const lt = piece.indexOf('<', at + 4);
    if (lt >= 0 && lt < gt) {
      at = piece.indexOf('<row', lt); // no tag: a '<' before its '>', as ROW_RE reads it
      continue;
    }
    if (gt > at + 4 && piece.charCodeAt(gt - 1) === 47) yield [gt + 1, piece.slice(at + 4, gt - 1), undefined];
    at = piece.indexOf('<row', gt + 1);
  }
}

const MERGE_REF = /\bref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"/g;
const MERGE_OPEN = '<mergeCell';

/**
 * The matches of /<mergeCell\b[^>]*?\bref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"/g in `xml` (groups 1–4), each
 * opening's ref sought only up to its first '>': from every `<mergeCell ` with no '>' after it the expression scanned
 * to the end (S29-A2). An opening that finds none there leaves none to the openings before that '>' either.
 */
export function* mergeRefs(xml: string): Generator<RegExpExecArray> {
  for (let at = xml.indexOf(MERGE_OPEN); at >= 0;) {
    const from = at + MERGE_OPEN.length;
    if (isWordChar(xml.charCodeAt(from))) {
      at = xml.indexOf(MERGE_OPEN, from);
      continue;
    }
    const gt = xml.indexOf('>', from);
    const tag = xml.slice(0, gt < 0 ? xml.length : gt);
    MERGE_REF.lastIndex = from;
    const m = MERGE_REF.exec(tag);
    if (m !== null) yield m;
    if (m === null && gt < 0) return;
    at = xml.indexOf(MERGE_OPEN, m === null ? gt + 1 : m.index + m[0].length);
  }
}
