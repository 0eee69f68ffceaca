/**
 * Cleaning a community's cell before it is checked: trim, full-width to
 * half-width, dates in every way people type them. Pure functions.
 */
import { isValidDay } from '../../dates.shared';
import { dropInvisible, MAY_CHANGE } from '../../invisible.shared';

/** Full-width ASCII (０-９, Ａ-Ｚ, ａ-ｚ, punctuation) and the ideographic space to half-width. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Anything cleanText would change: full-width characters, the ideographic space, any space or line break, a control. */
const NEEDS_CLEANING = new RegExp(`[\\uFF01-\\uFF5E\\u3000\\s\\u00a0]|${MAY_CHANGE.source}`, 'u');

/**
 * 1 for each code unit NEEDS_CLEANING matches on its own, and for every surrogate (half of a pair is no code point
 * alone: a string holding one is left to the expression). Each of the expression's alternatives is one character, so
 * a string with no flagged unit is one it does not match. Made from the expression itself, once: the string of every
 * other code unit scanned in one pass (≈ 2 ms).
 */
let flaggedUnits: Uint8Array | null = null;
function flagged(): Uint8Array {
  if (flaggedUnits !== null) return flaggedUnits;
  const units = new Uint8Array(0x10000).fill(1, 0xd800, 0xe000);
  let text = '';
  for (let from = 0; from < 0x10000; from += 0x800) {
    if (from !== 0xd800) text += String.fromCharCode(...Array.from({ length: 0x800 }, (_, i) => from + i));
  }
  for (const m of text.matchAll(new RegExp(NEEDS_CLEANING.source, 'gu'))) units[m[0].charCodeAt(0)] = 1;
  return (flaggedUnits = units);
}

/** NEEDS_CLEANING.test(s), the clean strings (most) answered by a look-up per code unit instead of the expression. */
function needsCleaning(s: string): boolean {
  const units = flagged();
  for (let i = 0; i < s.length; i++) if (units[s.charCodeAt(i)] === 1) return NEEDS_CLEANING.test(s);
  return false;
}

/**
 * Trim (including the ideographic and no-break spaces), collapse runs of spaces, half-width digits and letters, and
 * drop the characters nobody sees (invisible.shared.ts; eleventh attack run, T1).
 */
