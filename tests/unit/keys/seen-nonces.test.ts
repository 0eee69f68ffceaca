/**
 * The witness's table of nonces met (keys/seen-nonces.ts): exact, whatever it holds. A nonce added twice is found
 * again after the table has grown; nonces that differ in one bit, or only in their last byte (a batch's neighbouring
 * counter blocks), never pass for each other; the all-zero nonce, which marks an empty slot, is remembered too.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { writeCounterBlock } from '../../../electron/core/db/keystream';
import { SeenNonces } from '../../../electron/core/keys/seen-nonces';

/** A sealed value's shape: a version byte, then the nonce. */
const valueWith = (nonce: Buffer): Buffer => Buffer.concat([Buffer.of(2), nonce, randomBytes(20)]);

describe('SeenNonces', () => {
  it('meets each of 100,000 counter blocks of one batch start once, and each again as a repeat after growing', () => {
    const seen = new SeenNonces();
    const start = randomBytes(16);
    const values = Array.from({ length: 100_000 }, (_, i) => {
      const v = valueWith(Buffer.alloc(16));
      writeCounterBlock(v, 1, start, i);
      return v;
    });
    expect(values.every((v) => seen.add(v, 1, 16))).toBe(true);
    expect(values.filter((v, i) => i % 997 === 0 && seen.add(v, 1, 16))).toEqual([]);
    // At most half full, 16 bytes a slot: 100,000 nonces in 262,144 slots.
    expect(seen.bytes).toBe(262_144 * 16);
  });

  it('a nonce one bit away is another nonce; the all-zero nonce is met once', () => {
    const seen = new SeenNonces();
    const nonce = randomBytes(16);
    expect(seen.add(valueWith(nonce), 1, 16)).toBe(true);
    for (let bit = 0; bit < 128; bit++) {
      const other = Buffer.from(nonce);
      other[bit >> 3] = other[bit >> 3]! ^ (1 << (bit & 7));
      expect(seen.add(valueWith(other), 1, 16)).toBe(true);
    }
    expect(seen.add(valueWith(Buffer.from(nonce)), 1, 16)).toBe(false);
    expect(seen.add(valueWith(Buffer.alloc(16)), 1, 16)).toBe(true);
    expect(seen.add(valueWith(Buffer.alloc(16)), 1, 16)).toBe(false);
  });

  it('12-byte nonces (version 1 IVs) the same', () => {
    const seen = new SeenNonces();
    const ivs = Array.from({ length: 5000 }, () => randomBytes(12));
    expect(ivs.every((iv) => seen.add(Buffer.concat([Buffer.of(1), iv]), 1, 12))).toBe(true);
    expect(seen.add(Buffer.concat([Buffer.of(1), ivs[1234]!, randomBytes(30)]), 1, 12)).toBe(false);
  });
});
