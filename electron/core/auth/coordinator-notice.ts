/**
 * What a table 统筹负责人 whose role the coordinator key does not vouch for is told (issue 19, CR1 and CR1-U): the
 * session runs as 录入员 (session-start.ts). Two cases: the ledger has no coordinator key yet (an upgrade from a
 * version without it: confirm once with the recovery key, coordinator-upgrade.ts), or it has one and the list does
 * not name this user (a coordinator from before the upgrade not yet confirmed on 设置 › 用户, or files changed).
 */
import type { KeyNotice } from '../contract';
import { hasCoordinatorKey } from '../db/keyslot-coordinator';
import type { Keyring } from '../db/keyring';
import type { ReadDb } from '../db/types';
import { listedUsernames } from './coordinator-vouch';
import * as q from './user-queries';

const AS_CLERK = '这次登录只能作为录入员使用（可以登记、修改、查看完整号码），不能管理用户、更换密钥或恢复备份。';
const BACKUP = '请关闭程序，把最近一次备份文件夹里的 taizhang.db、taizhang.keyring.json 和 taizhang.anchor.json 复制回台账文件夹后重新打开。';

/** The limit of a ledger whose recovery sheet is lost (README "Keys at rest"): said where the office would look. */
export const NO_RECOVERY_SHEET =
  '找不到恢复密钥时，这本台账上无法确认统筹负责人（程序有意不留别的路，否则拿着台账文件的录入员也能走）：大家仍可作为录入员使用，需要统筹负责人的事做不了；只能新建一本台账（新的恢复密钥当场打印保管），把资料重新录入或导入，请联系技术支持。';

export const CONFIRM_WITH_RECOVERY_KEY: KeyNotice = {
  case: 'confirm',
  role: 'coordinator',
  message:
    `台账已升级：请用恢复密钥确认一次统筹负责人身份。新版本用「统筹负责人密钥」证实谁是统筹负责人，升级后要由一位统筹负责人在下面输入恢复密钥（建台账或更换密钥时打印的那张）和自己的密码确认，程序才生成这把密钥；这样，升级前有人在程序之外把自己改成统筹负责人也没有用。确认之前，${AS_CLERK}` +
    `其他统筹负责人不用输入恢复密钥，由确认过的统筹负责人在「设置 › 用户」逐个确认。${NO_RECOVERY_SHEET}`,
};

/** Display names of the users the list names (read without its key: words only, never a reason to count anyone). */
function listedNames(db: ReadDb): string[] {
  const users = q.listUsers(db);
  return listedUsernames(db).map((name) => users.find((u) => u.username === name)?.displayName ?? name);
}

/** The notice for a table coordinator the coordinator key does not vouch for. */
export function unvouchedCoordinatorNotice(db: ReadDb, keyring: Keyring): KeyNotice {
  if (!hasCoordinatorKey(keyring.slots)) return CONFIRM_WITH_RECOVERY_KEY;
  const names = listedNames(db);
  const listed = names.length ? `名单上现在的统筹负责人是：${names.join('、')}。` : '';
  return {
    case: 'unvouched',
    role: 'coordinator',
    message:
      `您的账号在用户表里是统筹负责人，但这一身份没有得到统筹负责人密钥的证实，${AS_CLERK}${listed}` +
      `台账从旧版本升级后，升级前的其他统筹负责人要由确认过的统筹负责人在「设置 › 用户」确认一次：请找他确认，之后您重新登录即可。` +
      `如果名单上没有您认识的统筹负责人，或您本来就是确认过的统筹负责人，说明用户表或密钥文件在本程序之外被改动过：${BACKUP}`,
  };
}
