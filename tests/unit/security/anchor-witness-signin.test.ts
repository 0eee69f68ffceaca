/**
 * Session 18's attack run (docs/security/attack-run-session18.md, AU3): with the files and a viewer's password, the
 * log cut back to an anchor copied earlier and that anchor put back. 操作日志's check held the log against the
 * backups and packages made since ('behind'), but the coordinator's sign-in checked the anchor file alone and said
 * nothing. Fixed: the sign-in's finding asks the same witnesses (audit/anchor-unlock.ts anchorFinding).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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

async function office(): Promise<{ kept: Buffer; keptHead: number }> {
  stick = mkdtempSync(join(tmpdir(), 'taizhang-witness-signin-'));
  const o = await officeForPackages('东风街道办事处', stick);
  t = o.t;
  return o;
}

const signIn = () => t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });

describe("the coordinator's sign-in and the anchor's witnesses", () => {
  it('a backup made since the copied anchor: the sign-in says the log is behind it, as 操作日志 does', async () => {
    const { kept, keptHead } = await office();
    for (let i = 1; i <= 3; i++) await t.call('org.communities.save', { name: `社区${i}` });
    const folder = join(stick, 'backups');
    mkdirSync(folder);
    await t.call('backup.create', { folder: await t.choose('folder', folder) });
    await rollBackLog(t, kept, { from: keptHead });
    const info = await signIn();
    expect(info.anchorFinding).toMatchObject({ state: 'behind', message: expect.stringMatching(/日志比备份里记录的少/) });
    expect((await t.call('audit.verify', {})).anchor?.message).toBe(info.anchorFinding!.message);
  });

  it('a package exported since: the same', async () => {
    const { kept, keptHead } = await office();
    await workThenExport(t, '2020-11-20', '导出前', stick);
    await rollBackLog(t, kept, { from: keptHead });
    expect((await signIn()).anchorFinding).toMatchObject({ state: 'behind' });
  });

  it('no witness since (the known limit): nothing to say, and a sound log says nothing either', async () => {
    const { kept, keptHead } = await office();
    for (let i = 1; i <= 3; i++) await t.call('org.communities.save', { name: `社区${i}` });
    await t.call('auth.lock', {});
    expect((await signIn()).anchorFinding).toBeNull();
    await rollBackLog(t, kept, { from: keptHead });
    expect((await signIn()).anchorFinding).toBeNull();
  });
});
