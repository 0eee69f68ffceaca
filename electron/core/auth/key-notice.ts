/**
 * A clerk or coordinator whose slot holds no sensitive key signs in as 只读查看 (handlers.ts roleBackedByKey):
 * a new user before any key holder signed in, or a slot a holder's sign-in refused (auth/keys.ts: its public key
 * was changed, or never vouched for). Without this they saw viewer screens and a bare 没有权限. The notice says
 * why and what fixes it; the router and the digit search refuse with it (contract.ts NO_SENSITIVE_KEY).
 *
 * The case is read from what a session without the sensitive key can read: the audit log's clear columns
 * (channel, entity, entity_id; a `keys.refuse` row for this user newer than the last time their slot was made)
 * and which names `slot_keys` holds a statement for (its contents are sealed). A viewer with the files could write a role or such rows; that changes only these words, never
 * what the session may do.
 */
import { ROLE_LABELS, NO_SENSITIVE_KEY, type KeyNotice } from '../contract';
import { hasSensitiveKey, keyedKeyring, type Keyring } from '../db/keyring';
import type { ReadDb } from '../db/types';
import type { KeyRefusal } from '../db/keyslot';
import { AppError } from '../errors';
import type { UserInfo } from './types.shared';
import { KEYS_REFUSE } from './key-grants';
import { usernameKey } from './username.shared';

/** Channels whose audit row (entity 'user') means the user's slot was made anew (auth/handlers.ts, user-handlers.ts). */
export const SLOT_MADE = ['users.create', 'users.resetPassword', 'auth.recover', 'auth.changePassword'];

