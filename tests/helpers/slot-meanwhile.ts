/**
 * Another window's write while a run off the core thread waits (a rotation's reseal, a reset): one slot rewritten in
 * the keyring file, so it is not the slot the run was judged on.
 */
import { readFileSync } from 'node:fs';
import { findSlot, readKeyring, replaceSlot, writeKeyring } from '../../electron/core/db/keyring';

/** Rewrites `name`'s slot (marked as a rotation marks it); returns the file as written. */
export function rewriteSlotMeanwhile(keyringPath: string, name: string): string {
  const k = readKeyring(keyringPath);
  writeKeyring(keyringPath, replaceSlot(k, { ...findSlot(k, name)!, pinStale: true } as never));
  return readFileSync(keyringPath, 'utf8');
}
