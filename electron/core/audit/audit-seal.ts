/**
 * Personal numbers in audit payloads (issue 19 item 2). A viewer's password
 * opens the database, so `audit_log.before_json/after_json` must not carry a
 * full ID number, phone or birth date in clear. One rule, here, for every
 * area: whatever a handler passes to `ctx.audit`, the value of a known
 * sensitive key (at any depth: a batched import row holds an array of
 * records) is stored as
 *
 *   { "masked": "4101**********0178", "sealed": "<base64>" }
 *
 * masked as the screens mask it (maskIdNumber / maskPhone; a birth date by
 * its year; a digit search keeps its last four digits), sealed with the
 * sensitive key so a coordinator can open it through an audited reveal. With
 * no sealer (a viewer's session, the system) only `{ "masked": … }` is kept.
 * A value that is already masked (holds a `*`) or holds no digit at all
 * (「(已填)」) is left as it is: there is nothing in it to hide.
 *
 * It runs inside JSON.stringify (a replacer), so a 100,000-record import pays
 * one function call per value and one seal per sensitive value; a batch packed
 * by columns is copied only when it has a sensitive column.
 * Adding a key: one line in SENSITIVE_AUDIT_KEYS; tell the lead.
 */
import type { Sealer } from '../db/sealer';
import { maskIdNumber, maskPhone } from '../people/id-number';
import { isColumnar, rowColumns, SerialisedJson, type ColumnProtection } from './batched-entries';

export type SensitiveKind = 'idNumber' | 'phone' | 'birthDate' | 'digits';

/** Every payload key that holds a personal number, whatever area wrote it. */
export const SENSITIVE_AUDIT_KEYS: ReadonlyMap<string, SensitiveKind> = new Map<string, SensitiveKind>([
  ['idNumber', 'idNumber'],
  ['id_number', 'idNumber'],
  ['身份证号', 'idNumber'],
  ['phone', 'phone'],
  ['contactPhone', 'phone'],
  ['contact_phone', 'phone'],
  ['联系电话', 'phone'],
  ['birthDate', 'birthDate'],
  ['birth_date', 'birthDate'],
  ['出生日期', 'birthDate'],
  // The query of an audited digit search (caseload/search.shared.ts): a number typed to find someone.
  ['q', 'digits'],
]);

/** The sealer's purpose (its AAD) per kind: a sealed phone does not open as an ID number. */
export const AUDIT_SEAL_PURPOSE: Readonly<Record<SensitiveKind, string>> = {
  idNumber: 'audit_log.idNumber',
  phone: 'audit_log.phone',
  birthDate: 'audit_log.birthDate',
  digits: 'audit_log.q',
};

/** The key under which a whole record is sealed into a payload (honours: auditPersonal; the audit upgrade's old rows). */
export const SEALED_RECORD_KEY = 'personal';

/** A sensitive value as the audit log keeps it. */
export interface ProtectedValue {
  masked: string;
  sealed?: string;
}

function maskOf(kind: SensitiveKind, value: string): string {
  switch (kind) {
    case 'idNumber':
      return maskIdNumber(value);
    case 'phone':
      return maskPhone(value);
    case 'birthDate':
      return /^\d{4}/.test(value) ? value.slice(0, 4) : '****';
    case 'digits': {
      // Every digit but the last four hidden: the grid's masks show those four anyway.
      const hidden = value.replace(/\D/g, '').length - 4;
      let seen = 0;
      return value.replace(/\d/g, (d) => (++seen > hidden ? d : '*'));
    }
    default: {
      const never: never = kind;
      return never;
    }
  }
}

/** Whether a value under a sensitive key still holds something to hide. */
const needsProtection = (value: string): boolean => !value.includes('*') && /\d/.test(value);

export function protectValue(kind: SensitiveKind, value: string, sealer: Sealer | null): ProtectedValue {
  const masked = maskOf(kind, value);
  return sealer ? { masked, sealed: sealer.seal(AUDIT_SEAL_PURPOSE[kind], value).toString('base64') } : { masked };
}

type Replacer = (this: unknown, key: string, value: unknown) => unknown;

/**
 * A JSON.stringify replacer that hands every value under a sensitive key to `fn`: keys of
 * objects at any depth, and the sensitive columns of a batch packed by columns
 * ({ columns, rows }, audit/batched-entries.ts), whose rows have no keys of their own.
 */
function sensitiveReplacer(fn: (kind: SensitiveKind, value: unknown) => unknown): Replacer {
  return function (key, v) {
    if (isColumnar(v)) {
      // The rows' columns (a column written once under `same` is a key of that object, and handled as any key is).
      const kinds = rowColumns(v).map((c) => SENSITIVE_AUDIT_KEYS.get(c));
      if (kinds.every((k) => k === undefined)) return v;
      const rows = v.rows.map((row) => row.map((x, j) => (kinds[j] === undefined ? x : fn(kinds[j], x))));
      return v.same === undefined ? { columns: v.columns, rows } : { columns: v.columns, same: v.same, rows };
    }
    const kind = key === '' ? undefined : SENSITIVE_AUDIT_KEYS.get(key);
    return kind === undefined ? v : fn(kind, v);
  };
}

const protector = (kind: SensitiveKind, sealer: Sealer | null) => (v: unknown) =>
  typeof v === 'string' && needsProtection(v) ? protectValue(kind, v, sealer) : v;

/** JSON.stringify for a payload, with the rule applied. A batch serialised as it was collected was protected then. */
export function serialisePayload(value: unknown, sealer: Sealer | null): string | null {
  if (value === undefined || value === null) return null;
  if (value instanceof SerialisedJson) return value.text;
  return JSON.stringify(
    value,
    sensitiveReplacer((kind, v) => protector(kind, sealer)(v)),
  );
}