export function cleanText(s: string): string {
  // Most cells are already clean (a name, an ID number): one test instead of three replaces, 100,000 rows × 14 cells;
  // the test a look-up per code unit, not the expression (session 49: the expression was ≈ 4 % of the preview).
  if (!needsCleaning(s)) return s;
  return toHalfWidth(dropInvisible(s))
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/**
 * A name as the lookups key it: cleaned, then without any space. The ledger's names (plan-inputs.ts loadLookups), a cell
 * naming one (values.ts) and a title searched for one (suggest.ts, block-titles.ts) all go through this, so that
 * 「２网格」 as stored is the 「2网格」 a cleaned cell says.
 */
export const squash = (s: string): string => cleanText(s).replace(/\s/g, '');

/** Header words compared loosely: no spaces, brackets, colons, asterisks (required marks) or line breaks. */
export function headerKey(s: string): string {
  return toHalfWidth(s)
    .replace(/[\s\u00a0*＊:：]/g, '')
    .replace(/[()（）[\]【】]/g, '')
    .toLowerCase();
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Excel's day 1 is 1900-01-01 and it counts a 29 Feb 1900 that never was: serial 60. */
export function fromExcelSerial(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return null;
  const whole = Math.floor(serial);
  if (whole === 60) return null;
  const days = whole > 60 ? whole - 1 : whole;
  const d = new Date(Date.UTC(1899, 11, 31) + days * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** yearFromFile: the cell gave only month and day (2月10日) and the year came from the file's title or name. */
export type DayParse = { ok: true; day: string; yearFromFile?: true } | { ok: false; message: string };

/** The year a file's title or name states (「…返程人员登记表（2020年2月）」, 2020年): the year of dates written 2月10日. */
export function yearStatedIn(texts: readonly string[]): string | null {
  for (const t of texts) {
    const m = /((?:19|20)\d{2})\s*年/.exec(t);
    if (m) return m[1]!;
  }
  return null;
}

/** Serial numbers below this are days of 1900: in a registration sheet a number cell that small was typed as 2.3 (2月3日). */
const FIRST_SERIAL_OF_1901 = 367;

/** Days from 1900-01-00 (Excel's count, with its 29 Feb 1900) to 1904-01-01: a 1904 workbook's serial plus this is 1900's. */
const DAYS_1900_TO_1904 = 1462;

/** A number cell: Excel's serial number of a date-formatted cell (counted from 1904 in a Mac workbook), 20200203 or 2.15 typed as a number. */
function dayOfNumber(raw: number, fileYear?: string | null, date1904 = false): DayParse {
  if (Number.isInteger(raw) && raw >= 19_000_101 && raw <= 21_001_231) return parseDay(String(raw), fileYear);
  const day = raw >= FIRST_SERIAL_OF_1901 ? fromExcelSerial(date1904 ? raw + DAYS_1900_TO_1904 : raw) : null;
  if (day) return { ok: true, day };
  if (/^\d{1,2}\.\d{1,2}$/.test(String(raw))) return parseDay(String(raw), fileYear);
  return { ok: false, message: `「${raw}」不是有效的日期` };
}

/** 2.1 as a number (or saved from one into a CSV) may have been typed 2.10: Excel drops the 0, so 2月1日 and 2月10日 look alike. */
const DOTTED_AMBIGUOUS = /^\d{1,2}\.[1-3]$/;

/**
 * 2020-02-17, 2020/2/17, 2020.2.17, 2020年2月17日（号）, 20200217 (as text or as a number), Excel serial numbers,
 * full-width digits; 2月17日, 2.17 and 2/17 (no year, as community sheets often write it) in the year the file's
 * title or name states, if any, and refused naming what to write if none.
 */
export function parseDay(raw: string | number, fileYear?: string | null, date1904 = false): DayParse {
  if (typeof raw === 'number') return dayOfNumber(raw, fileYear, date1904);
  const s = cleanText(raw);
  // Already the ledger's form (2020-02-17, as most exported sheets write it): the day is the text itself. The patterns
  // below would rebuild this very string from its parts and check it the same way (half the instructions: README, session 20).
  if (s.length === 10 && isValidDay(s)) return { ok: true, day: s };
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m && /^\d{5}(\.\d+)?$/.test(s)) return parseDay(Number(s), null, date1904);
  const monthDay = m ? null : (/^(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/.exec(s) ?? /^(\d{1,2})[./](\d{1,2})$/.exec(s));
  if (monthDay) {
    if (DOTTED_AMBIGUOUS.test(s)) {
      const [month, day] = s.split('.').map(Number) as [number, number];
      return {
        ok: false,
        message: `「${s}」可能是 ${month}月${day}日，也可能是 ${month}月${day}0日（Excel 会把 ${month}.${day}0 存成 ${month}.${day}）：请写成 2020-02-10 这样的完整日期`,
      };
    }
    if (!fileYear) return { ok: false, message: `「${s}」没有写年份，请写成 2020年${Number(monthDay[1])}月${Number(monthDay[2])}日（或在表格标题中写明年份）` };
    const day = `${fileYear}-${pad(Number(monthDay[1]))}-${pad(Number(monthDay[2]))}`;
    return isValidDay(day) ? { ok: true, day, yearFromFile: true } : { ok: false, message: `「${s}」在 ${fileYear} 年不是真实存在的日期` };
  }
  if (!m) {
    return { ok: false, message: `「${s}」不是可识别的日期，请写成 2020-02-17 这样的格式` };
  }
  const day = `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
  return isValidDay(day) ? { ok: true, day } : { ok: false, message: `「${s}」不是真实存在的日期` };
}

const YES = new Set(['是', '有', 'y', 'yes', '1', 'true', '√', '✓']);
const NO = new Set(['否', '无', '不是', 'n', 'no', '0', 'false', '×', '']);

export function parseYesNo(raw: string): boolean | null {
  const s = cleanText(raw).toLowerCase();
  if (YES.has(s)) return true;
  if (NO.has(s)) return false;
  return null;
}

/** Tags written in one cell: 独居老人、慢性病 / 独居老人,慢性病 / 独居老人 慢性病. */
export function splitList(raw: string): string[] {
  return cleanText(raw)
    .split(/[、,，;；/\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
