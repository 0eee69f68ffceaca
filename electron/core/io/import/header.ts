/**
 * Finding the header in a community's sheet (below a title row such as
 * 《XX社区返程人员登记表》, possibly over two rows with merged cells) and
 * matching each column to a field by synonyms, loosely.
 */
import { cellText, isBlankRow, type SourceRow } from './cells';
import type { FieldDef, TargetDef } from './fields.shared';
import { headerKey } from './normalise';

/** The rows looked at for the header: a title and a blank line or two come before it. */
export const HEADER_SCAN_ROWS = 30;

export interface HeaderLayout {
  /** Excel row numbers of the header (one or two). */
  headerRows: number[];
  /** One label per column; for a two-row header, "上层/下层". */
  headers: string[];
}

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/**
 * A field's label and synonyms as header keys, made once per field: the header scan scores every cell of
 * its 30 rows against every field, and making them per score was most of findHeader's time.
 */
const namesByField = new WeakMap<FieldDef, string[]>();
function namesOf(field: FieldDef): string[] {
  let names = namesByField.get(field);
  if (!names) namesByField.set(field, (names = [field.label, ...field.synonyms].map(headerKey)));
  return names;
}

/** A cell's header key, kept while the same cells are scored against each field (bounded: data cells are all different). */
const keyOfWord = new Map<string, string>();
function wordKey(word: string): string {
  let k = keyOfWord.get(word);
  if (k === undefined) {
    if (keyOfWord.size >= 4096) keyOfWord.clear();
    keyOfWord.set(word, (k = headerKey(word)));
  }
  return k;
}

/** How well one header word names a field: 3 exact, 2 contained, 1 one character off, 0 not at all. */
function wordScore(word: string, field: FieldDef): number {
  const k = wordKey(word);
  if (k === '') return 0;
  const names = namesOf(field);
  if (names.includes(k)) return 3;
  if (names.some((n) => n.length >= 2 && (k.startsWith(n) || k.endsWith(n)))) return 2;
  if (k.length >= 3 && names.some((n) => n.length >= 3 && editDistanceAtMostOne(k, n))) return 1;
  return 0;
}

/** A combined header "联系方式/手机" is scored by its most specific (lowest) part first. */
export function headerScore(header: string, field: FieldDef): number {
  const parts = header.split('/').reverse();
  let best = 0;
  for (const [i, p] of parts.entries()) best = Math.max(best, wordScore(p, field) - (i > 0 ? 0.5 : 0));
  return best;
}

function rowMatches(cells: string[], target: TargetDef): number {
  let n = 0;
  for (const c of cells) if (c.trim() !== '' && target.fields.some((f) => headerScore(c, f) >= 2)) n++;
  return n;
}

