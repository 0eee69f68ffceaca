/**
 * 生成新的恢复密钥 (users.newRecoveryKey, a task): the new recovery slot's key is derived on libuv's thread pool (one
 * scrypt run), so the core answers other windows meanwhile. Then, as 新建用户 and 重设密码: written only with the
 * ledger open under the same handle, this window's session, the keys (keyring id) and the recovery slot as they were
 * (a lock, a rotation, a recovery or another new key meanwhile: CONFLICT, nothing written); one transaction, its audit
 * row first and the keyring last (a commit failing after the save puts the keyring back: slot-row.ts).
 */
import { AppError } from '../errors';
import { newRecoveryKey, RECOVERY_SLOT } from '../db/keyring';
import { deriveNewSecret } from '../db/slot-wrap';
import type { HandlersOf } from '../handler-types';
import type { authContract } from './contract';
import { newRecoveryKeyFor, refuseRecoveryWithoutKey } from './keys';
import { keyringLastIn } from './slot-row';
import { stillAsJudged } from './as-judged';

const CHANGED_MEANWHILE = '生成新的恢复密钥期间台账在另一个窗口被锁定或更换了密钥，没有生成新的恢复密钥。请重试。';

export const newRecoveryKeyHandlers: Pick<HandlersOf<typeof authContract>, 'users.newRecoveryKey'> = {
  'users.newRecoveryKey': async (_input, ctx) => {
    const ledger = ctx.services.ledger;
    refuseRecoveryWithoutKey(ledger);
    const judged = ledger.keyring();
    const recoveryKey = newRecoveryKey();
    const secret = await deriveNewSecret(recoveryKey, ledger.kdf);
    try {
      if (!stillAsJudged(ctx, judged, [RECOVERY_SLOT])) throw new AppError('CONFLICT', CHANGED_MEANWHILE);
      keyringLastIn(ledger, () =>
        ctx.write((db, audit) => {
          audit({ entity: 'ledger', entityId: null, after: { recoveryKeyReplaced: true } });
          newRecoveryKeyFor(db, ledger, secret);
        }),
      );
      return { recoveryKey };
    } finally {
      secret.wrapKey.fill(0);
    }
  },
};
