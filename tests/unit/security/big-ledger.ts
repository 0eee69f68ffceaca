/**
 * A ledger whose sign-ins scan the sealed data in many steps (keys/sealed-witness.ts sealedWitnessInSteps): one resident
 * whose number is sealed and `rows` copies of it holding nothing sealed, the users asked for made and signed in once,
 * everyone locked, then the anchor's MAC broken, so each holder's key is judged by the sealed data. Used by
 * signin-steps-races.test.ts (witness-in-steps.test.ts builds the same table; w43-lineage moves it to
 * tests/helpers/sealed-residents.ts copiesOfFirstResident).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '../../../electron/core/contract';
import { asWriteDb } from '../../../electron/core/db/types';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { addResident } from '../../helpers/sealed-residents';

export async function bigLedgerAnchorBroken(opts: {
  rows: number;
  users: ReadonlyArray<{ role: Role; name: string }>;
  failureDelayBaseMs?: number;
}): Promise<TestLedger> {
  const t = await openTestLedger({ core: { failureDelayBaseMs: opts.failureDelayBaseMs ?? 5 } });
  const { id: communityId } = await t.call('org.communities.save', { name: '东风社区' });
  addResident(t, { community_id: communityId, name: '张三', id_number: '110101199003077777' });
  for (const u of opts.users) await t.sessionAs(u.role, u.name);
  const db = asWriteDb(t.core.services.ledger.handle());
  const columns = (db.prepare(`SELECT name, "notnull" AS nn, pk FROM pragma_table_info('residents')`).all() as { name: string; nn: number; pk: number }[])
    .filter((c) => c.pk === 0 && c.nn === 1)
    .map((c) => c.name)
    .join(', ');
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @more)
     INSERT INTO residents (${columns}) SELECT ${columns} FROM n, (SELECT * FROM residents ORDER BY id LIMIT 1)`,
  ).run({ more: opts.rows });
  for (const u of opts.users) await t.call('auth.lock', {}, u.name);
  await t.call('auth.lock', {});
  if (t.core.services.ledger.isOpen()) throw new Error('the ledger should be locked');
  const anchor = join(t.dir, 'taizhang.anchor.json');
  const a = JSON.parse(readFileSync(anchor, 'utf8')) as { mac: string };
  writeFileSync(anchor, JSON.stringify({ ...a, mac: (a.mac[0] === '0' ? '1' : '0') + a.mac.slice(1) }));
  return t;
}
