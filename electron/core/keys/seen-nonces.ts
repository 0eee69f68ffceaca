/**
 * The nonces of the sealed values the witness has judged (keys/sealed-witness.ts), kept exactly: a nonce seen twice
 * is a value copied, which the program never makes (db/sealer.ts `nonceLength`). One table of 32-bit words, four per
 * slot (a nonce is at most 16 bytes), open addressing with linear probing, at most half full: 32 MB at 1,000,000
 * values, and no object per value for the garbage collector. Only values that already opened under the key are
 * added, so no one without the key chooses where they land. One table per nonce length (a version-1 IV, a
 * version-2 counter block).
 */
const WORDS_PER_SLOT = 4;
const FIRST_SLOTS = 1 << 12;

export class SeenNonces {
  private words = new Int32Array(FIRST_SLOTS * WORDS_PER_SLOT);
  private mask = FIRST_SLOTS - 1;
  private count = 0;
  /** The all-zero nonce marks an empty slot, so it is remembered apart. */
  private zeroSeen = false;

  /** Adds the nonce `bytes[at, at + length)` (length ≤ 16, one length per table: shorter ones are padded with zeros); false when it was added before. */
  add(bytes: Uint8Array, at: number, length: number): boolean {
    const w0 = wordAt(bytes, at, length, 0);
    const w1 = wordAt(bytes, at, length, 4);
    const w2 = wordAt(bytes, at, length, 8);
    const w3 = wordAt(bytes, at, length, 12);
    if ((w0 | w1 | w2 | w3) === 0) {
      if (this.zeroSeen) return false;
      this.zeroSeen = true;
      return true;
    }
    const words = this.words;
    for (let slot = mix(w0, w1, w2, w3) & this.mask; ; slot = (slot + 1) & this.mask) {
      const i = slot * WORDS_PER_SLOT;
      if ((words[i]! | words[i + 1]! | words[i + 2]! | words[i + 3]!) === 0) {
        words[i] = w0;
        words[i + 1] = w1;
        words[i + 2] = w2;
        words[i + 3] = w3;
        if (++this.count * 2 > this.mask + 1) this.grow();
        return true;
      }
      if (words[i] === w0 && words[i + 1] === w1 && words[i + 2] === w2 && words[i + 3] === w3) return false;
    }
  }

  /** Bytes the table holds now. */
  get bytes(): number {
    return this.words.byteLength;
  }

  private grow(): void {
    const old = this.words;
    const mask = this.mask * 2 + 1;
    const words = new Int32Array((mask + 1) * WORDS_PER_SLOT);
    for (let i = 0; i < old.length; i += WORDS_PER_SLOT) {
      const w0 = old[i]!;
      const w1 = old[i + 1]!;
      const w2 = old[i + 2]!;
      const w3 = old[i + 3]!;
      if ((w0 | w1 | w2 | w3) === 0) continue;
      let j = (mix(w0, w1, w2, w3) & mask) * WORDS_PER_SLOT;
      while ((words[j]! | words[j + 1]! | words[j + 2]! | words[j + 3]!) !== 0) j = (j + WORDS_PER_SLOT) & (mask * WORDS_PER_SLOT + WORDS_PER_SLOT - 1);
      words[j] = w0;
      words[j + 1] = w1;
      words[j + 2] = w2;
      words[j + 3] = w3;
    }
    this.words = words;
    this.mask = mask;
  }
}

/** Four bytes of the nonce from `from` (big-endian), zeros past its end. */
function wordAt(bytes: Uint8Array, at: number, length: number, from: number): number {
  let w = 0;
  for (let k = 0; k < 4; k++) w = (w << 8) | (from + k < length ? bytes[at + from + k]! : 0);
  return w;
}

/**
 * The slot a nonce starts looking at. A version-2 value's counter block differs from its batch's neighbours in its
 * last bytes only, so every word is multiplied in (murmur3's constants) and the high bits folded down.
 */
function mix(w0: number, w1: number, w2: number, w3: number): number {
  let h = Math.imul(w0 ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ w1 ^ (h >>> 13), 0xc2b2ae35);
  h = Math.imul(h ^ w2 ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ w3 ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
