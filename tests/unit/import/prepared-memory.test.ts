/**
 * What the preview prepares for a cases import waits in memory until the commit (staging.ts), and only that:
 * its wipe must not keep the preparation's working data alive with it (whom each row is about, the ID
 * numbers' indexes, the residents planned). A closure made inside prepareCases kept them: about 40 MB per
 * 100,000 rows at the bench's peak. Checked by a weak reference to a row's index after a full collection.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { idNumberIndex } from '../../../electron/core/caseload/sealed-people';
import type { Sealer } from '../../../electron/core/db/sealer';
import type { ReadDb } from '../../../electron/core/db/types';
import { prepareCases, rememberResolved, type PreparedCase } from '../../../electron/core/io/import/targets/case-prepare';
import type { CaseRecord } from '../../../electron/core/io/import/targets/case-record';
import { PackedSlabs } from '../../../electron/core/io/import/targets/resident-prepare';
import type { PreparedRows } from '../../../electron/core/io/import/targets/types';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { seedOrg } from './files';
import { caseRecord } from './case-records';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const opened: TestLedger[] = [];
afterEach(() => {
  for (const t of opened.splice(0)) t.close();
});

const record = (communityId: number, idNumber: string): CaseRecord =>
  caseRecord({ name: '王强', idNumber, phone: '13900139000', communityId, address: '幸福小区3栋2单元101室', origin: '浙江省温州市' });

/** Prepares one row as the preview does (its matcher found nobody, with the ID number's index it computed); answers a weak reference to that index. */
function prepareOne(db: ReadDb, sealer: Sealer, r: CaseRecord): { prepared: PreparedRows<PreparedCase> | undefined; index: WeakRef<Buffer> } {
  const index = idNumberIndex(sealer, r.idNumber!);
  rememberResolved(r, sealer, { ok: true, resident: null, index });
  return { prepared: prepareCases(db, sealer, [{ record: r, inserts: true, updates: false }], '2020-02-17'), index: new WeakRef(index) };
}

/** A full collection after the current job (weak references are kept until it ends). */
async function collected(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  gc();
}

describe('what a cases preview keeps until the commit', () => {
  it('is the prepared rows, not the working data of their preparation', async () => {
    const t = await openTestLedger();
    opened.push(t);
    const org = await seedOrg(t);
    const db = t.core.services.ledger.handle();
    const sealer = t.core.services.ledger.sealer()!;
    const r = record(org.dongfeng, makeIdNumber('110105', '1990-03-12', 17));
    const { prepared, index } = prepareOne(db, sealer, r);
    expect(prepared?.rows).toHaveLength(1);
    expect(prepared?.rows[0]?.resident?.name).toBe('王强');
    await collected();
    // The row's index went into its packed bytes; the Buffer the preview computed is not held by what waits for the commit.
    expect(index.deref()).toBeUndefined();
    // Its bytes are in a slab of the prepared rows, not in a chunk of Node's pool.
    const packed = prepared!.rows[0]!.resident!.packed;
    expect(packed.buffer.byteLength).toBe(256 * 1024);
    expect(packed.buffer).not.toBe(Buffer.allocUnsafe(1).buffer);
    // What waits still wipes the sealed bytes.
    prepared!.wipe();
    expect(prepared!.rows[0]!.resident!.packed.every((b) => b === 0)).toBe(true);
  });
});

describe('the slabs prepared rows are packed into', () => {
  it('hands out the sizes asked for, one after another, a new slab when one is full, a large one of its own size', () => {
    const slabs = new PackedSlabs();
    const a = slabs.take(200);
    const b = slabs.take(300);
    expect([a.length, b.length]).toEqual([200, 300]);
    expect(b.buffer).toBe(a.buffer);
    expect(b.byteOffset).toBe(a.byteOffset + 200);
    const rest = slabs.take(256 * 1024 - 500);
    expect(rest.buffer).toBe(a.buffer);
    const next = slabs.take(1);
    expect(next.buffer).not.toBe(a.buffer);
    const large = slabs.take(300 * 1024);
    expect(large.buffer.byteLength).toBe(300 * 1024);
  });

  it('wipes every slab it handed bytes out of, each row’s bytes and the rest alike (session 35: one fill per slab, not per row)', () => {
    const slabs = new PackedSlabs();
    const taken = [slabs.take(200), slabs.take(256 * 1024 - 200), slabs.take(300 * 1024), slabs.take(50)];
    for (const b of taken) b.fill(0xa5);
    expect(new Set(taken.map((b) => b.buffer)).size).toBe(3);
    slabs.wipe();
    for (const b of taken) expect(b.every((byte) => byte === 0)).toBe(true);
    for (const b of taken) expect(new Uint8Array(b.buffer).every((byte) => byte === 0)).toBe(true);
  });
});
