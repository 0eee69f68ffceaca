/**
 * A ledger whose sign-ins scan the sealed data in many steps (keys/sealed-witness.ts sealedWitnessInSteps): one resident
 * whose number is sealed and `rows` copies of it holding nothing sealed, the users asked for made and signed in once,
 * everyone locked, then the anchor's MAC broken, so each holder's key is judged by the sealed data. Used by
 * signin-steps-races.test.ts; the table is sealed-residents.ts copiesOfFirstResident, as witness-in-steps.test.ts builds it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '../../../electron/core/contract';
import type { CoreOptions } from '../../../electron/core/core';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { addResident, copiesOfFirstResident } from '../../helpers/sealed-residents';

export async function bigLedgerAnchorBroken(opts: {
  rows: number;
  users: ReadonlyArray<{ role: Role; name: string }>;
  failureDelayBaseMs?: number;
  /** Hears the core's events (a window told it was ended). */
  emit?: CoreOptions['emit'];
}): Promise<TestLedger> {
  const t = await openTestLedger({ core: { failureDelayBaseMs: opts.failureDelayBaseMs ?? 5, emit: opts.emit } });
  const { id: communityId } = await t.call('org.communities.save', { name: '东风社区' });
  addResident(t, { community_id: communityId, name: '张三', id_number: '110101199003077777' });
  for (const u of opts.users) await t.sessionAs(u.role, u.name);
  copiesOfFirstResident(t, opts.rows);
  for (const u of opts.users) await t.call('auth.lock', {}, u.name);
  await t.call('auth.lock', {});
  if (t.core.services.ledger.isOpen()) throw new Error('the ledger should be locked');
  const anchor = join(t.dir, 'taizhang.anchor.json');
  const a = JSON.parse(readFileSync(anchor, 'utf8')) as { mac: string };
  writeFileSync(anchor, JSON.stringify({ ...a, mac: (a.mac[0] === '0' ? '1' : '0') + a.mac.slice(1) }));
  return t;
}
