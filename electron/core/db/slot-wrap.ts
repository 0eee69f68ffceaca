/**
 * The password side of a key slot (db/keyslot.ts): scrypt of the password or recovery key, and AES-256-GCM wrapping
 * under it with additional data naming what is wrapped; and what a slot opens (SlotKeys). Shared by every slot
 * layout, so the layouts (keyslot.ts, keyslot-v1.ts) depend on it and not on each other.
 */
import { createCipheriv, createDecipheriv, scrypt, scryptSync, randomBytes, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_KDF: ScryptParams = { N: 1 << 15, r: 8, p: 1 };

/**
 * Cheap scrypt for tests alone: the unit tests' Core, and the preview's test mode with TAIZHANG_TEST_KDF=1
 * (worker/core-worker.ts). A slot made with less work than the core's own is refused at unlock (`weakerThan`).
 */
export const TEST_KDF: ScryptParams = { N: 1 << 10, r: 8, p: 1 };

/** Whether a slot's parameters cost less work (N·r·p) than `floor`, the core's own: the app's DEFAULT_KDF. */
export const weakerThan = (kdf: ScryptParams, floor: ScryptParams): boolean => kdf.N * kdf.r * kdf.p < floor.N * floor.r * floor.p;

export interface WrappedKey {
  iv: string;
  tag: string;
  wrapped: string;
}

/**
 * The work of one unlock (N·r·p) at most twice the default's. Within the bounds below alone a viewer could still set
 * the coordinator's slot to N = 2^20, r = 2, p = 4: 32 times the default's work, one sign-in attempt 13 s instead of
 * 0.5 s on this loaded machine, the core blocked meanwhile (seventh attack run, C1b).
 */
const MAX_WORK = 2 * DEFAULT_KDF.N * DEFAULT_KDF.r * DEFAULT_KDF.p;

/**
 * What this program makes, with room to grow: N a power of two from 2^10 (tests) to 2^20, r 1–32, p 1–4, at most
 * 256 MB (128·N·r), at most twice the default's work (MAX_WORK). The parameters are read from the keyring, which
 * anyone with the ledger folder can write: a coordinator's slot given p = 1,000 held their sign-in, and with it the
 * core, in one scrypt run for some 14 minutes (sixth attack run, C1); N or r make it cost memory as well.
 */
export function reasonable(kdf: ScryptParams): boolean {
  const { N, r, p } = kdf;
  const int = (x: unknown, lo: number, hi: number): boolean => Number.isSafeInteger(x) && (x as number) >= lo && (x as number) <= hi;
  return int(N, 1 << 10, 1 << 20) && (N & (N - 1)) === 0 && int(r, 1, 32) && int(p, 1, 4) && 128 * N * r <= 256 * 1024 * 1024 && N * r * p <= MAX_WORK;
}

function scryptOptions(kdf: ScryptParams): ScryptOptions {
  if (!reasonable(kdf)) throw new Error('scrypt parameters out of range');
  return { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + 1024 * 1024 };
}

/** Throws on parameters no slot of this program has (the caller says the slot is damaged). Holds the thread: slot creation. */
export function deriveWrappingKey(secret: string, salt: Buffer, kdf: ScryptParams): Buffer {
  return scryptSync(secret.normalize('NFKC'), salt, 32, scryptOptions(kdf));
}

/**
 * The same key on libuv's thread pool: a sign-in's scrypt (0.3–2 s on a loaded machine) no longer holds the core
 * thread, so every other channel answers meanwhile. Rejects where `deriveWrappingKey` throws.
 */
export function deriveWrappingKeyAsync(secret: string, salt: Buffer, kdf: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    try {
      scrypt(secret.normalize('NFKC'), salt, 32, scryptOptions(kdf), (e, key) => (e ? reject(e) : resolve(key)));
    } catch (e) {
      reject(e);
    }
  });
}

/**
 * A new slot's salt and the wrapping key its secret derives, made ahead on libuv's thread pool (`deriveNewSecret`: a
 * recovery's new slot, so the core answers meanwhile). The slot made with it overwrites `wrapKey` (used once).
 */
export interface NewSecret {
  readonly salt: Buffer;
  readonly kdf: ScryptParams;
  readonly wrapKey: Buffer;
}

export async function deriveNewSecret(secret: string, kdf: ScryptParams): Promise<NewSecret> {
  const salt = randomBytes(16);
  return { salt, kdf, wrapKey: await deriveWrappingKeyAsync(secret, salt, kdf) };
}

/** The salt and wrapping key of a slot being made: the ones derived ahead, or derived now (holding the thread). */
export function newSlotSecret(secret: string | NewSecret, kdf: ScryptParams): NewSecret {
  if (typeof secret !== 'string') return secret;
  const salt = randomBytes(16);
  return { salt, kdf, wrapKey: deriveWrappingKey(secret, salt, kdf) };
}

export function wrap(wrapKey: Buffer, aad: string, key: Buffer): WrappedKey {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrapKey, iv);
  cipher.setAAD(Buffer.from(aad));
  const wrapped = Buffer.concat([cipher.update(key), cipher.final()]);
  return { iv: iv.toString('hex'), tag: cipher.getAuthTag().toString('hex'), wrapped: wrapped.toString('hex') };
}

export function unwrap(wrapKey: Buffer, aad: string, w: WrappedKey): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrapKey, Buffer.from(w.iv, 'hex'));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(Buffer.from(w.tag, 'hex'));
    return Buffer.concat([decipher.update(Buffer.from(w.wrapped, 'hex')), decipher.final()]);
  } catch {
    return null;
  }
}

/** What one slot opens: the database key, and the sensitive key when the slot holds it. */
export interface SlotKeys {
  dbKey: Buffer;
  sensitiveKey: Buffer | null;
  /**
   * Set when the sensitive key opened as a version before vouched slot keys sealed it (or from a version-1 slot):
   * the unlock that finds it runs the upgrade's trust on first use (auth/slot-keys.ts). Never set by a seal a
   * viewer can make: the layout is in the seal's additional data, which only a holder of the key can seal under.
   */
  legacyLayout?: true;
  /** The coordinator key (issue 19, CR1): only in coordinators' slots and the recovery slot; absent or null elsewhere. */
  coordinatorKey?: Buffer | null;
}
