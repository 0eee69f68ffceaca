/**
 * 居民身份证号 (GB 11643-1999): normalise, check, derive sex and birth date,
 * recognise numbers Excel has ruined, mask for display. Shared by the
 * caseload, import, rota and honours areas. Pure: no I/O.
 */
import { isValidDay } from '../dates.shared';
import { dropInvisible } from '../invisible.shared';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
/** Province codes (first two digits) in use. Only these are checked, not the 6-digit region list. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

export type IdCheck =
  /** value: always the 18-character form (a 15-digit number converted), for storage and matching; original15: the number as written when it was 15 digits. */
  | { ok: true; value: string; sex: 'M' | 'F'; birthDate: string; original15: string | null }
  | { ok: false; reason: 'empty' | 'excel_damaged' | 'length' | 'characters' | 'province' | 'birth_date' | 'checksum'; message: string };

/** Full-width digits and letters to half-width, spaces and characters nobody sees out, x to X. */
export function normaliseIdNumber(raw: string): string {
  // Already normal (the usual case, and every stored number): checked for each of 100,000 imported rows, twice.
  if (/^\d{17}[\dX]$/.test(raw)) return raw;
  // A zero-width space or a direction mark copied in with the number (from a chat, a web page) is no digit: 19 「位」 before.
  return (
    dropInvisible(raw)
      .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
      .replace(/[\s\u3000\u00a0'’‘`]/g, '')
      // 「身份证：4101…」, 「身份证号码:」 typed into the cell with the number (w66-files): a label, not a digit.
      .replace(/^(?:(?:居民|公民)?(?:身份证|证件)(?:号码|号)?|公民身份号码|身份号码):/, '')
      .toUpperCase()
  );
}

export function checkChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Scientific notation (4.10101E+17) or 18 digits ending in zeros from Excel's 15-digit precision. */
export function looksExcelDamaged(raw: string): boolean {
  const s = normaliseIdNumber(raw);
  if (/^\d+(\.\d+)?E\+?\d+$/.test(s)) return true;
  if (/^\d+\.\d+$/.test(s)) return true;
  return false;
}

export const EXCEL_DAMAGED_MESSAGE =
  '身份证号被 Excel 当成数字保存，后几位已经丢失（例如显示为 4.10101E+17 或末尾变成 000），无法恢复。请在表格中把这一列设为“文本”格式后重新录入。';

/**
 * Checks and normalises a 居民身份证号. `today` (the office's day) rejects a
 * birth date after it; give it wherever a clock is at hand.
 */
export function checkIdNumber(raw: string | null | undefined, today?: string): IdCheck {
  const sum = raw === null || raw === undefined ? -1 : plainWeightedSum(raw);
  if (sum >= 0) return checkPlain18(raw!, sum, today);
  if (raw === null || raw === undefined || raw.trim() === '') return { ok: false, reason: 'empty', message: '身份证号为空' };
  if (looksExcelDamaged(raw)) return { ok: false, reason: 'excel_damaged', message: EXCEL_DAMAGED_MESSAGE };
  const s = normaliseIdNumber(raw);
  if (s.length === 15) return checkOld15(s, today);
  if (s.length !== 18) return { ok: false, reason: 'length', message: `身份证号应为 18 位，这里是 ${s.length} 位` };
  if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, reason: 'characters', message: '身份证号只能是数字，最后一位可以是 X' };
  if (!PROVINCES.has(Number(s.slice(0, 2)))) return { ok: false, reason: 'province', message: `身份证号开头的省份代码 ${s.slice(0, 2)} 不存在` };
  const birth = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (!isValidDay(birth) || birth < '1890-01-01') return { ok: false, reason: 'birth_date', message: `身份证号中的出生日期 ${birth} 不是真实日期` };
  if (today !== undefined && birth > today) return { ok: false, reason: 'birth_date', message: `身份证号中的出生日期 ${birth} 晚于今天，不可能是真实号码` };
  // 18 digits whose check digit happens to be right but which end in 000 are still suspect only if Excel-rounded;
  // we cannot tell those apart from genuine numbers, so the checksum decides.
  if (checkChar(s.slice(0, 17)) !== s[17]) {
    const tail = /0{3,}$/.test(s) ? '（末尾是一串 0，很可能被 Excel 当成数字截断了，请把这一列设为文本后重新录入）' : '';
    return { ok: false, reason: 'checksum', message: `身份证号校验位不对，可能有数字录错${tail}` };
  }
  return { ok: true, value: s, sex: Number(s[16]) % 2 === 1 ? 'M' : 'F', birthDate: birth, original15: null };
}

/**
 * The weighted sum of the first 17 digits when `s` is 17 ASCII digits then a digit or X (the usual number, already
 * normal: nothing to convert, not Excel-damaged), else -1. Char codes, not regexes: an import checks 100,000 of them.
 */
function plainWeightedSum(s: string): number {
  if (s.length !== 18) return -1;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    sum += d * WEIGHTS[i]!;
  }
  const last = s.charCodeAt(17);
  return (last >= 48 && last <= 57) || last === 88 ? sum : -1;
}

