/**
 * One cell, read as one field: cleaned, converted and checked, or a reason
 * that names the field the way the community's header does.
 */
import { checkIdNumber, EXCEL_DAMAGED_MESSAGE, normalisePhone } from '../../people/id-number';
import { cellText, isProblem, type Cell } from './cells';
import type { FieldDef } from './fields.shared';
import { cleanText, parseDay, parseYesNo, splitList, squash } from './normalise';

export type FieldValue = string | boolean | string[] | number | null;
export type Values = Record<string, FieldValue>;

export interface Reason {
  /** The field's Chinese label, or '' for a reason about the whole row. */
  field: string;
  message: string;
}

export interface Lookups {
  /** Community name (as stored, and without its 社区/村 suffix) → id. */
  communities: Map<string, number>;
  /** Community id → its name as stored, for messages and title checks (block-titles.ts), in the ledger's order. */
  communityNames: ReadonlyMap<number, string>;
  /** `${communityId}|${gridName}` → grid id. */
  grids: Map<string, number>;
  /** The office's day: an ID number whose birth date is after it is refused. */
  today?: string | undefined;
  /** The year the file's title or name states: a date written 2月10日 is read in it (normalise.ts yearStatedIn). */
  fileYear?: string | null;
  /** The workbook counts its days from 1904 (a Mac workbook's date cells, source.ts date1904). */
  date1904?: boolean;
  /** The office's rule for a case row with 返程日期 and no 开始日期 (caseload/health-settings.shared.ts startFromArrival). */
  startFromArrival?: boolean;
}

/** was15: an ID number written with 15 digits (the value is its 18-digit form); the pipeline keeps it as `<key>Was15`. */
export type FieldResult = { ok: true; value: FieldValue; was15?: boolean; yearFromFile?: true } | { ok: false; message: string };

const fail = (message: string): FieldResult => ({ ok: false, message });

/** Days before 1900 or after 2100 are typing slips, whatever the column. */
const EARLIEST_DAY = '1900-01-01';
const LATEST_DAY = '2100-12-31';

export function communityId(name: string, lookups: Lookups): number | undefined {
  const n = squash(name);
  return lookups.communities.get(n) ?? lookups.communities.get(n.replace(/(社区居委会|居委会|村委会|社区|村)$/, ''));
}

export function readField(field: FieldDef, cell: Cell, lookups: Lookups): FieldResult {
  if (isProblem(cell)) return fail(cell.problem);
  const empty = cell === null || (typeof cell === 'string' && cleanText(cell) === '');
  if (empty) return field.required ? fail('不能为空') : { ok: true, value: null };
  switch (field.kind) {
    case 'text': {
      const s = cleanText(cellText(cell));
      return field.max !== undefined && s.length > field.max ? fail(`最多 ${field.max} 个字，这里有 ${s.length} 个`) : { ok: true, value: s };
    }
    case 'id_number': {
      // A number cell this long lost its last digits inside Excel: never guess them back.
      if (typeof cell === 'number') return cell >= 1e14 || !Number.isInteger(cell) ? fail(EXCEL_DAMAGED_MESSAGE) : fail('身份证号应为 18 位');
      const r = checkIdNumber(cellText(cell), lookups.today);
      return r.ok ? { ok: true, value: r.value, ...(r.original15 !== null ? { was15: true } : {}) } : fail(r.message);
    }
    case 'phone': {
      const text = typeof cell === 'number' ? String(cell) : cellText(cell);
      const p = normalisePhone(text);
      return p ? { ok: true, value: p } : fail(`「${cleanText(text)}」不是有效的电话号码（应为 11 位手机号或带区号的固定电话）`);
    }
    case 'day': {
      const r = parseDay(typeof cell === 'number' ? cell : cellText(cell), lookups.fileYear, lookups.date1904);
      if (!r.ok) return fail(r.message);
      if (r.day < EARLIEST_DAY || r.day > LATEST_DAY) return fail(`日期 ${r.day} 超出合理范围（1900–2100 年）`);
      return r.yearFromFile ? { ok: true, value: r.day, yearFromFile: true } : { ok: true, value: r.day };
    }
    case 'choice': {
      const s = cleanText(cellText(cell)).replace(/\s/g, '');
      const question = field.questions?.[s];
      if (question) return fail(`「${s}」${question}`);
      const code = field.choices?.[s];
      return code ? { ok: true, value: code } : fail(`「${s}」不是可选的值，可填：${Object.keys(field.choices ?? {}).join('、')}`);
    }
    case 'tags': {
      const codes: string[] = [];
      for (const word of splitList(cellText(cell))) {
        const question = field.questions?.[word];
        if (question) return fail(`「${word}」${question}`);
        const code = field.choices?.[word];
        if (!code) return fail(`「${word}」不是可选的值，可填：${Object.keys(field.choices ?? {}).join('、')}`);
        if (!codes.includes(code)) codes.push(code);
      }
      return { ok: true, value: codes };
    }
    case 'yes_no': {
      const b = typeof cell === 'boolean' ? cell : parseYesNo(cellText(cell));
      return b === null ? fail(`「${cellText(cell)}」应填“是”或“否”`) : { ok: true, value: b };
    }
    case 'community': {
      const name = cleanText(cellText(cell));
      const id = communityId(name, lookups);
      return id === undefined ? fail(`台账中没有名为「${name}」的社区，请先在“设置 → 社区与网格”中添加，或改成台账中的社区名称`) : { ok: true, value: id };
    }
    case 'grid':
      return { ok: true, value: cleanText(cellText(cell)) };
    default: {
      const never: never = field.kind;
      return fail(`未知的字段类型 ${String(never)}`);
    }
  }
}

/** The grid named in a row, within the row's community. */
export function gridId(name: string, community: number, lookups: Lookups): number | undefined {
  const n = squash(name);
  return lookups.grids.get(`${community}|${n}`) ?? lookups.grids.get(`${community}|${n.replace(/网格$/, '')}`) ?? lookups.grids.get(`${community}|${n}网格`);
}

/**
 * A row with no name and no ID number is nobody's (a 接龙's 「3. 明天再报」, a note typed in the list): 「姓名 不能为空」
 * read as if a person had lost their name. Said as what it is; still sent back, so a name left out by mistake is seen.
 */
export const NO_ONE = '这一行没有姓名，也没有身份证号，不是一个人的登记，未导入；如是漏填，请补上姓名和身份证号再导入';
export function noOneReasons(reasons: Reason[], values: Values, hasIdField: boolean): Reason[] {
  if (!hasIdField || values.idNumber != null || reasons.some((r) => r.field === '身份证号')) return reasons;
  return reasons.map((r) => (r.field === '姓名' && r.message === '不能为空' ? { field: '姓名', message: NO_ONE } : r));
}
