/**
 * What sealing a 100,000-row import's numbers costs (issue 19's speed section), in CPU time: each
 * row's ID number, phone and birth date sealed and the ID number's keyed index, through the app's
 * own sealResidentNumbers (version 2: one AES-256-CTR pass per batch, an HMAC-SHA-256 tag per
 * value). Beside it, in the same run, the same values sealed as version 1 did (AES-256-GCM, one
 * cipher context per value, createHmac for the index): what the import paid before.
 */
import { createCipheriv, createHmac, randomBytes, randomFillSync } from 'node:crypto';
import { sealResidentNumbers } from '../../../electron/core/caseload/sealed-people';
import { makeSealer } from '../../../electron/core/db/sealer';
import { communityRows } from '../../integration/import/make-big';
import type { BenchRow } from '../types';

const cpuMs = (fn: () => void): number => {
  const c0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(c0);
  return (d.user + d.system) / 1000;
};

const birthDateOf = (id: string): string => `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;

/** Version 1 as it sealed (db/sealer.ts before version 2; its format is tested in tests/unit/db/sealer.test.ts). */
function versionOne(): (purpose: string, value: string) => Buffer {
  const key = randomBytes(32);
  const ivs = Buffer.alloc(12 * 1024);
  let next = ivs.length;
  return (purpose, value) => {
    if (next === ivs.length) {
      randomFillSync(ivs);
      next = 0;
    }
    const iv = ivs.subarray(next, (next += 12));
    const c = createCipheriv('aes-256-gcm', key, iv);
    c.setAAD(Buffer.from(purpose));
    return Buffer.concat([Buffer.of(1), iv, c.update(value, 'utf8'), c.final(), c.getAuthTag()]);
  };
}

/** The better of two rounds of each (the first round of either also warms the JIT). */
export function sealingRows(n: number): BenchRow[] {
  const rows = communityRows(n).map((r) => ({ id: r[4]!, phone: r[5] || null }));
  const sealer = makeSealer(randomBytes(32));
  const v1 = versionOne();
  const indexKey = randomBytes(32);
  const now = (): number =>
    cpuMs(() => {
      for (const r of rows) sealResidentNumbers(sealer, { id_number: r.id, phone: r.phone, birth_date: birthDateOf(r.id) });
    });
  const before = (): number =>
    cpuMs(() => {
      for (const r of rows) {
        v1('residents.id_number', r.id);
        if (r.phone) v1('residents.phone', r.phone);
        v1('residents.birth_date', birthDateOf(r.id));
        createHmac('sha256', indexKey).update(r.id, 'utf8').digest().subarray(0, 16);
      }
    });
  const v2Ms = Math.min(now(), now());
  const v1Ms = Math.min(before(), before());
  return [
    {
      name: `import: sealing ${n / 1000}k residents' ID number, phone and birth date with the ID number's index (version 2, CPU)`,
      value: v2Ms / 1000,
      unit: 's',
      target: null,
      baseline: { name: 'the same values sealed as version 1 did (AES-256-GCM per value), CPU', value: v1Ms / 1000 },
    },
  ];
}