/** checkIdNumber's steps after the characters, for a number `plainWeightedSum` accepted (`sum`: its weighted sum). */
function checkPlain18(s: string, sum: number, today?: string): IdCheck {
  const province = (s.charCodeAt(0) - 48) * 10 + (s.charCodeAt(1) - 48);
  if (!PROVINCES.has(province)) return { ok: false, reason: 'province', message: `身份证号开头的省份代码 ${s.slice(0, 2)} 不存在` };
  const birth = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (!isValidDay(birth) || birth < '1890-01-01') return { ok: false, reason: 'birth_date', message: `身份证号中的出生日期 ${birth} 不是真实日期` };
  if (today !== undefined && birth > today) return { ok: false, reason: 'birth_date', message: `身份证号中的出生日期 ${birth} 晚于今天，不可能是真实号码` };
  if (CHECK_CHARS[sum % 11] !== s[17]) {
    const tail = /0{3,}$/.test(s) ? '（末尾是一串 0，很可能被 Excel 当成数字截断了，请把这一列设为文本后重新录入）' : '';
    return { ok: false, reason: 'checksum', message: `身份证号校验位不对，可能有数字录错${tail}` };
  }
  return { ok: true, value: s, sex: (s.charCodeAt(16) - 48) % 2 === 1 ? 'M' : 'F', birthDate: birth, original15: null };
}

/** The 18-character number of the same person: 19 inserted before the two-digit year, and its check character. */
export function upgrade15(s15: string): string {
  const first17 = `${s15.slice(0, 6)}19${s15.slice(6)}`;
  return first17 + checkChar(first17);
}

/** Old 15-digit numbers: 6-digit region, YYMMDD (19xx), 3-digit sequence, no check digit. Stored and matched as their 18-digit form. */
function checkOld15(s: string, today?: string): IdCheck {
  if (!/^\d{15}$/.test(s)) return { ok: false, reason: 'characters', message: '15 位身份证号只能是数字' };
  if (!PROVINCES.has(Number(s.slice(0, 2)))) return { ok: false, reason: 'province', message: `身份证号开头的省份代码 ${s.slice(0, 2)} 不存在` };
  const birth = `19${s.slice(6, 8)}-${s.slice(8, 10)}-${s.slice(10, 12)}`;
  if (!isValidDay(birth)) return { ok: false, reason: 'birth_date', message: `身份证号中的出生日期 ${birth} 不是真实日期` };
  if (today !== undefined && birth > today) return { ok: false, reason: 'birth_date', message: `身份证号中的出生日期 ${birth} 晚于今天，不可能是真实号码` };
  return { ok: true, value: upgrade15(s), sex: Number(s[14]) % 2 === 1 ? 'M' : 'F', birthDate: birth, original15: s };
}

/** The 15-digit form of an 18-character number born in the 1900s (the one it was upgraded from), or null. */
export function downgrade18(s18: string): string | null {
  return /^\d{6}19\d{9}[\dX]$/.test(s18) ? `${s18.slice(0, 6)}${s18.slice(8, 17)}` : null;
}

/** How an ID number is shown: the stored 18-digit form, and the 15-digit original beside it when it was written so. */
export function idNumberWithOriginal(value: string, was15: boolean): string {
  const old = was15 ? downgrade18(value) : null;
  return old ? `${value}（原 15 位：${old}）` : value;
}

/** `4101**********1234`: the first four and last four, the rest hidden. */
export function maskIdNumber(id: string | null | undefined): string {
  if (!id) return '';
  if (id.length <= 8) return '*'.repeat(id.length);
  // Joined, one flat string: a template keeps its parts as cons strings, and an import's preview keeps a mask per row.
  return [id.slice(0, 4), '*'.repeat(id.length - 8), id.slice(-4)].join('');
}

/** `138****5678`. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

function isAsciiDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Mainland mobile numbers, or landlines with area code; returns digits only or null. */
export function normalisePhone(raw: string | null | undefined): string | null {
  if (!raw) return null;
  if (isAsciiDigits(raw)) {
    // The usual cell: digits already, nothing to convert (the same result as below, without three regexes a row).
    const digits = raw.length === 13 && raw.startsWith('861') ? raw.slice(2) : raw;
    return digits.length >= 7 && digits.length <= 12 ? digits : null;
  }
  const digits = normaliseIdNumber(raw)
    .replace(/[^\d]/g, '')
    .replace(/^86(?=1\d{10}$)/, '');
  return digits.length >= 7 && digits.length <= 12 ? digits : null;
}

/** Makes a valid ID number (demo data and tests): region, birth date, sequence → with its check digit. */
export function makeIdNumber(region: string, birthDate: string, sequence: number): string {
  const first17 = `${region}${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + checkChar(first17);
}
