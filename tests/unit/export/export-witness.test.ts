/**
 * The office's own audit.verify holds the log against the heads its packages carried (export_log,
 * migration 039; io/export/export-witness.ts). Someone with a viewer's password cuts the log or
 * thins and re-chains it, and puts an anchor copied earlier back: the anchor alone agrees, the
 * export record does not. What it cannot see: the export records rolled back too (then only the
 * district's packages tell, tests/integration/export/district-audit-heads.test.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rollBackLog } from '../../helpers/attacker';
import { ADMIN, type TestLedger } from '../../helpers/ledger';
import { officeForPackages, workThenExport } from '../../helpers/office-packages';

let t: TestLedger;
let stick: string;
afterEach(() => {
  t.close();
  rmSync(stick, { recursive: true, force: true });
});

/** History, an anchor copied early on (`kept`, at row `keptHead`), ten more changes, and (unless told not to) a package exported. */
async function officeWithPackage(exported = true): Promise<{ kept: Buffer; keptHead: number }> {
  stick = mkdtempSync(join(tmpdir(), 'taizhang-export-witness-'));
  const o = await officeForPackages('东风街道办事处', stick);
  t = o.t;
  if (exported) await workThenExport(t, '2020-11-20', '导出前', stick);
  else for (let i = 1; i <= 10; i++) await t.call('org.communities.save', { name: `社区${i}` });
  return { kept: o.kept, keptHead: o.keptHead };
}

const rollBack = (kept: Buffer, from: number, to?: number, exportsToo = false) =>
  rollBackLog(t, kept, to === undefined ? { from } : { from, to }, { exportsToo });

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
