/**
 * The audit anchor a backup carries (issue 19 item 4). When the backup is
 * made, the anchor is computed afresh for the copy itself (its head and row
 * count, MACed with the sensitive key), so it is exactly true of the rows
 * copied; without the key, or when the ledger's own anchor no longer matches
 * its log, the ledger's anchor file goes in as it stands (older but true, or
 * the evidence). The file is listed in the authenticated manifest.
 *
 * Before a restore replaces anything, the staged copy is checked against it:
 * the MAC when the restoring session holds the backup's sensitive key, the
 * position and row count in any case. A copy whose log was shortened or
 * re-chained is refused. A backup without an anchor is accepted only if its
 * ledger never had one: a backup made before sealing, whose keyring holds no
 * sensitive key (anchorExpected in audit/anchor.ts: the key and the anchor came
 * with the same version, so a keyring with the key says the program that made
 * the backup wrote anchors; the copy's meta mark counts too). Session 15's AU2
 * took the anchor out of a real backup and rewrote its manifest as version 1:
 * its keyring still holds the sensitive key, so it is refused. A version-1
 * manifest (no MAC) of such a keyring is refused on its own (oldManifestOfKeyedLedger).
 */
import { join } from 'node:path';
import { anchorExpected, anchorOf, anchorVerdict, checkAnchor, hadAnchor, readAnchorFile, type AnchorCheck, type AuditAnchor } from '../../audit/anchor';
import type { Ledger } from '../../db/ledger';
import { ANCHOR_FILE } from '../../db/ledger-files';
import type { Sealer } from '../../db/sealer';
import type { ReadDb } from '../../db/types';
import { AppError } from '../../errors';

export { ANCHOR_FILE };

/** The anchor to put in a backup whose copy of the database is `copy`; null when the ledger has none to give. */
export function anchorForBackup(ledger: Ledger, copy: ReadDb, nowIso: string): AuditAnchor | null {
  const sealer = ledger.sealer();
  const own = checkAnchor(ledger.handle(), sealer);
  if (sealer && (own.state === 'ok' || own.state === 'none')) return anchorOf(copy, ledger.keyring().ledgerId, sealer, nowIso, own.anchor?.recovery);
  const file = readAnchorFile(ledger.paths.anchor);
  return typeof file === 'object' ? file : null;
}

/** The anchor file inside a backup folder (or its staged copy). */
export const backupAnchorPath = (dir: string): string => join(dir, ANCHOR_FILE);

/**
 * Checks a backup's copy against the anchor it carries. `anchorPath`: the anchor file when the
 * manifest lists one (its hash already checked), else null; `site.keyed`: the backup's keyring holds
 * a sensitive key. The message is for the 备份与恢复 screen.
 */
export function backupAnchorVerdict(copy: ReadDb, anchorPath: string | null, site: { ledgerId: string; keyed: boolean }, sealer: Sealer | null): AnchorCheck {
  const { ledgerId } = site;
  if (!anchorPath) {
    return anchorExpected(site.keyed, hadAnchor(copy))
      ? {
          state: 'missing',
          message: '这份备份没有带操作日志锚点，但做备份的程序已经会写锚点（备份里的台账有敏感信息密钥）：锚点被拿掉了，备份可能被改动过，不能用它恢复。',
        }
      : { state: 'none', message: '这份备份没有带操作日志锚点（做备份的程序版本还没有这项功能），只核对了日志本身的串联。' };
  }
  const v = anchorVerdict(copy, readAnchorFile(anchorPath), { ledgerId, hadAnchor: true, file: ANCHOR_FILE }, sealer);
  const head = v.anchor ? `到第 ${v.anchor.lastId} 条，共 ${v.anchor.rows} 条` : '';
  switch (v.state) {
    case 'ok':
      return { ...v, message: `备份带有操作日志锚点，与备份中的日志一致（${head}）。` };
    case 'nokey':
      return { ...v, message: `备份带有操作日志锚点，位置和条数与备份中的日志一致（${head}）；这次登录没有敏感信息密钥，未核对锚点的签名。` };
    case 'forged':
    case 'unreadable':
      return { ...v, message: '备份中的操作日志锚点被改写过、已损坏，或不是这个台账的，不能用这份备份恢复。' };
    default:
      return { ...v, message: `备份中的修改记录与它的锚点不符：${v.message}不能用这份备份恢复。` };
  }
}

/**
 * A version-1 manifest carries no MAC; the program that wrote them came before the sensitive key
 * (manifest version 2 came first). So a version-1 manifest beside a keyring holding the key was
 * rewritten (AU2: a real backup shortened, its anchor removed, backup.json made version 1): refused.
 */
export function oldManifestOfKeyedLedger(version: number, keyed: boolean): AppError | null {
  if (version !== 1 || !keyed) return null;
  return new AppError(
    'LEDGER_DAMAGED',
    '这份备份的清单（backup.json）是旧版本的格式（没有校验码），但备份里的台账已经有敏感信息密钥：做这份备份的程序写的是带校验码和锚点的清单，清单被换过，不能用它恢复。当前台账没有被改动。',
  );
}
