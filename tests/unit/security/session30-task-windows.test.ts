/**
 * The sixteenth attack run (docs/security/attack-run-session30.md): long tasks raced with a change of authority
 * (a rotation, 停用) while they await. A task's context (session, sealer) is taken when it is dispatched
 * (router.ts); import.commit alone checks its window after its awaits (jobs.ts windowEnded).
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { SEALED } from '../../../electron/core/caseload/sealed-people';
import { getUserByName } from '../../../electron/core/auth/user-queries';
import { seedOrg } from '../import/files';
import { openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';

let t: TestLedger | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function residentsText(n: number): string {
  const rows = Array.from({ length: n }, (_, i) => `东风社区\t居民${i}\t${makeIdNumber('410105', `${1950 + Math.floor(i / 900)}-01-01`, i % 900)}\t住址${i}`);
  return ['社区\t姓名\t身份证号\t住址', ...rows].join('\n');
}

describe('import.commit raced with 更换密钥 (the clerk’s window is not ended by a rotation)', () => {
  // S30-A1 (high), was it.fails: the commit sealed and bound with the sealer it was dispatched with (router.ts
  // ctx.sealer); a rotation meanwhile does not end the clerk's window, so every row was sealed under the retired key
  // (20,000 of 20,000), the office's key opened none, and a clerk's reveal answered LEDGER_DAMAGED (a false tamper
  // alarm). Fixed by w48-keys (task-write.ts, at router.ts's task write): a task whose sealer is no longer the ledger's
  // writes nothing, CONFLICT naming it; the clerk imports again under the key the ledger holds.
  it('a commit across 更换密钥 writes nothing (CONFLICT naming the import); done again, its rows are sealed under the key the ledger holds', async () => {
    t = await openTestLedger();
    await seedOrg(t);
    const clerk = await t.sessionAs('clerk', 'wangwu');
    const text = residentsText(20_000);
    const { mapping } = await t.call('import.inspect', { text, target: 'residents' }, clerk);
    const retired = t.core.services.ledger.sealer()!;
    let settled = false;
    const commit = t.raw('import.commit', { text, target: 'residents', mapping }, clerk).finally(() => (settled = true));
    for (let i = 0; i < 3; i++) await turn();
    expect(await t.raw('users.rotateKeys', rotating())).toMatchObject({ ok: true });
    expect(settled).toBe(false);
    const current = t.core.services.ledger.sealer()!;
    expect(current).not.toBe(retired);
    const result = await commit;
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('「导入表格」进行期间统筹负责人更换了密钥') } });
    const db = t.core.services.ledger.handle();
    expect(db.prepare(`SELECT count(*) FROM residents`).pluck().get()).toBe(0);
    expect(db.prepare(`SELECT count(*) FROM import_log`).pluck().get()).toBe(0);
    // Done again (its window still open: a rotation ends none), under the key the ledger holds.
    expect(await t.raw('import.commit', { text, target: 'residents', mapping }, clerk)).toMatchObject({ ok: true });
    const rows = db.prepare(`SELECT id, id_number_sealed AS s FROM residents ORDER BY id`).all() as Array<{ id: number; s: Buffer }>;
    let underRetired = 0;
    let underCurrent = 0;
    for (const r of rows) {
      try {
        current.open(SEALED.idNumber, r.s);
        underCurrent++;
      } catch {
        /* */
      }
      try {
        retired.open(SEALED.idNumber, r.s);
        underRetired++;
      } catch {
        /* */
      }
    }
    expect(rows).toHaveLength(20_000);
    expect({ underCurrent, underRetired }).toEqual({ underCurrent: 20_000, underRetired: 0 });
    expect(await t.raw('residents.reveal', { residentId: rows.at(-1)!.id, field: 'idNumber' }, clerk)).toMatchObject({ ok: true });
  }, 180_000);

  // S30-A1 with 停用, was it.fails: the rotation that is to shut out a leaving clerk (who may have kept the sensitive
  // key) let the import under way in another clerk's window seal every row under that very key. Now it writes nothing.
  it('a commit across another clerk’s 停用 writes nothing, so nothing opens under the key that clerk held', async () => {
    t = await openTestLedger();
    await seedOrg(t);
    const clerk = await t.sessionAs('clerk', 'wangwu');
    await t.sessionAs('clerk', 'leaver');
    const text = residentsText(20_000);
    const { mapping } = await t.call('import.inspect', { text, target: 'residents' }, clerk);
    let settled = false;
    const commit = t.raw('import.commit', { text, target: 'residents', mapping }, clerk).finally(() => (settled = true));
    for (let i = 0; i < 3; i++) await turn();
    const id = getUserByName(t.core.services.ledger.handle(), 'leaver')!.id;
    expect(await t.raw('users.disable', { id, ...rotating() })).toMatchObject({ ok: true, value: { keysRotated: { rotated: true } } });
    expect(settled).toBe(false);
    expect(await commit).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const db = t.core.services.ledger.handle();
    expect(db.prepare(`SELECT count(*) FROM residents`).pluck().get()).toBe(0);
    expect(db.prepare(`SELECT count(*) FROM audit_log WHERE channel = 'import.commit'`).pluck().get()).toBe(0);
  }, 180_000);
});

describe('tasks after 停用 ended their window (PH2-W1’s class beyond import)', () => {
  // S30-A2 (low), was it.fails: the 停用'd clerk's task wrote all 40 sheets and 40 audit rows in their name after the
  // 停用 that ended their window. Fixed by w48-keys (io/collection/handlers.ts: the window checked before each sheet and
  // before its audit row; the one in hand removed): UNAUTHENTICATED, no row and no file after the 停用.
  it('collection.sheet.save: no sheet is written and no row audited under the clerk after their 停用', async () => {
    t = await openTestLedger();
    const ids: number[] = [];
    for (let i = 0; i < 40; i++) ids.push((await t.call('org.communities.save', { name: `第${i}社区` })).id);
    const clerk = await t.sessionAs('clerk', 'wangwu');
    const folder = mkdtempSync(join(tmpdir(), 'taizhang-sheets-'));
    let settled = false;
    const save = t.raw('collection.sheet.save', { communityIds: ids, kind: 'returnees', folder }, clerk).finally(() => (settled = true));
    for (let i = 0; i < 3; i++) await turn();
    const id = getUserByName(t.core.services.ledger.handle(), 'wangwu')!.id;
    expect(await t.raw('users.disable', { id, ...rotating() })).toMatchObject({ ok: true });
    expect(settled).toBe(false);
    const filesAtDisable = readdirSync(folder).length;
    expect(t.core.services.sessions.get(clerk)).toBeUndefined();
    const result = await save;
    const db = t.core.services.ledger.handle();
    const after = db
      .prepare(`SELECT count(*) FROM audit_log WHERE username = 'wangwu' AND id > (SELECT max(id) FROM audit_log WHERE channel = 'users.disable')`)
      .pluck()
      .get();
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('其余的收集表没有生成') } });
    expect(after).toBe(0);
    expect(readdirSync(folder).length).toBe(filesAtDisable);
  }, 180_000);
});
