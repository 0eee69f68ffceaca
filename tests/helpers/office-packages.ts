/**
 * A street office whose packages reach the district, for the audit-head comparisons
 * (tests/integration/export/district-audit-heads.test.ts, tests/e2e/district.e2e.ts):
 * some history and a viewer, the anchor file copied early on (as that viewer could),
 * work, a package, and the next package after a rollback (helpers/attacker.ts rollBackLog).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PERIOD, seedSmallOffice, ZIP_PASSWORD } from '../unit/export/fixture';
import { ADMIN, openTestLedger, type TestLedger } from './ledger';

export interface OfficeForPackages {
  t: TestLedger;
  /** The anchor file as it was early on, and the log's last row then. */
  kept: Buffer;
  keptHead: number;
  /** The office's public key file (.pub), for the district to register. */
  pub: string;
}

export const lastAuditId = (t: TestLedger): number =>
  (t.core.services.ledger.handle().prepare(`SELECT max(id) AS id FROM audit_log`).get() as { id: number }).id;

/** `exportedOn`: a package exported on that day before the anchor is copied (an office with a past). */
export async function officeForPackages(name: string, folder: string, opts: { exportedOn?: string } = {}): Promise<OfficeForPackages> {
  const t = await openTestLedger({ office: name, now: '2020-11-13T01:00:00.000Z' });
  seedSmallOffice(t);
  await t.sessionAs('viewer', 'viewer1');
  if (opts.exportedOn) await exportOn(t, opts.exportedOn, folder);
  await t.call('org.communities.save', { name: '起点社区' });
  const kept = readFileSync(join(t.dir, 'taizhang.anchor.json'));
  const keptHead = lastAuditId(t);
  const pub = (await t.call('export.savePublicKey', { folder: mkdtempSync(join(folder, 'pub-')) })).path;
  return { t, kept, keptHead, pub };
}

/** A package exported at 09:00 Beijing time on `day` (the coordinator unlocked again: the clock moved). */
export async function exportOn(t: TestLedger, day: string, folder: string): Promise<string> {
  t.clock.set(`${day}T01:00:00.000Z`);
  await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
  return (await t.call('export.write', { ...PERIOD, formIds: ['caseload-summary'], folder: mkdtempSync(join(folder, 'out-')), password: ZIP_PASSWORD })).path;
}

/** Ten changes (communities named after `label`), then a package on `day`. */
export async function workThenExport(t: TestLedger, day: string, label: string, folder: string): Promise<string> {
  t.clock.set(`${day}T01:00:00.000Z`);
  await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
  for (let i = 1; i <= 10; i++) await t.call('org.communities.save', { name: `${label}社区${i}` });
  return exportOn(t, day, folder);
}
