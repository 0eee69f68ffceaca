/** What is wrong with a ledger's files before any password is asked (db/ledger.ts problem). */
import { existsSync } from 'node:fs';
import { AppError } from '../errors';
import { readKeyring } from './keyring';
import type { LedgerPaths } from './ledger-files';
import type { LedgerProblem } from './ledger-problem.shared';
import { diagnoseLedgerFile } from './open';

/** Missing keyring, a plain file, truncation, a foreign keyring; null when nothing is wrong (or there is no ledger yet). */
export function ledgerProblem(paths: LedgerPaths): LedgerProblem | null {
  const hasDb = existsSync(paths.db);
  const hasKeyring = existsSync(paths.keyring);
  if (!hasDb && !hasKeyring) return null;
  try {
    if (hasDb && !hasKeyring)
      throw new AppError('KEYRING_MISMATCH', '找不到密钥文件 taizhang.keyring.json，台账无法解锁。请把它放回台账文件夹，或从备份恢复。');
    if (!hasDb && hasKeyring) throw new AppError('LEDGER_DAMAGED', '找不到台账文件 taizhang.db（只有密钥文件）。请从备份恢复。');
    const keyring = readKeyring(paths.keyring);
    diagnoseLedgerFile(paths.db, keyring.dbSalt || null);
    return null;
  } catch (e) {
    if (e instanceof AppError && (e.code === 'NOT_A_LEDGER' || e.code === 'LEDGER_DAMAGED' || e.code === 'LEDGER_TOO_NEW' || e.code === 'KEYRING_MISMATCH')) {
      return { code: e.code, message: e.message };
    }
    throw e;
  }
}