function refusedSinceSlotMade(db: ReadDb, userId: number): boolean {
  const row = db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM audit_log WHERE channel = @refuse AND entity = 'user' AND entity_id = @id
         AND id > COALESCE((SELECT max(id) FROM audit_log WHERE entity = 'user' AND entity_id = @id AND channel IN (SELECT value FROM json_each(@made))), 0)) AS refused`,
    )
    .get({ refuse: KEYS_REFUSE, id: String(userId), made: JSON.stringify(SLOT_MADE) }) as { refused: number };
  return row.refused === 1;
}

/**
 * No statement vouches for this user's slot while others' do (a slot made without the key: a recovery through a
 * recovery slot that lacked it, a viewer's own password change): the next holder's unlock will refuse it too.
 * An empty table is a ledger before the upgrade to vouched keys, whose first holder vouches for everyone.
 */
function slotUnvouched(db: ReadDb, username: string): boolean {
  const row = db
    .prepare(`SELECT EXISTS (SELECT 1 FROM slot_keys) AS anyKey, EXISTS (SELECT 1 FROM slot_keys WHERE name = @name) AS own`)
    .get({ name: usernameKey(username) }) as { anyKey: number; own: number };
  return row.anyKey === 1 && row.own === 0;
}

/**
 * What kept the key from this sign-in: a refusal of the slot's key (db/ledger-pins.ts), or a recovery (auth.recover)
 * whose recovery slot gave none (`recovered`, with the recovery slot's refusal, null when it held no key at all).
 */
export type NoticeCause = KeyRefusal | { recovered: KeyRefusal | null } | typeof UNVOUCHED_ROTATION;

/**
 * A coordinator's slot holds a coordinator key its pin does not name, and no rotation by a holder of the pinned key
 * leads to it (db/coordinator-lineage.ts; eleventh attack run, CR1-Q): someone rotated the keys under a coordinator
 * key of their own. Not the routine 'rotated': the reset it asks for would come from that person.
 */
export const UNVOUCHED_ROTATION = 'unvouched-rotation';

/** Why the recovery slot gave no key, in the recovering user's words (the case 'recovered'). */
function recoveryGaveNone(refused: KeyRefusal | null): string {
  if (refused === 'rotated') return '这张恢复密钥是更换密钥之前的那一张（更换后没有生成新的恢复密钥），它认的是已经作废的旧密钥';
  if (refused === null || refused === 'unpinned')
    return '这张恢复密钥是在没有敏感信息密钥时生成的（例如旧版本生成的，或由没有这把密钥的统筹负责人生成），程序不认它交出的密钥';
  return '密钥文件 taizhang.keyring.json 里恢复密钥那一项被人改动过，它交出的密钥不是这本台账的，程序没有使用';
}

/** Why this sign-in has no sensitive key though the user's role would hold one; null when it has it or never would. */
export function keyNoticeFor(db: ReadDb, user: UserInfo, sensitive: boolean, keyring: Keyring, cause: NoticeCause | null = null): KeyNotice | null {
  if (sensitive || user.disabled || user.role === 'viewer' || !keyedKeyring(keyring)) return null;
  const who = `您的账号（${ROLE_LABELS[user.role]}）`;
  const asViewer = '这次登录只能像只读查看账号一样使用：身份证号和电话打码，不能按号码查找，不能登记或修改。';
  // A recovery: the user's new password is set, but the recovery slot gave no key (session 23's closing note: the
  // notice said 'refused', a slot nobody vouched for, which is not what happened).
  if (cause !== null && typeof cause === 'object')
    return {
      case: 'recovered',
      role: user.role,
      message: `新密码已设好，但恢复密钥没能交出敏感信息密钥：${recoveryGaveNone(cause.recovered)}。${asViewer}请另一位持有密钥的统筹负责人在「设置 → 用户」为您重设密码（您用新密码登录后即可查看完整号码、登记或修改），并生成新的恢复密钥（「设置 → 用户 → 密钥」）。没有别的统筹负责人时，加密保存的身份证号、电话等只能从备份找回：请联系技术支持。`,
    };
  if (cause === UNVOUCHED_ROTATION)
    return {
      case: 'unvouched',
      role: user.role,
      message: `台账的密钥被更换过，但程序无法证实是统筹负责人更换的：密钥文件 taizhang.keyring.json 里的更换记录连不回您上次登录时持有的统筹负责人密钥。可能是这些记录在本程序之外被删改过，也可能是有人在本程序之外把自己改成了统筹负责人；程序分不清是哪一种。${asViewer}请不要让别人为您重设密码：请关闭程序，把台账文件夹里现在的文件另存一份，再把最近一次备份文件夹里的 taizhang.db、taizhang.keyring.json 和 taizhang.anchor.json 复制回台账文件夹后重新打开；需要时请联系技术支持。`,
    };
  const keyRefused = cause;
  // The slot opened a key that is not the ledger's (db/ledger.ts unlock, key-fits.ts; session 18 attack run, S5): the
  // keyring or the anchor was changed outside the program, and the backup's files are the way back, as for 'lost'.
  // The holder's own password pins another key (session 19, S6): a key was put into the slots from outside the program.
  if (keyRefused === 'pin')
    return {
      case: 'lost',
      role: user.role,
      message: `用${who}的密码从密钥文件里解开的敏感信息密钥，不是您上次登录时持有、由您的密码记下的那一把（或这个记录被删掉了）：密钥文件 taizhang.keyring.json 被人改动过，程序没有使用这把密钥，也不会用它加密您保存的内容。${asViewer}请关闭程序，把台账文件夹里现在的文件另存一份，再把最近一次备份文件夹里的 taizhang.db、taizhang.keyring.json 和 taizhang.anchor.json 复制回台账文件夹后重新打开；需要时请联系技术支持。`,
    };
  // A key that is not exactly the pinned one and does not open what is already sealed (session 19, P3): sealed into
  // the slots from outside the program, possibly with older copies of the slots put back.
  // A rotation since this user's last sign-in, run by someone else (README "Pins"): their password pins the retired key,
  // and a successor is never taken on the ledger's word (session 20 attack run, W1). Not damage: a reset fixes it.
  if (keyRefused === 'rotated')
    return {
      case: 'rotated',
      role: user.role,
      message: `台账的密钥已更换（停用或降级账号、或统筹负责人更换密钥后会这样）。您的密码还不能打开新密钥：请统筹负责人在「设置 → 用户」里为您重设密码，再用新密码登录。在此之前，每次登录都只能像只读查看账号一样使用：身份证号和电话打码，不能按号码查找，不能登记或修改。`,
    };
  if (keyRefused === 'witness')
    return {
      case: 'lost',
      role: user.role,
      message: `用${who}的密码从密钥文件里解开的敏感信息密钥打不开台账里已经加密保存的内容（身份证号、电话等），不是这本台账的：密钥文件 taizhang.keyring.json 被人改动过（例如放回了旧的密钥文件），程序没有使用这把密钥，也不会用它加密您保存的内容。${asViewer}请关闭程序，把台账文件夹里现在的文件另存一份，再把最近一次备份文件夹里的 taizhang.db、taizhang.keyring.json 和 taizhang.anchor.json 复制回台账文件夹后重新打开；需要时请联系技术支持。`,
    };
  if (keyRefused && keyRefused !== 'unpinned')
    return {
      case: 'lost',
      role: user.role,
      message: `用${who}的密码从密钥文件里解开的敏感信息密钥不是这本台账的（与操作日志的锚点或别人登录时用的密钥对不上）：密钥文件 taizhang.keyring.json 或锚点文件 taizhang.anchor.json 被人改动过，程序没有使用这把密钥。${asViewer}请关闭程序，把台账文件夹里现在的文件另存一份，再把最近一次备份文件夹里的 taizhang.db、taizhang.keyring.json 和 taizhang.anchor.json 复制回台账文件夹后重新打开；需要时请联系技术支持。`,
    };
  // The key taken out of every slot (session 17 attack run, S1): nobody can hand it over, and restoring in the app
  // needs a coordinator who holds it, so the way back is the backup's files copied in by hand.
  if (!hasSensitiveKey(keyring))
    return {
      case: 'lost',
      role: user.role,
      message: `${who}拿不到敏感信息密钥：密钥文件 taizhang.keyring.json 里已经没有任何一把钥匙持有它（密钥文件被人改动过）。${asViewer}加密保存的身份证号、电话等只能从备份找回：请关闭程序，把台账文件夹里现在的文件另存一份，再把最近一次备份文件夹里的 taizhang.db、taizhang.keyring.json 和 taizhang.anchor.json 复制回台账文件夹后重新打开；需要时请联系技术支持。`,
    };
  // The holder's password pins no key (db/ledger-pins.ts): what a grant seals into the slot never counts, so waiting for
  // one does not help (a promotion from 只读查看 made before session 22, a user made by a coordinator without the key).
  if (keyRefused === 'unpinned')
    return {
      case: 'promoted',
      role: user.role,
      message: `${who}还不能使用敏感信息密钥：账号改为${ROLE_LABELS[user.role]}（或由没有这把密钥的统筹负责人新建）后，还需要统筹负责人在「设置 → 用户」为您重设一次密码，您用新密码登录后才能查看完整号码、登记或修改。在此之前，${asViewer}`,
    };
  if (refusedSinceSlotMade(db, user.id) || slotUnvouched(db, user.username))
    return {
      case: 'refused',
      role: user.role,
      message: `${who}拿不到敏感信息密钥：程序发现您在密钥文件里的那一项没有经过持有密钥的人核实（它是在没有这把密钥时新建的，例如程序升级后您在统筹负责人之后才第一次登录；也可能被人改动过），持有密钥的人登录时不会把密钥交给它。${asViewer}请统筹负责人在「设置 → 用户」为您重设密码，之后您用新密码登录。`,
    };
  return {
    case: 'waiting',
    role: user.role,
    message: `${who}还没有拿到敏感信息密钥：请另一位统筹负责人或录入员登录一次，之后您重新登录即可。${asViewer}`,
  };
}

/** The refusal a session with a key notice gets where its role would have been enough: the notice's words, its case in details. */
export const noSensitiveKey = (notice: KeyNotice, details: Record<string, unknown> = {}): AppError =>
  new AppError('FORBIDDEN', notice.message, { ...details, [NO_SENSITIVE_KEY]: notice.case });
