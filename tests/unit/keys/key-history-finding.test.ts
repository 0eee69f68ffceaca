/**
 * The key history junked or deleted offline (S34-A5): said at sign-in, on 设置 › 用户 › 密钥 and by 操作日志's check,
 * logged once at the unlock that finds it, and 更换密钥 refuses to start it afresh until asked (`dropKeyHistory`).
 * Red before keys/key-history-finding.ts: no field said it, and the rotation restarted the list unasked.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ADMIN, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';
import { offline } from '../security/swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

const JUNK = `UPDATE meta SET value = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' WHERE key = 'sensitive_key_history'`;
const DELETE = `DELETE FROM meta WHERE key = 'sensitive_key_history'`;
const NEXT = 'correct-horse-2';

/** A resident whose phone is sealed in an audit payload, then one rotation; returns that row's id. */
async function rotatedWithOldPayload(): Promise<number> {
  t = await openTestLedger();
  await t.sessionAs('viewer', 'viewer1');
  const { id: communityId } = await t.call('org.communities.save', { name: '东风社区' });
  const { id: householdId } = await t.call('households.save', { communityId, addressText: '路1号' });
  await t.call('residents.save', { householdId, name: '王大明', phone: '13803711001', idNumber: '110101199003074514' });
  const id = (await t.call('audit.list', { filter: { channel: 'residents.save' }, offset: 0, limit: 1 })).rows[0]!.id;
  await t.call('users.rotateKeys', rotating());
  return id;
}

/** Every window locked, the history edited offline with viewer1's database key, the coordinator signed in again. */
async function editAndUnlock(sql: string) {
  for (const s of ['viewer1', 'admin']) await t.call('auth.lock', {}, s);
  offline(t, (db) => db.prepare(sql).run());
  return t.call('auth.unlock', { username: ADMIN.username, password: NEXT });
}

const historyRows = async () =>
  (await t.call('audit.list', { filter: { channel: 'auth.unlock' }, offset: 0, limit: 50 })).rows.filter((r) => (r.after ?? '').includes('keyHistory'));

describe('the key history damaged or missing is said and asked about (S34-A5)', () => {
  it('says nothing while the history is sound, before and after a rotation', async () => {
    await rotatedWithOldPayload();
    await t.call('auth.lock', {});
    const info = await t.call('auth.unlock', { username: ADMIN.username, password: NEXT });
    expect(info.keyHistory).toBeNull();
    expect((await t.call('users.keyStatus', {})).keyHistory).toBeNull();
    expect((await t.call('audit.verify', {})).keyHistory).toBeUndefined();
  });

  it('junked: the unlock, the key status and the check say what cannot be read and what to do; logged once', async () => {
    const id = await rotatedWithOldPayload();
    const info = await editAndUnlock(JUNK);
    expect(info.keyHistory).toMatchObject({ state: 'damaged', unreadableRows: expect.any(Number) });
    expect(info.keyHistory!.unreadableRows).toBeGreaterThanOrEqual(1);
    expect(info.keyHistory!.message).toMatch(/已损坏.*无法查看.*备份恢复回来.*更换密钥/);
    expect((await t.call('users.keyStatus', {})).keyHistory?.state).toBe('damaged');
    expect((await t.call('audit.verify', {})).keyHistory).toMatchObject({ state: 'damaged', message: info.keyHistory!.message });
    expect(await t.raw('audit.reveal', { id })).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
    // Logged at that unlock, by whoever unlocked, and not again at the next one.
    const rows = await historyRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.username).toBe(ADMIN.username);
    expect(rows[0]!.summary).toMatch(/^王建国 解锁时发现：台账里保存的旧密钥记录已损坏.*之前的 \d+ 条操作日志记录的原号无法查看$/);
    await t.call('auth.lock', {});
    const again = await t.call('auth.unlock', { username: ADMIN.username, password: NEXT });
    expect(again.keyHistory?.state).toBe('damaged');
    expect(await historyRows()).toHaveLength(1);
  });

  it('deleted after a rotation: said as missing', async () => {
    await rotatedWithOldPayload();
    const info = await editAndUnlock(DELETE);
    expect(info.keyHistory).toMatchObject({ state: 'missing' });
    expect(info.keyHistory!.message).toMatch(/不见了/);
    expect(await historyRows()).toHaveLength(1);
  });

  it('the count of unreadable rows is made once per held key: 密钥 opened again does not read every sealed row again', async () => {
    await rotatedWithOldPayload();
    const info = await editAndUnlock(DELETE);
    expect(info.keyHistory!.unreadableRows).toBeGreaterThanOrEqual(1);
    const sealer = t.core.services.ledger.sealer()!;
    const holds = vi.spyOn(sealer, 'holds');
    for (let i = 0; i < 3; i++) expect((await t.call('users.keyStatus', {})).keyHistory?.unreadableRows).toBe(info.keyHistory!.unreadableRows);
    expect(holds).not.toHaveBeenCalled();
    // Every window locked and signed in again: a new key held, whose sign-in counted afresh (the same rows).
    await t.call('auth.lock', {}, 'viewer1');
    await t.call('auth.lock', {});
    const next = await t.call('auth.unlock', { username: ADMIN.username, password: NEXT });
    expect(t.core.services.ledger.sealer()).not.toBe(sealer);
    expect(next.keyHistory?.unreadableRows).toBe(info.keyHistory!.unreadableRows);
    expect((await t.call('users.keyStatus', {})).keyHistory?.unreadableRows).toBe(info.keyHistory!.unreadableRows);
  });

  it('更换密钥 refuses to start the history afresh unasked (nothing changed), and with the flag does so and says it', async () => {
    await rotatedWithOldPayload();
    await editAndUnlock(JUNK);
    const keyId = t.core.services.ledger.keyring().keyId;
    const refused = await t.raw('users.rotateKeys', rotating(NEXT, 'correct-horse-3'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(JSON.stringify(refused)).toMatch(/确认重新开始记录旧密钥/);
    expect(t.core.services.ledger.keyring().keyId).toBe(keyId);
    const done = await t.call('users.rotateKeys', { ...rotating(NEXT, 'correct-horse-3'), dropKeyHistory: true });
    expect(done.rotated).toBe(true);
    expect(done.keyHistoryRestarted).toMatch(/已损坏.*重新开始记录/);
    expect((await t.call('users.keyStatus', {})).keyHistory).toBeNull();
  });

  it("a leaver's rotation (停用) is not held off by the damage: it goes on and says what it gave up", async () => {
    await rotatedWithOldPayload();
    await editAndUnlock(JUNK);
    const viewer = (await t.call('users.list', {})).find((u) => u.username === 'viewer1')!;
    const r = await t.call('users.disable', { id: viewer.id, ...rotating(NEXT, 'correct-horse-3') });
    expect(r.keysRotated?.rotated).toBe(true);
    expect(r.keysRotated?.keyHistoryRestarted).toMatch(/重新开始记录/);
  });
});