/** The header is the row naming the most fields; the row below it joins it when it names fields too. */
export function findHeader(rows: readonly SourceRow[], target: TargetDef): HeaderLayout | null {
  const scan = rows.filter((r) => !isBlankRow(r.cells)).slice(0, HEADER_SCAN_ROWS);
  let best = -1;
  let bestScore = 0;
  for (const [i, r] of scan.entries()) {
    if (isInstructionRow(r, target)) continue;
    const score = rowMatches(r.cells.map(cellText), target);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  if (best < 0) {
    // Nothing recognised: take the first row with two or more filled cells, the user maps by hand.
    best = scan.findIndex((r) => r.cells.filter((c) => cellText(c).trim() !== '').length >= 2 && !isInstructionRow(r, target));
    if (best < 0) return null;
  }
  const text = (r: SourceRow): string[] => r.cells.map((c) => cellText(c).trim());
  const row = scan[best]!;
  const prev = best > 0 ? scan[best - 1] : undefined;
  const next = scan[best + 1];
  // Upper half of a two-row header: vertically merged cells leave holes in the lower row that it fills.
  if (prev && prev.rowNumber === row.rowNumber - 1 && !looksLikeData(prev)) {
    const up = text(prev);
    const low = text(row);
    if (up.some((u, i) => u !== '' && (low[i] ?? '') === '') && up.filter((u) => u !== '').length >= 2) return combine(prev, row, up, low);
  }
  if (next && next.rowNumber === row.rowNumber + 1 && isLowerHeader(text(row), text(next), target) && !looksLikeData(next)) {
    return combine(row, next, text(row), text(next));
  }
  return { headerRows: [row.rowNumber], headers: text(row) };
}

/**
 * Whether the row under a header is its lower half. A merged parent ("包保责任人" over 网格员 | 医生 | 民警)
 * leaves holes in the upper row that the lower one fills; a data row under a complete header fills only
 * columns already named, and may well name fields itself (「东风社区」, 「户主」 under 与户主关系), so
 * naming fields alone does not make it a header.
 */
function isLowerHeader(up: string[], low: string[], target: TargetDef): boolean {
  const filled = low.filter((c) => c !== '').length;
  if (filled === 0 || !low.some((c, i) => c !== '' && (up[i] ?? '') === '')) return false;
  return rowMatches(low, target) * 2 >= filled;
}

function combine(top: SourceRow, lower: SourceRow, topCells: string[], lowCells: string[]): HeaderLayout {
  const width = Math.max(topCells.length, lowCells.length);
  // A merged parent ("联系方式" over 手机 | 住址) is only in its first column: carry it right.
  let parent = '';
  const headers: string[] = [];
  for (let i = 0; i < width; i++) {
    const up = topCells[i] ?? '';
    const low = lowCells[i] ?? '';
    if (up !== '') parent = up;
    else if (low === '') parent = '';
    headers.push(low === '' ? up : up !== '' ? `${up}/${low}` : parent !== '' ? `${parent}/${low}` : low);
  }
  return { headerRows: [top.rowNumber, lower.rowNumber], headers };
}

/** An item's number at the start of a cell: 1. 2、 一、 （三） ①. */
const ITEM = /^\s*(?:[0-9０-９]+\s*[.、．)）]|[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十0-9]+[)）]|[①-⑳])\s*/;
/** A sentence of instructions: its punctuation, a request (请按…, …请设为…; not 申请人), or the heading 填表说明 / 说明： / 注：. */
const SENTENCE = /[。；;！!]|^请|请(?:按|填|在|勿|务必|如实|用|将|设|核|注意|不要)|^(?:填表)?说明|^注\s*[:：]/;

/** A cell of instructions: a sentence, or a numbered item that is not a column's name (「1.姓名」 is one). */
function isInstruction(cell: string, target: TargetDef): boolean {
  if (SENTENCE.test(cell)) return true;
  const item = ITEM.exec(cell);
  if (!item) return false;
  const rest = cell.slice(item[0].length);
  return rest !== '' && !target.fields.some((f) => headerScore(rest, f) >= 3);
}

/**
 * A line of a 填表说明 cover, never a header (session 52): it opens with an item's number in a cell of its own
 * (「一、」 | 「每人一行」), or every filled cell is instructions. Before, 「一、 | 每人一行」 over 「二、 | 身份证号请设为
 * 文本格式」 was read as a header (身份证号…) with no rows under it, and the cover was offered as a sheet of people.
 * A header's cells are column names: 「身份证号（请填18位）」 beside 「姓名」 leaves the row a header.
 */
function isInstructionRow(r: SourceRow, target: TargetDef): boolean {
  const cells = r.cells.map((c) => cellText(c).trim()).filter((c) => c !== '');
  if (cells.length === 0) return false;
  const first = ITEM.exec(cells[0]!);
  if (first && first[0].length === cells[0]!.length) return true;
  return cells.every((c) => isInstruction(c, target));
}

/** A row holding a number, a long run of digits (phone, ID) or a date is data, not a second header row. */
function looksLikeData(r: SourceRow): boolean {
  return r.cells.some((c) => typeof c === 'number' || /\d{7,}|\d{4}[-/.年]\d{1,2}/.test(cellText(c)));
}

/** For each column, the field it most likely holds (or null); a field is given to one column only. */
export function suggestMapping(headers: readonly string[], target: TargetDef): (string | null)[] {
  const candidates: { col: number; field: string; score: number }[] = [];
  for (const [col, h] of headers.entries())
    for (const f of target.fields) {
      const score = headerScore(h, f);
      if (score > 0) candidates.push({ col, field: f.key, score });
    }
  candidates.sort((a, b) => b.score - a.score || a.col - b.col);
  const mapping: (string | null)[] = headers.map(() => null);
  const used = new Set<string>();
  for (const c of candidates) {
    if (mapping[c.col] !== null || used.has(c.field)) continue;
    mapping[c.col] = c.field;
    used.add(c.field);
  }
  return mapping;
}

/** Same headers, same mapping next time: the signature is the cleaned header words in order. */
export function headerSignature(headers: readonly string[]): string {
  return headers.map(headerKey).join('\u001f');
}
