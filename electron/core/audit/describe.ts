/**
 * One 操作日志 entry as a Chinese sentence: who did what to which record, and
 * which fields changed, by their Chinese names (「王建国 修改了社区「幸福社区」
 * （改动：户数、人口数）」). The stored row is untouched; the screen keeps its
 * raw details behind a toggle.
 */
import { z } from 'zod';
import { api, isChannel } from '../api';
import { labelOf } from '../contract';
import { unpackBatch } from './batched-entries';
import { camel, listOf, recordCodes, type CodeNames } from './code-labels';
import type { PayloadField } from './contract';
import { ACTIONS, ENTITY_NOUNS, NAME_KEYS, QUIET_FIELDS, RECORD_FIELD_NAMES } from './vocabulary';

export interface StoredAuditEntry {
  who: string;
  channel: string;
  entity: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
}

type Json = Record<string, unknown>;

function parse(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A field by the name its channel's screen gives it, or by the name stored records use. */
export function fieldName(channel: string, key: string): string | undefined {
  const named = (k: string) => (isChannel(channel) ? labelOf(api[channel], [k]) : undefined) ?? RECORD_FIELD_NAMES[k];
  // A stored row's snake_case column reads by its camelCase field's name (risk_level as riskLevel).
  return named(key) ?? (key.includes('_') ? named(camel(key)) : undefined);
}

function recordName(...records: unknown[]): string | null {
  for (const r of records) {
    if (!isRecord(r)) continue;
    for (const k of NAME_KEYS) {
      const v = r[k];
      if (typeof v === 'string' && v.trim() !== '') return v.trim().slice(0, 40);
    }
  }
  return null;
}

/** The fields whose values differ, by their Chinese names; fields without one are counted. */
function changedFields(channel: string, before: unknown, after: unknown): string {
  if (!isRecord(before) || !isRecord(after)) return '';
  const named: string[] = [];
  let unnamed = 0;
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (QUIET_FIELDS.has(key) || JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    const name = fieldName(channel, key);
    if (name && !named.includes(name)) named.push(name);
    else if (!name) unnamed++;
  }
  if (named.length === 0 && unnamed === 0) return '（内容未变）';
  if (named.length === 0) return `（改动 ${unnamed} 项）`;
  return `（改动：${named.join('、')}${unnamed ? ` 等 ${named.length + unnamed} 项` : ''}）`;
}

/** 「王建国 修改了社区「幸福社区」（改动：户数）」 */
export function describeAudit(e: StoredAuditEntry): string {
  const before = parse(e.before);
  const after = parse(e.after);
  const noun = ENTITY_NOUNS[e.entity] ?? '记录';
  const name = recordName(after, before);
  const quoted = name ? `「${name}」` : e.entityId !== null && !/[:.]/.test(e.entityId) ? `（编号 ${e.entityId}）` : '';
  const who = e.who;

  switch (e.channel) {
    case 'demo.seed':
      return `${who} 生成了演示数据（${noun}）`;
    case 'auth.unlock.failures': {
      if (isRecord(after) && typeof after.tampered === 'string') return `${who} 解锁时发现：${after.tampered}`;
      const n = isRecord(after) && typeof after.failedAttempts === 'number' ? after.failedAttempts : null;
      const times = n === null ? '' : ` ${n} 次`;
      // Failures are recorded at the next unlock, whoever unlocks: another account that was tried is named.
      const tried = isRecord(after) && typeof after.name === 'string' ? after.name : null;
      if (tried === '#recovery') return `解锁前有人输错了${times}恢复密钥（${who} 解锁时记入）`;
      if (tried !== null) return `解锁前有人以用户名「${tried}」输错了${times}密码（${who} 解锁时记入）`;
      return `${who} 解锁前输错了${times}密码`;
    }
    case 'residents.reveal': {
      const field = isRecord(after) && typeof after.field === 'string' ? (fieldName(e.channel, after.field) ?? '号码') : '号码';
      return `${who} 查看了居民${quoted}的${field}原号`;
    }
    case 'keys.refuse': {
      // A slot whose public key is not the one a key holder vouched for (auth/slot-keys.ts).
      const why = isRecord(after) && after.sensitiveKeyRefused === 'unknown' ? '在密钥文件里的那一项没有经过核实' : '在密钥文件里的那一项被改动过';
      return `${who} 发现${quoted}${why}，未交出敏感信息密钥`;
    }
    case 'auth.unlock':
      // The anchor's finding at a key holder's unlock (audit/anchor-unlock.ts): read as 「新增了操作日志」 before.
      if (isRecord(after) && typeof after.auditAnchor === 'string' && typeof after.message === 'string')
        return `${who} 解锁时核对操作日志的锚点，发现：${after.message}`;
      // The retired keys' list junked or deleted offline (keys/key-history-finding.ts, S34-A5): logged once per damage.
      if (isRecord(after) && isRecord(after.keyHistory)) {
        const rows = typeof after.keyHistory.unreadableRows === 'number' ? after.keyHistory.unreadableRows : 0;
        const how = after.keyHistory.state === 'missing' ? '不见了' : '已损坏';
        return `${who} 解锁时发现：台账里保存的旧密钥记录${how}（台账文件在本程序之外被改动过），上次更换密钥之前的 ${rows} 条操作日志记录的原号无法查看`;
      }
      // A slot that opened a key that is not the ledger's (db/ledger.ts unlock): the session went on without it.
      // A pinned slot whose key is not the one its holder's password pins (db/ledger-pins.ts; session 18 attack run, S6).
      if (isRecord(after) && after.sensitiveKeyRefused === 'pin')
        return `${who} 解锁时，从密钥文件里解开的敏感信息密钥不是其密码记下的那一把（密钥文件被人改动过），这次登录没有使用它`;
      // Not the pinned key, and it does not open what is already sealed (db/ledger-pins.ts; session 19 attack run, P3).
      if (isRecord(after) && after.sensitiveKeyRefused === 'witness')
        return `${who} 解锁时，从密钥文件里解开的敏感信息密钥打不开台账里已加密保存的内容（密钥文件被人改动过），这次登录没有使用它`;
      // A key granted by public key into a slot whose pin names none (db/ledger-pins.ts; session 22, W1 through a promotion).
      if (isRecord(after) && after.sensitiveKeyRefused === 'unpinned')
        return `${who} 解锁时，其在密钥文件里的那一项有敏感信息密钥，但其密码没有记下任何一把（改为录入员或统筹负责人后还没重设密码），这次登录没有使用它`;
      // A coordinator key in a coordinator's slot that no coordinator's rotation leads to (db/coordinator-lineage.ts, CR1-Q).
      if (isRecord(after) && after.coordinatorRotationRefused === true)
        return `${who} 解锁时发现，台账的密钥被更换过，但密钥文件里的更换记录连不回此人上次持有的统筹负责人密钥（记录在本程序之外被删改过，或有人在本程序之外把自己改成了统筹负责人），这次登录没有使用新密钥`;
      if (isRecord(after) && after.sensitiveKeyRefused === 'anchor')
        return `${who} 解锁时，从密钥文件里解开的敏感信息密钥不是这本台账的（密钥文件或锚点文件被人改动过），这次登录没有使用它`;
      break;
    case 'import.commit':
      // An import whose window was ended (locked, 重设密码, 停用) while it read its rows: stopped before writing (io/import/jobs.ts).
      if (isRecord(after) && after.stopped === 'windowEnded')
        return `${who} 的导入${quoted}在写入前停止：这个窗口已退出登录（锁定、重设密码或停用），台账没有改动`;
      break;
    case 'import.rejected.save':
      // The rejected rows as the community wrote them, full numbers included (io/import/handlers.ts; S30-A3).
      if (isRecord(after) && typeof after.rejectedRows === 'number')
        return `${who} 把导入${quoted}的 ${after.rejectedRows} 行退回的行（含完整身份证号和电话）保存到「${String(after.path)}」`;
      break;
    case 'rota.generate': {
      // A run's row, then its assignments 500 to a row: those it replaced in `before`, those it made in `after` (rota/plan-save.ts).
      if (e.entity === 'rota_plan' && isRecord(after)) {
        const where = Array.isArray(after.communityIds) ? `（${after.communityIds.length} 个社区）` : '';
        return `${who} 自动排班 ${String(after.from)} 至 ${String(after.to)}${where}：新排 ${String(after.created)} 个班次，替换此前自动排的 ${String(after.replaced)} 个`;
      }
      if (e.entity !== 'rota_assignment') break;
      const ids = e.entityId === null ? '' : `（编号 ${e.entityId}）`;
      if (before === null && after !== null) return `${who} 自动排班新排了 ${unpackBatch(after)?.length ?? 1} 个值守安排${ids}`;
      if (after === null && before !== null)
        return `${who} 自动排班替换了此前自动排的 ${unpackBatch(before)?.length ?? 1} 个值守安排${ids}（原安排在「显示原始记录」里）`;
      break;
    }
    case 'rota.staff.reveal':
      return `${who} 查看了人员${quoted}的身份证号和电话原号`;
    case 'rota.roster': {
      // A roster printed with full phones (rota/contract.ts fullPhonesPrinted): which week, where, how many people's phones.
      if (!isRecord(after)) break;
      const where = typeof after.communities === 'string' && after.communities ? `${after.communities}的` : '';
      const people = typeof after.people === 'number' ? `，${after.people} 人的电话` : '';
      return `${who} 打印了${where}带完整电话的轮班表（${String(after.from)} 至 ${String(after.to)}${people}）`;
    }
    default:
      break;
  }

  if (e.entity === 'damaged_row') {
    // A row found altered outside the program when it was about to be opened (db/row-binding.ts, router.ts).
    const what = isRecord(after) && typeof after.damagedRecord === 'string' ? after.damagedRecord : '记录';
    return `${who} ${ACTIONS[e.channel] ?? '操作'}时发现${what}${quoted}在本程序之外被改动过，没有打开它`;
  }
  const action = ACTIONS[e.channel];
  if (e.entity === 'search') {
    // A read the contract audits (read-audit.ts): what was asked and how many matched, never what was found.
    const q = isRecord(after) && typeof after.q === 'string' ? `「${after.q}」` : '';
    const n = isRecord(after) && typeof after.matches === 'number' ? `（找到 ${after.matches} 条）` : '';
    return `${who} ${action ?? '搜索了'}${q}${n}`;
  }
  if (action === undefined) {
    // A save reads as 新增 or 修改 of its record; a write the vocabulary lacks reads the same way, in Chinese.
    const verb = before === null && after !== null ? '新增了' : after === null && before !== null ? '删除了' : '修改了';
    return `${who} ${verb}${noun}${quoted}${verb === '修改了' ? changedFields(e.channel, before, after) : ''}`;
  }
  return `${who} ${action}${quoted}${before !== null && after !== null ? changedFields(e.channel, before, after) : ''}`;
}

/** The schema under optional, nullable, default, readonly, pipe and list wrappers. */
function bare(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault || s instanceof z.ZodPrefault || s instanceof z.ZodReadonly)
      s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodPipe) s = s.in as z.ZodType;
    else if (s instanceof z.ZodArray) s = s.element as z.ZodType;
    else return s;
  }
}

