/**
 * Building blocks for the contract (api.ts). This file and every
 * `<area>/contract.ts` import only zod, so the renderer can import the
 * contract's types without pulling in Node.
 */
import { dropInvisible } from './invisible.shared';
import { z } from 'zod';
import { isValidDay } from './dates.shared';

export const ERROR_CODES = [
  'BAD_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'LOCKED',
  'WRONG_PASSWORD',
  /** The account still has the password a coordinator set: only auth.changePassword (and locking) until its user sets their own. */
  'PASSWORD_CHANGE_REQUIRED',
  'NOT_A_LEDGER',
  'LEDGER_DAMAGED',
  /** One account's key slot cannot be opened (db/slot-damage.ts); the ledger and the other accounts are sound. `details` says the way back (ACCOUNT_KEY_DAMAGED_WAY). */
  'ACCOUNT_KEY_DAMAGED',
  'LEDGER_TOO_NEW',
  'KEYRING_MISMATCH',
  'IO_FAILED',
  'CANCELLED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** A failure as it crosses the contract (see errors.ts for how the core makes one). */
export interface WireError {
  code: ErrorCode;
  message: string;
  /** Optional machine-readable detail (field path, row numbers); never a stack. */
  details?: Record<string, unknown>;
}

/**
 * `details` of a FORBIDDEN whose cause is that this sign-in holds no sensitive key although the user's role
 * would (auth/key-notice.ts): the value says which case ('waiting' | 'refused' | 'rotated' | 'promoted' | 'lost' | 'recovered' | 'unvouched' | 'confirm'), the message what to do. One
 * definition for the core that sets it and the renderer that reads it, instead of a bare 没有权限.
 */
export const NO_SENSITIVE_KEY = 'noSensitiveKey';
export const isNoSensitiveKey = (e: { code: ErrorCode; details?: Record<string, unknown> }): boolean =>
  e.code === 'FORBIDDEN' && typeof e.details?.[NO_SENSITIVE_KEY] === 'string';

/**
 * `details` of an ACCOUNT_KEY_DAMAGED (db/slot-damage.ts): under this key, the way back that the message words.
 * 'reset': a coordinator resets this account's password (设置 › 用户); 'recovery': it is the only coordinator's, and the
 * recovery key sets its password (解锁页「忘记密码？用恢复密钥」); 'either': the keyring cannot tell which (a ledger from
 * before coordinator keys), so both are said; 'newRecoveryKey': the recovery key's own slot, and a coordinator makes a new
 * one; 'backup': no way inside the ledger is left (the only coordinator's slot and the recovery slot both), a backup.
 * One definition for the core that sets it and the unlock screen that reads it.
 */
export const ACCOUNT_KEY_DAMAGED_WAY = 'accountKeyDamaged';
export type AccountKeyWay = 'reset' | 'recovery' | 'either' | 'newRecoveryKey' | 'backup';
const ACCOUNT_KEY_WAYS: readonly AccountKeyWay[] = ['reset', 'recovery', 'either', 'newRecoveryKey', 'backup'];
/** The way back an ACCOUNT_KEY_DAMAGED names, or null for any other error. */
export function accountKeyWayOf(e: { code: ErrorCode; details?: Record<string, unknown> }): AccountKeyWay | null {
  const way = e.details?.[ACCOUNT_KEY_DAMAGED_WAY];
  return e.code === 'ACCOUNT_KEY_DAMAGED' && ACCOUNT_KEY_WAYS.includes(way as AccountKeyWay) ? (way as AccountKeyWay) : null;
}

export const ROLES = ['viewer', 'clerk', 'coordinator'] as const;
export type Role = (typeof ROLES)[number];
/** `public` channels work without an unlocked session (setup, unlock, recover). */
export type Access = Role | 'public';

/**
 * Why a clerk or coordinator signed in without the sensitive key (and so works as 只读查看; auth/key-notice.ts).
 * `waiting`: no key holder has handed it over yet (one signs in once, then this user signs in again);
 * `refused`: a key holder's sign-in declined this slot (its public key was changed, or never vouched for),
 * which only a password reset by a coordinator fixes; `rotated`: the keys were rotated (a disable, a demotion,
 * 更换密钥) by someone else since this user's last sign-in, and their password pins the retired key: a password
 * reset by a coordinator fixes it too (keys/rotation.ts); `promoted`: their password pins no key (a role raised
 * without a new password, before session 22), so a key granted to the slot never counts: a reset fixes it; `lost`: no slot holds the key any more (the keyring was
 * stripped of it), which only the backup's files put back fix. `unvouched` and `confirm` (auth/coordinator-notice.ts): a table
 * 统筹负责人 the coordinator key does not vouch for works as 录入员 (sensitive key and all); `confirm`: the ledger has no
 * coordinator key yet, and the recovery key confirms them (auth.confirmCoordinator). `role`: the role the users table gives them.
 */
export interface KeyNotice {
  case: 'waiting' | 'refused' | 'rotated' | 'promoted' | 'lost' | 'recovered' | 'unvouched' | 'confirm';
  role: Role;
  message: string;
}

export const ROLE_LABELS: Record<Role, string> = {
  viewer: '只读查看',
  clerk: '录入员',
  coordinator: '统筹负责人',
};

export function roleAtLeast(have: Role, need: Role): boolean {
  return ROLES.indexOf(have) >= ROLES.indexOf(need);
}

/**
 * read:    runs on a read handle, never writes.
 * write:   runs synchronously inside one transaction with its audit rows.
 * task:    long or async work (import, export, backup); opens its own
 *          transactions through the context, never awaits inside one.
 * session: unlock/lock/setup, works on the ledger itself rather than a db.
 * shell:   things only the transport can do (dialogs, print, drives); the
 *          core checks input and role, the transport does the work.
 */
export type ChannelKind = 'read' | 'write' | 'task' | 'session' | 'shell';

declare const resultBrand: unique symbol;
/** Input field names in Chinese, as the channel's screen shows them: a BAD_INPUT message names the field by them. */
export type FieldLabels = Readonly<Record<string, string>>;

export interface ChannelSpec<S extends z.ZodType, R, K extends ChannelKind = ChannelKind> {
  readonly input: S;
  readonly access: Access;
  readonly kind: K;
  /** This channel's field labels: its own, over its area's (see areaContract), over COMMON_FIELD_LABELS. */
  readonly labels?: FieldLabels;
  /**
   * Reads that leave a trace (a search by digits): given the parsed input and
   * the reply, what to audit, or null for nothing. The router writes the row
   * right after the read, in its own transaction (audit/read-audit.ts).
   * A method, so a spec with a narrower input still counts as AnyChannelSpec.
   */
  auditRead?(input: z.output<S>, result: R): ReadAuditEntry | null;
  /** Phantom: the result type. Never read at run time. */
  readonly [resultBrand]?: R;
}

/** What a read leaves in the audit log; `key` names the question asked, so paging through its answer leaves one row (read-audit.ts). */
export interface ReadAuditEntry {
  entity: string;
  after: Record<string, unknown>;
  key: string;
}

export type AnyChannelSpec = ChannelSpec<z.ZodType, unknown, ChannelKind>;

export function channel<R>() {
  return <S extends z.ZodType, K extends ChannelKind>(spec: {
    input: S;
    access: Access;
    kind: K;
    labels?: FieldLabels;
    auditRead?(input: z.output<S>, result: R): ReadAuditEntry | null;
  }): ChannelSpec<S, R, K> => spec;
}

/**
 * Words that mean the same on every screen. Anything an area means its own
 * way (a 密码 that is the zip's, a 单位 that is a unit of measure) belongs in
 * that area's labels, never here: there is no global map to clash in.
 */
export const COMMON_FIELD_LABELS: FieldLabels = {
  id: '记录编号',
  communityId: '社区',
  gridId: '网格',
  filter: '筛选条件',
  sort: '排序',
  offset: '起始行',
  limit: '每页行数',
  from: '开始日期',
  to: '结束日期',
  'sort.field': '排序字段',
  'sort.dir': '排序方向',
};

/**
 * An area's contract: its channels, each given the area's field labels under
 * its own. Labels travel with the channel, so two areas that use the same
 * field name (password, unit, to) never overwrite each other.
 */
export function areaContract<T extends Record<string, AnyChannelSpec>>(areaLabels: FieldLabels, channels: T): T {
  const labelled = Object.entries(channels).map(([name, spec]) => [name, { ...spec, labels: { ...areaLabels, ...spec.labels } }]);
  return Object.fromEntries(labelled) as T;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/**
 * One map from the areas' maps (their contracts in api.ts, their handlers in
 * handlers.ts), keyed by area name for the message. Two areas that define the
 * same channel would silently overwrite each other in a spread; this refuses
 * it when the module loads.
 */
export function mergeAreas<T extends Record<string, Record<string, unknown>>>(areas: T): UnionToIntersection<T[keyof T]> {
  const merged: Record<string, unknown> = {};
  const owner: Record<string, string> = {};
  for (const [area, channels] of Object.entries(areas)) {
    for (const [name, spec] of Object.entries(channels)) {
      if (Object.prototype.hasOwnProperty.call(merged, name)) throw new Error(`channel ${name} is defined twice, by ${owner[name]} and by ${area}`);
      merged[name] = spec;
      owner[name] = area;
    }
  }
  return merged as UnionToIntersection<T[keyof T]>;
}

/**
 * The Chinese name of a field in a channel's input, or null when nobody gave
 * it one. `path` is the field's place in the input without list indexes
 * (['packages', 'path']); a label keyed by the dotted path ('packages.path')
 * wins over one keyed by the field's own name ('path').
 */
export function labelOf(spec: AnyChannelSpec, path: readonly string[]): string | null {
  const field = path[path.length - 1];
  if (field === undefined) return null;
  const dotted = path.join('.');
  const own = spec.labels ?? {};
  return own[dotted] ?? COMMON_FIELD_LABELS[dotted] ?? own[field] ?? COMMON_FIELD_LABELS[field] ?? null;
}

export type InputOf<C> = C extends ChannelSpec<infer S, unknown> ? z.input<S> : never;
export type ParsedInputOf<C> = C extends ChannelSpec<infer S, unknown> ? z.output<S> : never;
export type ResultOf<C> = C extends ChannelSpec<z.ZodType, infer R> ? R : never;

/** Common pieces. Inputs are strict: unknown keys are refused. */
export const empty = z.strictObject({});
export const id = z.number({ error: '应为记录编号（整数）' }).int().positive();

/**
 * THE date type: every YYYY-MM-DD input in the contract is one of these. A
 * day that does not exist (2020-02-30, 2021-02-29, 2020-13-01, 0000-00-00)
 * is refused, and so is a year no ledger record can have.
 */
export const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD', abort: true })
  .refine(isValidDay, { message: '不是真实存在的日期（请检查月份和这个月的天数）', abort: true })
  .refine((d) => d >= '1890-01-01' && d <= '2099-12-31', '年份超出范围（应在 1890 年到 2099 年之间）');

/**
 * Today as the office counts it, for checks like "a birth date is not in the
 * future". The router sets it from `ctx.clock` before it parses each call
 * (parsing is synchronous, so calls never see each other's day); outside the
 * core (the renderer) nothing sets it and the check waits for the core.
 */
let todayForChecks: () => string | null = () => null;
export function setContractToday(today: () => string): void {
  todayForChecks = today;
}
/** A day that has already happened or is today: birth dates. */
export const pastDay = day.refine((d) => {
  const today = todayForChecks();
  return today === null || d <= today;
}, '不能晚于今天');

/** Refuses a period whose start is after its end; either end may be absent. */
export function fromNotAfterTo(v: { from?: string | null | undefined; to?: string | null | undefined }): boolean {
  return !v.from || !v.to || v.from <= v.to;
}
export const PERIOD_ORDER = { message: '不能早于{from}', path: ['to'] };
/** `{ from, to }` spread into an input; the object itself adds `.refine(fromNotAfterTo, PERIOD_ORDER)`. */
export const period = { from: day, to: day };
/** Typed text as stored: trimmed, without the characters nobody sees (invisible.shared.ts), then its length checked. */
// Far past its limit a text is refused before it is cleaned: cleaning a few million characters a renderer sends
// held the core seconds (twelfth attack run); no one types eight times a field's length in characters nobody sees.
const seenText = (max: number) =>
  z
    .string()
    .max(max * 8 + 64, `最多 ${max} 个字`)
    .transform((s) => dropInvisible(s).trim());
export const text = (max = 200) => seenText(max).pipe(z.string().max(max, `最多 ${max} 个字`));
export const requiredText = (max = 200) => seenText(max).pipe(z.string().min(1, '不能为空').max(max, `最多 ${max} 个字`));

/**
 * A file or folder the user chose, as the opaque handle the transport got
 * for that choice (see fs-grants.ts). Never a path: a path typed or made up
 * by the page is refused here, before any handler runs.
 */
export const HANDLE_PATTERN = /^fh_[A-Za-z0-9_-]{22,40}$/;
/** open: a file to read; save: a file to write; folder: a folder to write into; openFolder: a folder to read. */
export type ChosenKind = 'open' | 'save' | 'folder' | 'openFolder';
/** Which fields carry a choice, and of what kind (the transport-side tools and tests read it). */
export const chosenFields = z.registry<{ kind: ChosenKind }>();
export const chosen = (what: string, kind: ChosenKind) =>
  z
    .string({ error: `请先选择${what}` })
    .regex(HANDLE_PATTERN, `请用「选择」按钮选择${what}（不接受直接填写的路径）`)
    .register(chosenFields, { kind });

export const listParams = <F extends z.ZodType, S extends string>(filter: F, sortFields: readonly [S, ...S[]]) =>
  z.strictObject({
    filter: filter.optional(),
    sort: z
      .array(z.strictObject({ field: z.enum(sortFields), dir: z.enum(['asc', 'desc']) }))
      .max(3)
      .optional(),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(1000).default(100),
  });

export interface Page<T> {
  rows: T[];
  total: number;
}

export type Masked = string;
