/**
 * The coordinator key (db/keyslot-coordinator.ts) once a coordinator's sign-in counted it (auth/session-start.ts), held
 * beside the sensitive key (held-sensitive-key.ts) until the ledger closes.
 */
import { sameBytes } from './keyring';

export class HeldCoordinatorKey {
  private key: Buffer | null = null;

  /** The key held, or null. */
  current(): Buffer | null {
    return this.key;
  }

  /** Takes `key` itself (a ledger made just now hands over its own), replacing any held. */
  take(key: Buffer | null): void {
    this.drop();
    this.key = key;
  }

  /** Holds a copy of `key`, replacing any held (a rotation's new one). */
  hold(key: Buffer): void {
    this.take(Buffer.from(key));
  }

  /** `key` when none is held or it is the one held; another key (not this ledger's now) is overwritten and null. */
  admit(key: Buffer | null): Buffer | null {
    if (!key || !this.key || sameBytes(this.key, key)) return key;
    key.fill(0);
    return null;
  }

  /** Overwrites the key held (as far as Node allows) and forgets it. */
  drop(): void {
    this.key?.fill(0);
    this.key = null;
  }
}
