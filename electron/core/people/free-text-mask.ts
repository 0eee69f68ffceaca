/**
 * An ID number or phone typed into free text (「已联系家属 13803711002」 in 原因 / 结果说明, 备注, notes), shown masked to
 * a session that may not reveal (issue 19, w70-privacy): 「已联系家属 138****1002」, an ID number as the ID fields are
 * masked. Nothing is refused and nothing stored changes: the router masks a reply on its way out (router.ts
 * `shownTo`), so every channel a viewer calls (grids, the case drawer, its step history, prints) is covered, and a
 * field added later with it; never in the renderer alone. Pure: no I/O.
 *
 * The shapes are the 接龙 reader's (io/import/paste-list.ts): full-width and Arabic-Indic digits read as digits, an ID
 * number in its read-out groups (410102 19710101 0511), a mobile after +86 / 0086 or in 3-4-4 groups, a landline with
 * its area code. An 18- or 15-digit run counts as an ID number only after a province code in use, so a timestamp
 * (2020…) is left alone; a string that is one long token of letters and digits (a hash, a key) is not read.
 */
import { maskIdNumber, maskPhone } from './id-number';

/** Every character read as a digit (each one UTF-16 unit: positions in the read copy are positions in the text). */
const OTHER_DIGITS = /[\uff10-\uff19\u0660-\u0669\u06f0-\u06f9]/g;
const FULL_WIDTH_X = /[\uff38\uff58]/g;
const asciiDigit = (c: string): string => {
  const u = c.charCodeAt(0);
  return String(u >= 0xff10 ? u - 0xff10 : (u - 0x0660) % 0x90);
};

const PROVINCE = '(?:1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-3])';
const SEP = '[ \\-\u3000\uff0d]?';
const NUMBER_RE = new RegExp(
  [
    // ID numbers: 18 (in groups 6-8-4 or not), then 15 digits.
    `(?<![0-9])(?<id>${PROVINCE}\\d{4}${SEP}\\d{8}${SEP}\\d{3}[0-9Xx]|${PROVINCE}\\d{13})(?![0-9Xx])`,
    // Mobiles, in 3-4-4 groups or not.
    `(?:(?<=(?:\\+|\uff0b|(?<![0-9])00)86[ \\-\u3000\uff0d]?)|(?<![0-9]))(?<mobile>1[3-9]\\d${SEP}\\d{4}${SEP}\\d{4})(?![0-9])`,
    // Landlines with an area code.
    `(?<![0-9.])(?<landline>0\\d{2,3}-?\\d{7,8})(?![0-9.])`,
  ].join('|'),
  'g',
);
/** The same, once (no lastIndex to carry into `matchAll`). */
const ANY_NUMBER = new RegExp(NUMBER_RE.source);
/** One token of letters and digits only (a hash, a sealed key's text): no typed number. */
const TOKEN = /^[0-9A-Za-z+/=_-]{24,}$/;

/** `text` with every ID number and phone it holds masked; the same string when it holds none. */
export function maskNumbersInText(text: string): string {
  if (text.length < 7) return text;
  // Seven digits of any kind, or no number: counted by char codes (a viewer's page holds thousands of strings).
  let digits = 0;
  let other = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if ((c >= 0xff10 && c <= 0xff19) || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06f0 && c <= 0x06f9)) {
      digits++;
      other = true;
    } else if (c === 0xff38 || c === 0xff58) other = true;
  }
  if (digits < 7 || TOKEN.test(text)) return text;
  const read = other ? text.replace(OTHER_DIGITS, asciiDigit).replace(FULL_WIDTH_X, 'X') : text;
  if (!ANY_NUMBER.test(read)) return text;
  let out = '';
  let last = 0;
  for (const m of read.matchAll(NUMBER_RE)) {
    const found = m.groups!.id ?? m.groups!.mobile ?? m.groups!.landline!;
    const digits = m.groups!.landline ? found : found.replace(/[ \-\u3000\uff0d]/g, '').toUpperCase();
    out += text.slice(last, m.index) + (m.groups!.id ? maskIdNumber(digits) : maskPhone(digits));
    last = m.index + found.length;
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * A reply with every string in it (at any depth) as `maskNumbersInText` shows it. Copies only what changes: a page with
 * no typed number is the same object.
 */
export function maskNumbersInReply<T>(value: T): T {
  return walk(value) as T;
}

function walk(v: unknown): unknown {
  if (typeof v === 'string') return maskNumbersInText(v);
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const w = walk(v[i]);
      if (w !== v[i]) (copy ??= v.slice())[i] = w;
    }
    return copy ?? v;
  }
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return v;
  const o = v as Record<string, unknown>;
  let copy: Record<string, unknown> | null = null;
  // for…in, not Object.entries: no pair array per key (a page of 500 rows holds over 10,000 values).
  for (const k in o) {
    const x = o[k];
    if (typeof x !== 'string' && (x === null || typeof x !== 'object')) continue;
    const w = walk(x);
    if (w !== x) (copy ??= { ...o })[k] = w;
  }
  return copy ?? v;
}
