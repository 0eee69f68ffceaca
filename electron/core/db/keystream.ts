/**
 * The key stream of version-2 sealed values (db/sealer.ts): AES-256-CTR counter blocks, and short values' key stream
 * made a batch at a time, each block handed out once.
 */
import { createCipheriv, randomFillSync, type KeyObject } from 'node:crypto';

/** AES block, and so the size of a version-2 value's counter block. */
export const BLOCK_BYTES = 16;
/** Key stream made per CTR pass (64 KB: 4,096 counter blocks, about 2,000 sealed ID numbers). */
const KEYSTREAM_BLOCKS = 4096;

/** Writes `start + blocks` (both 128-bit big-endian counter blocks, as AES-CTR counts) into `out` at `at`. */
export function writeCounterBlock(out: Buffer, at: number, start: Buffer, blocks: number): void {
  start.copy(out, at, 0, BLOCK_BYTES);
  let carry = blocks;
  for (let i = BLOCK_BYTES - 1; i >= 0 && carry > 0; i--) {
    const sum = out[at + i]! + (carry % 256);
    out[at + i] = sum % 256;
    carry = Math.floor(carry / 256) + (sum >= 256 ? 1 : 0);
  }
}

/**
 * Key stream for short values, made a batch at a time: one AES-256-CTR pass from a random 128-bit
 * counter block over `KEYSTREAM_BLOCKS` blocks. `take(n)` hands the next n blocks to one value, with
 * the counter block they start at, and returns where they start in `stream`; blocks are handed out
 * once and a new pass starts from a new random counter block, so no key stream is used twice (two
 * passes overlap with probability about passes² × 2^12 / 2^128).
 */
export function keystreamSource(ctrKey: KeyObject): { stream: Buffer; take(blocks: number, counterOut: Buffer, at: number): number } {
  const zeros = Buffer.alloc(KEYSTREAM_BLOCKS * BLOCK_BYTES);
  const start = Buffer.alloc(BLOCK_BYTES);
  let next = KEYSTREAM_BLOCKS;
  const source: { stream: Buffer; take(blocks: number, counterOut: Buffer, at: number): number } = {
    stream: zeros,
    take(blocks, counterOut, at) {
      if (next + blocks > KEYSTREAM_BLOCKS) {
        randomFillSync(start);
        source.stream = createCipheriv('aes-256-ctr', ctrKey, start).update(zeros);
        next = 0;
      }
      writeCounterBlock(counterOut, at, start, next);
      const offset = next * BLOCK_BYTES;
      next += blocks;
      return offset;
    },
  };
  return source;
}