/** The codes a channel's input declares at `path` (`z.enum(LIST)`), by their names: the list's, or the fields' when the codes are field keys. */
function inputCodes(channel: string, path: readonly string[]): CodeNames | undefined {
  if (!isChannel(channel)) return undefined;
  let s: z.ZodType = api[channel].input;
  for (const key of path) {
    const obj = bare(s);
    if (!(obj instanceof z.ZodObject)) return undefined;
    const child = (obj.shape as Record<string, z.ZodType | undefined>)[key];
    if (child === undefined) return undefined;
    s = child;
  }
  const e = bare(s);
  if (!(e instanceof z.ZodEnum)) return undefined;
  const options = e.options.map(String);
  const named = listOf(options);
  if (named) return named;
  const asFields = options.flatMap((o) => {
    const name = fieldName(channel, o);
    return name === undefined ? [] : [[o, name] as const];
  });
  return asFields.length === options.length ? Object.fromEntries(asFields) : undefined;
}

/** A value as 操作日志 shows it: a code (or a list of codes) by its Chinese name, where its field holds codes. */
function valueText(v: unknown, codes?: CodeNames): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string') {
    // A list of codes as its column stores it (a resident's tags: JSON text).
    const list = codes && v.startsWith('[') ? parse(v) : null;
    return Array.isArray(list) ? valueText(list, codes) : (codes?.[v] ?? v);
  }
  if (typeof v === 'number') return String(v);
  if (codes && Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.length === 0 ? '（空）' : v.map((x) => codes[x] ?? x).join('、');
  return JSON.stringify(v);
}

