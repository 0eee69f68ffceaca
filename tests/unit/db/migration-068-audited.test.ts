/**
 * Migration 068 moves the import's 「包保责任人：…」 out of a case's 备注: a change to what a user wrote, so it is audited
 * (db/migrate.ts `changes`, audit/migration-audit.ts), one row per case it changed, named 「数据升级 068」. A ledger of
 * this version is taken back to the shape before 068 with such a 备注, then opened by a new core as after an update:
 * 操作日志 and the case's 办理记录 show who changed 备注 and how, and audit.verify still holds (chain and anchor).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../../electron/core/core';
import { ADMIN, TEST_KDF, type TestLedger } from '../../helpers/ledger';
import { observedHousehold, openOffice } from '../caseload/fixture';

let t: TestLedger;
afterEach(() => t.close());

/** The office's ledger as the version before 068 left it: no team_unsplit, the team in 备注 as its import wrote it. */
async function ledgerBefore068(): Promise<{ moved: number; kept: number }> {
  const o = await openOffice();
  t = o.t;
  const { obs, elder } = await observedHousehold(o);
  const care = await t.call('cases.open', { residentId: elder.id, category: 'solitary_elderly', openedOn: '2020-02-15' });
  const db = t.core.services.ledger.handle();
  db.exec(`ALTER TABLE cases DROP COLUMN team_unsplit; DELETE FROM schema_migrations WHERE version = 68`);
  const notes = db.prepare(`UPDATE cases SET notes = @notes WHERE id = @id`);
  notes.run({ id: obs.id, notes: '自行隔离；包保责任人：张三、李四' });
  notes.run({ id: care.id, notes: '母亲有高血压' });
  await t.call('auth.lock', {});
  t.core.close();
  // The program updated: a new core opens the same folder and the admin's unlock runs 068.
  const core = new Core({ dataDir: t.dir, clock: t.clock, kdf: TEST_KDF, failureDelayBaseMs: 5 });
  const unwrap = <T>(r: { ok: unknown; value?: T; error?: unknown }): T => {
    if (r.ok !== true) throw new Error(JSON.stringify(r.error));
    return r.value as T;
  };
  t = { ...t, core, call: (channel, input, sessionId = 'admin') => core.call(sessionId, channel, input).then(unwrap), close: () => core.close() } as TestLedger;
  await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
  return { moved: obs.id, kept: care.id };
}

describe('068 on a ledger in use is audited', () => {
  it('writes one row per case whose 备注 it changed, named 数据升级 068, and the log still verifies', async () => {
    const { moved, kept } = await ledgerBefore068();
    const rows = (await t.call('audit.list', { filter: { channel: 'ledger.upgrade' }, offset: 0, limit: 100 })).rows;
    expect(rows.map((r) => [r.entity, r.entityId, r.who])).toEqual([['case', String(moved), '数据升级 068']]);
    expect(JSON.parse(rows[0]!.before!)).toEqual({ notes: '自行隔离；包保责任人：张三、李四' });
    expect(JSON.parse(rows[0]!.after!)).toEqual({ notes: '自行隔离', team_unsplit: '张三、李四' });
    expect(rows[0]!.summary).toBe(`数据升级 068 修改了个案（编号 ${moved}）（改动：备注、包保责任人（未注明分工））`);
    // The case's own 办理记录 says it; the case the upgrade left alone has no such line.
    const timeline = (await t.call('cases.get', { id: moved })).timeline;
    expect(timeline.at(-1)).toMatchObject({ displayName: '数据升级 068', channel: 'ledger.upgrade', what: '修改：备注、包保责任人（未注明分工）' });
    expect((await t.call('cases.get', { id: kept })).timeline.map((e) => e.channel)).not.toContain('ledger.upgrade');
    const verified = await t.call('audit.verify', {});
    expect(verified.intact).toBe(true);
    expect(verified.anchor?.state).toBe('ok');
  });
});
