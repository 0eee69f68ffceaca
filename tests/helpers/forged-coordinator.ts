/** CR1 as the ninth attack run made it: a clerk, offline with their own password, writes role = 'coordinator' into their row and re-seals the role. */
import { join } from 'node:path';
import { getUserByName } from '../../electron/core/auth/user-queries';
import { vouchRole } from '../../electron/core/auth/vouched-roles';
import { findSlot, openSlotKeys, readKeyring } from '../../electron/core/db/keyring';
import { openEncrypted } from '../../electron/core/db/open';
import { makeSealer } from '../../electron/core/db/sealer';
import { asWriteDb } from '../../electron/core/db/types';

/** Everyone must be locked: the ledger in `dir` opened with `username`'s slot, their row made 统筹负责人, the role seal re-made. */
export function forgeCoordinatorRow(dir: string, username: string, password: string): void {
  const keyring = readKeyring(join(dir, 'taizhang.keyring.json'));
  const keys = openSlotKeys(keyring.ledgerId, findSlot(keyring, username)!, password)!;
  const db = openEncrypted(join(dir, 'taizhang.db'), keys.dbKey);
  try {
    db.prepare(`UPDATE users SET role = 'coordinator' WHERE username = @username`).run({ username });
    vouchRole(asWriteDb(db), makeSealer(keys.sensitiveKey!), getUserByName(db, username)!);
  } finally {
    db.close();
  }
}