/**
 * A payload (as stored, or opened by audit.reveal) as labelled lines: fields by
 * the names their channel's screen gives them, a sealed record's fields
 * (`personal`) beside the others as if never sealed, nested records by both
 * names. Codes read by their Chinese names (code-labels.ts: by the record's
 * kind, `entity`, or by the list the channel's input declares). Other lists
 * and batches stay JSON; fields without a Chinese name keep their key.
 */
export function payloadFields(channel: string, entity: string, text: string | null): PayloadField[] {
  const out: PayloadField[] = [];
  const walk = (record: Json, prefix: string, path: readonly string[]) => {
    for (const [key, v] of Object.entries(record)) {
      if (QUIET_FIELDS.has(key)) continue;
      if (key === 'personal' && isRecord(v)) walk(v, prefix, path);
      else if (isRecord(v) && !('columns' in v)) walk(v, `${prefix}${fieldName(channel, key) ?? key} · `, [...path, key]);
      else {
        const codes = (path.length === 0 ? recordCodes(entity, key) : undefined) ?? inputCodes(channel, [...path, key]);
        out.push({ label: `${prefix}${fieldName(channel, key) ?? key}`, value: valueText(v, codes) });
      }
    }
  };
  const parsed = parse(text);
  if (isRecord(parsed)) walk(parsed, '', []);
  else if (parsed !== null) out.push({ label: '内容', value: valueText(parsed) });
  return out;
}
