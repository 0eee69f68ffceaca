/**
 * Sealing what an older version stored in clear: runs after a clerk's or
 * coordinator's unlock (never a viewer's), once, audited, and leaves no free
 * page behind that could still hold the clear value.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SealUpgrade } from '../../../electron/core/db/seal-upgrades';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { Core } from '../../../electron/core/core';

let t: TestLedger;
afterEach(() => t?.close());

const PHONE = '13803711002';
/** A stand-in for an area's upgrade: a table with a clear column and its sealed twin. */
const upgrade: SealUpgrade = {
  name: 'legacy_notes.phone',
  pending: (db) => (db.prepare(`SELECT count(*) AS n FROM legacy_notes WHERE phone IS NOT NULL`).get() as { n: number }).n,
  run(db, sealer) {
    const rows = db.prepare(`SELECT id, phone FROM legacy_notes WHERE phone IS NOT NULL`).all() as Array<{ id: number; phone: string }>;
    const set = db.prepare(`UPDATE legacy_notes SET phone = NULL, phone_sealed = @sealed WHERE id = @id`);
    for (const r of rows) set.run({ id: r.id, sealed: sealer.seal('legacy_notes.phone', r.phone) });
    return rows.length;
  },
};

async function ledgerWithClearPhones(): Promise<TestLedger> {
  const dir = mkdtempSync(join(tmpdir(), 'taizhang-seal-upgrade-'));
  t = await openTestLedger({ dir });
  const db = t.core.services.ledger.handle();
  db.exec(`CREATE TABLE legacy_notes (id INTEGER PRIMARY KEY, phone TEXT, phone_sealed BLOB)`);
  const insert = db.prepare(`INSERT INTO legacy_notes (phone) VALUES (@phone)`);
  for (let i = 0; i < 200; i++) insert.run({ phone: i === 0 ? PHONE : `1390000${String(i).padStart(4, '0')}` });
  await t.sessionAs('viewer', 'viewer1');
  await t.call('auth.lock', {}, 'viewer1');
  await t.call('auth.lock', {});
  t.core.close();
  // The same folder opened by a program whose areas know this upgrade.
  const core = new Core({ dataDir: dir, clock: t.clock, kdf: { N: 1 << 10, r: 8, p: 1 }, failureDelayBaseMs: 5, sealUpgrades: [upgrade] });
  t = { ...t, core, call: (channel, input, sessionId = 'admin') => core.call(sessionId, channel, input).then(unwrap) } as TestLedger;
  return t;
}

function unwrap<T>(r: { ok: unknown; value?: T; error?: { message: string } }): T {
  if (r.ok !== true) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

describe('sealing upgrades', () => {
  it('do not run at a viewer unlock: the viewer has no key to seal with', async () => {
    await ledgerWithClearPhones();
    await t.call('auth.unlock', { username: 'viewer1', password: 'password-1234' }, 'viewer1');
    expect(upgrade.pending(t.core.services.ledger.handle())).toBe(200);
  });

  it('run once at a coordinator unlock: values sealed, plain column cleared, audited, no free pages left', async () => {
    await ledgerWithClearPhones();
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const db = t.core.services.ledger.handle();
    expect(upgrade.pending(db)).toBe(0);
    const first = db.prepare(`SELECT phone_sealed FROM legacy_notes WHERE id = 1`).get() as { phone_sealed: Buffer };
    expect(t.core.services.ledger.sealer()!.open('legacy_notes.phone', first.phone_sealed)).toBe(PHONE);
    expect(db.pragma('freelist_count', { simple: true })).toBe(0);
    const audit = db.prepare(`SELECT after_json FROM audit_log WHERE channel = 'auth.unlock' AND entity = 'ledger'`).all() as Array<{ after_json: string }>;
    expect(audit.map((a) => JSON.parse(a.after_json))).toContainEqual({ sealed: 'legacy_notes.phone', rows: 200 });
    // A second unlock finds nothing pending and writes no second entry.
    await t.call('auth.lock', {});
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const again = t.core.services.ledger.handle().prepare(`SELECT count(*) AS n FROM audit_log WHERE after_json LIKE '%legacy_notes.phone%'`).get() as {
      n: number;
    };
    expect(again.n).toBe(1);
  });
});
