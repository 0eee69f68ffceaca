/**
 * The office's own audit.verify holds the log against the heads its packages carried (export_log,
 * migration 039; io/export/export-witness.ts). Someone with a viewer's password cuts the log or
 * thins and re-chains it, and puts an anchor copied earlier back: the anchor alone agrees, the
 * export record does not. What it cannot see: the export records rolled back too (then only the
 * district's packages tell, tests/integration/export/district-audit-heads.test.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openAsViewerOffline, rechain } from '../../helpers/attacker';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { PERIOD, seedSmallOffice, ZIP_PASSWORD } from './fixture';

let t: TestLedger;
let stick: string;
afterEach(() => {
  t.close();
  rmSync(stick, { recursive: true, force: true });
});

const maxId = () => (t.core.services.ledger.handle().prepare(`SELECT max(id) AS id FROM audit_log`).get() as { id: number }).id;

/** History, an anchor copied early on (`kept`, at row `keptHead`), ten more changes, and (unless told not to) a package exported. */
async function officeWithPackage(exported = true): Promise<{ kept: Buffer; keptHead: number }> {
  stick = mkdtempSync(join(tmpdir(), 'taizhang-export-witness-'));
  t = await openTestLedger({ now: '2020-11-20T01:00:00.000Z' });
  seedSmallOffice(t);
  await t.sessionAs('viewer', 'viewer1');
  await t.call('org.communities.save', { name: '起点社区' });
  const kept = readFileSync(join(t.dir, 'taizhang.anchor.json'));
  const keptHead = maxId();
  for (let i = 1; i <= 10; i++) await t.call('org.communities.save', { name: `社区${i}` });
  if (exported) await t.call('export.write', { ...PERIOD, formIds: ['caseload-summary'], folder: stick, password: ZIP_PASSWORD });
  return { kept, keptHead };
}

/** With the files and a viewer's password: rows `from` < id <= `to` deleted, the rest re-chained, the early anchor put back. */
async function rollBack(kept: Buffer, from: number, to = Number.MAX_SAFE_INTEGER, exportsToo = false): Promise<void> {
  await t.call('auth.lock', {}, 'viewer1');
  await t.call('auth.lock', {});
  const db = openAsViewerOffline(t.dir);
  db.prepare(`DELETE FROM audit_log WHERE id > @from AND id <= @to`).run({ from, to });
  rechain(db);
  if (exportsToo) db.prepare(`DELETE FROM export_log`).run();
  db.close();
  writeFileSync(join(t.dir, 'taizhang.anchor.json'), kept);
}

async function verifyAsCoordinator() {
  await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
  return t.call('audit.verify', {});
}

describe('audit.verify and the packages that left', () => {
  it('records the head each package carried', async () => {
    await officeWithPackage();
    const row = t.core.services.ledger.handle().prepare(`SELECT audit_last_id AS id, audit_last_hash AS hash, audit_row_count AS n FROM export_log`).get();
    const head = t.core.services.ledger.handle().prepare(`SELECT id, hash FROM audit_log WHERE id = (SELECT audit_last_id FROM export_log)`).get() as {
      id: number;
      hash: string;
    };
    expect(row).toEqual({ id: head.id, hash: head.hash, n: head.id });
    // Work after the export keeps the log ahead of it: no false alarm.
    await t.call('org.communities.save', { name: '导出后社区' });
    expect(await t.call('audit.verify', {})).toMatchObject({ intact: true, anchor: { state: 'ok' } });
  });

  it('reports the tail cut and an older anchor put back, which the anchor alone takes for sound', async () => {
    const control = await officeWithPackage(false);
    await rollBack(control.kept, control.keptHead);
    expect(await verifyAsCoordinator()).toMatchObject({ intact: true, anchor: { state: 'ok' } });
    t.close();
    rmSync(stick, { recursive: true, force: true });

    const { kept, keptHead } = await officeWithPackage();
    await rollBack(kept, keptHead);
    const v = await verifyAsCoordinator();
    expect(v.intact).toBe(false);
    expect(v.anchor!.state).toBe('behind');
    expect(v.anchor!.message).toMatch(
      /^日志比上报包里记录的少：11月20日 导出的上报包「东风街道办事处_20200210-20200216_上报_.*\.zip」记录到第 \d+ 条、共 \d+ 条，现在的日志里已没有那一条。/,
    );
  });

  it('reports rows deleted in the middle and the rest re-chained', async () => {
    const { kept, keptHead } = await officeWithPackage();
    await rollBack(kept, keptHead, keptHead + 5);
    const v = await verifyAsCoordinator();
    expect(v.anchor!.state).toBe('behind');
    expect(v.anchor!.message).toContain('现在的日志里那一条已被改写');
  });

  // The limit, said in the README: the export records are in the same database. Rolled back with the log, they witness nothing.
  it('cannot tell when the export records are rolled back too (the district’s packages still can)', async () => {
    const { kept, keptHead } = await officeWithPackage();
    await rollBack(kept, keptHead, undefined, true);
    expect(await verifyAsCoordinator()).toMatchObject({ intact: true, anchor: { state: 'ok' } });
  });
});
