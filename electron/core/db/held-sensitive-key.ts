/**
 * The sensitive key while a session that opened it is unlocked, and the
 * sealer made from it. The first key held stays held: a second, different
 * one offered later is refused by the Ledger before it gets here, and an
 * equal one is dropped (its copy overwritten).
 */
import { sameBytes } from './keyring';
import { makeSealer, type Sealer } from './sealer';

export class HeldSensitiveKey {
  private key: Buffer | null = null;
  private sealerForKey: Sealer | null = null;

  /** The key, or null while no slot holding it has been opened. */
  current(): Buffer | null {
    return this.key;
  }

  isHeld(): boolean {
    return this.key !== null;
  }

  /** Whether `other` is the key held (false while none is). */
  isSameAs(other: Buffer): boolean {
    return this.key !== null && sameBytes(this.key, other);
  }

  /** Keeps `key` unless one is held already; then `key` is overwritten and dropped. */
  hold(key: Buffer): void {
    if (this.key) {
      key.fill(0);
      return;
    }
    this.key = key;
    this.sealerForKey = makeSealer(key);
  }

  /** After a rotation wrote the keyring: the new key is the one held (sealer included). */
  replace(newKey: Buffer): void {
    this.drop();
    this.hold(Buffer.from(newKey));
  }

  drop(): void {
    this.key?.fill(0);
    this.key = null;
    this.sealerForKey = null;
  }

  sealer(): Sealer | null {
    return this.sealerForKey;
  }
}
