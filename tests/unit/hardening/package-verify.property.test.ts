/**
 * Hostile submission packages: 1,000+ mutations of a real signed package
 * (bytes flipped anywhere, with extra weight on the signature trailer,
 * truncated, extended) must each be refused by verifyPackage with a reason
 * in Chinese, never accepted and never thrown.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPackage, type TrustedKey } from '../../../electron/core/io/export/package-format';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { PERIOD, seedSmallOffice, ZIP_PASSWORD } from '../export/fixture';
import { scratch } from '../import/files';

let t: TestLedger;
let valid: Buffer;
let trusted: TrustedKey[];
beforeAll(async () => {
  t = await openTestLedger();
  seedSmallOffice(t);
  const written = await t.call('export.write', { ...PERIOD, formIds: ['caseload-summary', 'care-ledger'], folder: scratch(), password: ZIP_PASSWORD });
  valid = readFileSync(written.path);
  const key = await t.call('export.officeKey', {});
  const pem = /-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----/.exec(key.publicKeyFile)![0];
  trusted = [{ officeName: '东风街道办事处', publicKeyPem: pem, fingerprint: key.fingerprint }];
});
afterAll(() => t.close());

/** Positions anywhere, or within the last 200 bytes (end of central directory and the signature comment). */
const position = fc.oneof(
  fc.nat(),
  fc.integer({ min: 1, max: 200 }).map((back) => -back),
);
const mutation = fc.oneof(
  fc.array(fc.tuple(position, fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }).map((flips) => ({ kind: 'flip' as const, flips })),
  fc.nat().map((keep) => ({ kind: 'truncate' as const, keep })),
  fc.uint8Array({ minLength: 1, maxLength: 64 }).map((tail) => ({ kind: 'extend' as const, tail: Buffer.from(tail) })),
);

function mutate(m: { kind: 'flip'; flips: [number, number][] } | { kind: 'truncate'; keep: number } | { kind: 'extend'; tail: Buffer }): Buffer {
  switch (m.kind) {
    case 'flip': {
      const out = Buffer.from(valid);
      // Each byte changes once: two flips of one byte by the same value would give back the valid package.
      const changed = new Set<number>();
      for (const [pos, x] of m.flips) {
        const at = pos < 0 ? out.length + pos : pos % out.length;
        if (changed.has(at)) continue;
        changed.add(at);
        out[at] = out[at]! ^ x;
      }
      return out;
    }
    case 'truncate':
      return valid.subarray(0, m.keep % valid.length);
    case 'extend':
      return Buffer.concat([valid, m.tail]);
  }
}

describe('hostile submission packages', () => {
  it('the unmodified package verifies', async () => {
    expect((await verifyPackage(valid, ZIP_PASSWORD, trusted)).ok).toBe(true);
  });

  it('every single-byte change in the signature trailer is refused (the base64 signature has only one accepted spelling)', async () => {
    const accepted: string[] = [];
    for (let back = 1; back <= 90; back++) {
      for (let x = 1; x < 256; x++) {
        const bad = Buffer.from(valid);
        bad[bad.length - back] = bad[bad.length - back]! ^ x;
        if ((await verifyPackage(bad, ZIP_PASSWORD, trusted)).ok) accepted.push(`-${back}^${x}`);
      }
    }
    expect(accepted).toEqual([]);
  });

  it('1,000 mutated packages: every one is refused with a Chinese reason, none throws', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const v = await verifyPackage(mutate(m), ZIP_PASSWORD, trusted);
        expect(v.ok, JSON.stringify(m)).toBe(false);
        if (!v.ok) expect(v.reason).toMatch(/[\u4e00-\u9fff]/);
      }),
      { numRuns: 1000 },
    );
  });
});
