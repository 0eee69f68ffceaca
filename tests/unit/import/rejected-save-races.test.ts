/**
 * import.rejected.save writes a file of full ID numbers and phones (the rows as they came): it is placed only inside
 * the transaction of its audit row. A key rotated while the workbook was written (S30-A1's check refuses the row) or
 * the window ended (停用: S30-A2's class) places nothing: no file of personal data without the row saying who took it.
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getUserByName } from '../../../electron/core/auth/user-queries';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { failNextCommit, holdNextWorkbook } from '../../helpers/held-task';
import { openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';
import { seedOrg } from './files';

let t: TestLedger | undefined;
afterEach(() => {
  vi.restoreAllMocks();
  t?.close();
  t = undefined;
});

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** An import of 3,000 rows all sent back (no such community): its workbook takes many turns to write. */
async function rejectedImport(): Promise<{ importId: number; clerk: string; out: string }> {
  t = await openTestLedger();
  await seedOrg(t);
  const clerk = await t.sessionAs('clerk', 'wangwu');
  const rows = Array.from(
    { length: 3000 },
    (_, i) => `不存在社区\t居民${i}\t${makeIdNumber('410105', '1960-01-01', i % 900)}\t1380371${String(i).padStart(4, '0')}`,
  );
  const text = ['社区\t姓名\t身份证号\t联系电话', ...rows].join('\n');
  const { mapping } = await t.call('import.inspect', { text, target: 'residents' }, clerk);
  const done = await t.call('import.commit', { text, target: 'residents', mapping }, clerk);
  expect(done.counts.rejected).toBe(3000);
  return { importId: done.importId!, clerk, out: join(mkdtempSync(join(tmpdir(), 'taizhang-rejected-race-')), '退回.xlsx') };
}

const savedRows = (): number =>
  t!.core.services.ledger.handle().prepare(`SELECT count(*) FROM audit_log WHERE channel = 'import.rejected.save'`).pluck().get() as number;

describe('import.rejected.save raced with a change of key or of authority', () => {
  it('across 更换密钥: CONFLICT, no file placed (nor its temp left), no row; saved again it is placed and audited', async () => {
    const { importId, clerk, out } = await rejectedImport();
    let settled = false;
    const save = t!.raw('import.rejected.save', { importId, outPath: out }, clerk).finally(() => (settled = true));
    await turn();
    expect(await t!.raw('users.rotateKeys', rotating())).toMatchObject({ ok: true });
    expect(settled).toBe(false);
    expect(await save).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('更换了密钥') } });
    expect(readdirSync(dirname(out))).toEqual([]);
    expect(savedRows()).toBe(0);
    expect(await t!.raw('import.rejected.save', { importId, outPath: out }, clerk)).toMatchObject({ ok: true, value: { rows: 3000 } });
    expect(existsSync(out)).toBe(true);
    expect(savedRows()).toBe(1);
  }, 120_000);

  it('across the saver’s 停用: UNAUTHENTICATED saying nothing was saved, no file, no row', async () => {
    const { importId, clerk, out } = await rejectedImport();
    let settled = false;
    const save = t!.raw('import.rejected.save', { importId, outPath: out }, clerk).finally(() => (settled = true));
    await turn();
    const id = getUserByName(t!.core.services.ledger.handle(), 'wangwu')!.id;
    expect(await t!.raw('users.disable', { id, ...rotating() })).toMatchObject({ ok: true });
    expect(settled).toBe(false);
    expect(await save).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('退回表格没有保存') } });
    expect(readdirSync(dirname(out))).toEqual([]);
    expect(savedRows()).toBe(0);
  }, 120_000);

  it('a commit failing after the file was placed (a full disk): no file left, no row', async () => {
    const { importId, clerk, out } = await rejectedImport();
    const held = holdNextWorkbook();
    const save = t!.raw('import.rejected.save', { importId, outPath: out }, clerk);
    await held.reached;
    failNextCommit(t!.core.services.ledger.handle());
    held.release();
    expect(await save).toMatchObject({ ok: false });
    expect(readdirSync(dirname(out))).toEqual([]);
    expect(savedRows()).toBe(0);
  }, 120_000);
});
