/**
 * An import whose window is ended while it reads its rows (PH2-W1, fourteenth attack run): 停用, a lock of that window
 * (another still open), 用恢复密钥 from another window, and the last window locked. Before jobs.ts windowEnded the
 * commit went on and wrote every row under the ended window. Now it stops before its one write transaction, as a
 * cancelled import does: nothing written, UNAUTHENTICATED, the stop audited once under the user whose import it was.
 * 重设密码 is the attack run's own test (tests/unit/security/session28-phase2.test.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DispatchResult } from '../../../electron/core/router';
import { getUserByName } from '../../../electron/core/auth/user-queries';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { ADMIN, openTestLedger, PASSWORD, rotating, type TestLedger } from '../../helpers/ledger';
import { seedOrg } from './files';

let t: TestLedger;
afterEach(() => t.close());

/** 20,000 pasted residents: read in ten steps at least, each giving the thread back (a window can be ended between). */
const TEXT = [
  '社区\t姓名\t身份证号\t住址',
  ...Array.from({ length: 20_000 }, (_, i) => `东风社区\t居民${i}\t${makeIdNumber('410105', `${1950 + Math.floor(i / 900)}-01-01`, i % 900)}\t住址${i}`),
].join('\n');

/** The clerk wangwu's commit (no preview: its rows are read now), and `end` run while it reads; both replies. */
async function commitWhile(end: () => Promise<DispatchResult | void>, channel = 'import.commit'): Promise<{ commit: DispatchResult; ended: unknown }> {
  t = await openTestLedger();
  await seedOrg(t);
  const clerk = await t.sessionAs('clerk', 'wangwu');
  const { mapping } = await t.call('import.inspect', { text: TEXT, target: 'residents' }, clerk);
  let settled = false;
  const commit = t.raw(channel, { text: TEXT, target: 'residents', mapping }, clerk).finally(() => (settled = true));
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  const ended = await end();
  // The window was ended while the import was still reading, or the test proves nothing.
  expect(settled).toBe(false);
  expect(t.core.services.sessions.get(clerk)).toBeUndefined();
  return { commit: await commit, ended };
}

const rowsOf = (sql: string) => t.core.services.ledger.handle().prepare(sql).all();
const count = (table: string) => t.core.services.ledger.handle().prepare(`SELECT count(*) FROM ${table}`).pluck().get();
const wangwu = () => getUserByName(t.core.services.ledger.handle(), 'wangwu')!.id;

/** Nothing of the import written; its one row the stop's, under wangwu, said so in 操作日志. */
async function stoppedBeforeWriting(commit: DispatchResult): Promise<void> {
  expect(commit).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('台账没有任何改动') } });
  expect(count('residents')).toBe(0);
  expect(count('import_log')).toBe(0);
  expect(rowsOf(`SELECT username, entity, entity_id AS entityId FROM audit_log WHERE channel = 'import.commit'`)).toEqual([
    { username: 'wangwu', entity: 'import', entityId: null },
  ]);
  const log = await t.call('audit.list', { filter: { channel: 'import.commit' }, offset: 0, limit: 5 });
  expect(log.rows.map((r) => r.summary)).toEqual([
    expect.stringMatching(/的导入「粘贴的表格」在写入前停止：这个窗口已退出登录（锁定、重设密码或停用），台账没有改动$/),
  ]);
}

describe('a window ended while its import reads its rows', () => {
  it('停用 of the clerk by a coordinator: the commit stops before writing', async () => {
    const { commit, ended } = await commitWhile(() => t.raw('users.disable', { id: wangwu(), ...rotating() }));
    expect(ended).toMatchObject({ ok: true });
    await stoppedBeforeWriting(commit);
  }, 120_000);

  it('the clerk’s window locked, the coordinator’s still open: the commit stops before writing', async () => {
    const { commit } = await commitWhile(() => t.raw('auth.lock', {}, 'wangwu'));
    await stoppedBeforeWriting(commit);
  }, 120_000);

  it('用恢复密钥 for the clerk from another window: the commit stops before writing', async () => {
    const { commit, ended } = await commitWhile(() =>
      t.raw('auth.recover', { username: 'wangwu', recoveryKey: t.recoveryKey, newPassword: 'wangwu-own-secret-9' }, 'w2'),
    );
    expect(ended).toMatchObject({ ok: true });
    await stoppedBeforeWriting(commit);
  }, 120_000);

  it('the last window locked (the ledger closed): nothing written, no row at all', async () => {
    const { commit } = await commitWhile(async () => {
      await t.raw('auth.lock', {}, 'admin');
      return t.raw('auth.lock', {}, 'wangwu');
    });
    expect(commit).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(count('residents')).toBe(0);
    expect(count('import_log')).toBe(0);
    expect(rowsOf(`SELECT id FROM audit_log WHERE channel LIKE 'import.%'`)).toEqual([]);
    expect(await t.raw('auth.unlock', { username: 'wangwu', password: PASSWORD }, 'w3')).toMatchObject({ ok: true });
  }, 120_000);

  it('a preview whose window was locked: no matches audited or staged under it, UNAUTHENTICATED', async () => {
    const { commit: preview } = await commitWhile(() => t.raw('auth.lock', {}, 'wangwu'), 'import.preview');
    expect(preview).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(rowsOf(`SELECT id FROM audit_log WHERE channel LIKE 'import.%'`)).toEqual([]);
  }, 120_000);
});