/** The rule for an import's batch serialised row by row as it is collected (batched-entries.ts ColumnarBatchText). */
export function protectColumns(sealer: Sealer | null): ColumnProtection {
  return (columns) =>
    columns.map((c) => {
      const kind = SENSITIVE_AUDIT_KEYS.get(c);
      return kind === undefined ? undefined : protector(kind, sealer);
    });
}

/** Whether a stored payload (parsed) still holds a clear sensitive value: rows written before this rule. */
export function holdsClearValue(value: unknown): boolean {
  let found = false;
  JSON.stringify(
    value,
    sensitiveReplacer((_kind, v) => {
      if (typeof v === 'string' && needsProtection(v)) found = true;
      return v;
    }),
  );
  return found;
}

const isProtected = (v: unknown): v is ProtectedValue => typeof v === 'object' && v !== null && typeof (v as ProtectedValue).masked === 'string';

/**
 * A JSON.stringify replacer over a stored payload's protected values, the one rule for where they sit (the masks, the
 * audited reveal and the key history's count read it): a whole record under `personal` goes to `onRecord`, any other
 * value under a sensitive key (at any depth, or a batch's column) to `onNumber`.
 */
function protectedReplacer(onNumber: (kind: SensitiveKind, v: unknown) => unknown, onRecord: (v: ProtectedValue) => unknown): Replacer {
  const numbers = sensitiveReplacer(onNumber);
  return function (key, v) {
    return key === SEALED_RECORD_KEY && isProtected(v) ? onRecord(v) : numbers.call(this, key, v);
  };
}

/** A stored payload with every protected value shown by its mask (for the 操作日志 sentence and grid). */
export function maskedPayload(text: string | null): string | null {
  if (text === null || !text.includes('"masked"')) return text;
  return JSON.stringify(
    JSON.parse(text) as unknown,
    protectedReplacer(
      (_kind, v) => (isProtected(v) ? v.masked : v),
      (v) => v.masked,
    ),
  );
}

/** A sealed value found in a stored payload, with the purposes it may be sealed under (a record's: any area's). */
export interface SealedValueFound {
  purposes: readonly string[];
  sealed: Buffer;
}

/** Ends the walk at the first sealed value (thrown through JSON.stringify; one object, no stack taken per row). */
const FOUND = new Error('sealed value found');

/**
 * The first sealed value in a stored payload where the reveal opens them (protectedReplacer): a number under its kind's
 * purpose, a whole record under any of `recordPurposes` (the areas' list, SEALED_RECORD_AUDIT_PURPOSES, handed in by
 * the services); null when none. Every value of one payload was sealed under one key, so one tells which. Records were
 * skipped here, and a row holding only a memorial record was counted unreadable after a forged rotation though it
 * opened (twenty-fifth attack run, S39-A1). The walk stops at the first: the key history's count reads every row.
 */
export function firstSealedValue(text: string | null, recordPurposes: readonly string[]): SealedValueFound | null {
  if (text === null || !holdsSealedValue(text)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null; // not the program's (a row written outside it): nothing it sealed to tell by
  }
  let found: SealedValueFound | null = null;
  const stop = (purposes: readonly string[], sealed: string): never => {
    found = { purposes, sealed: Buffer.from(sealed, 'base64') };
    throw FOUND;
  };
  try {
    JSON.stringify(
      parsed,
      protectedReplacer(
        (kind, v) => (isProtected(v) && v.sealed !== undefined ? stop([AUDIT_SEAL_PURPOSE[kind]], v.sealed) : v),
        (v) => (v.sealed !== undefined ? stop(recordPurposes, v.sealed) : v),
      ),
    );
  } catch (e) {
    if (e !== FOUND) throw e;
  }
  return found;
}

/** firstSealedValue with the areas' record purposes bound (keys/key-history-finding.ts takes it as a function). */
export const sealedValueFinder =
  (recordPurposes: readonly string[]) =>
  (text: string | null): SealedValueFound | null =>
    firstSealedValue(text, recordPurposes);

/** Whether a stored payload holds a sealed value a coordinator could open. */
export const holdsSealedValue = (text: string | null): boolean => text !== null && text.includes('"sealed"');

/** Opens a sealed record with the first purpose it opens under (AES-GCM refuses the others at once); its fields as an object. */
function openRecord(v: ProtectedValue & { sealed: string }, purposes: readonly string[], open: (purpose: string, sealed: Buffer) => string): unknown {
  const sealed = Buffer.from(v.sealed, 'base64');
  let failure: unknown = null;
  for (const purpose of purposes) {
    try {
      return JSON.parse(open(purpose, sealed)) as unknown;
    } catch (e) {
      failure ??= e;
    }
  }
  throw failure ?? new Error('no purpose to open a sealed record with');
}

/**
 * A stored payload with its sealed values opened (a coordinator's audited
 * reveal): numbers under their kind's purpose, a whole record under `personal`
 * with the first of `recordPurposes` that opens it.
 */
export function openedPayload(text: string | null, open: (purpose: string, sealed: Buffer) => string, recordPurposes: readonly string[] = []): string | null {
  if (text === null || !holdsSealedValue(text)) return maskedPayload(text);
  return JSON.stringify(
    JSON.parse(text) as unknown,
    protectedReplacer(
      (kind, v) => {
        if (!isProtected(v)) return v;
        return v.sealed === undefined ? v.masked : open(AUDIT_SEAL_PURPOSE[kind], Buffer.from(v.sealed, 'base64'));
      },
      (v) => (v.sealed === undefined ? v.masked : openRecord({ ...v, sealed: v.sealed }, recordPurposes, open)),
    ),
  );
}
