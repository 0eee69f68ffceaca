/**
 * The twenty-sixth attack run (session 40) on session 39's 医务人员上卡点 warning at a save
 * (rota/medical-checkpoint-save.ts): a save that puts a doctor or nurse on a 卡点值守 post stops with the notice's
 * words and goes on only with a reason (a coordinator's, recorded on each shift and audited) or 「先保存，稍后调换」.
 * Through `Core.call` as a clerk or a viewer: a save without a reason that passes as one, a reason that is not
 * recorded, a reason slipped in by the channel's other fields; and the words it quotes, against the notice itself.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOTICE_MEDICAL_CHECKPOINT } from '../../../electron/core/rota/medical-checkpoint-save';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { rotaFixture, type RotaFixture } from '../rota/fixture';

let t: TestLedger;
let f: RotaFixture;
let clerk: string;
beforeEach(async () => {
  // Monday 17 February 2020 (the test clock's day): 张伟 is planned on the checkpoint on the 18th and 19th.
  t = await openTestLedger();
  f = await rotaFixture(t);
  for (const day of ['2020-02-18', '2020-02-19']) await t.call('rota.assign', { day, postId: f.checkpoint, shiftId: f.shifts.day, staffId: f.workers[0]! });
  clerk = await t.sessionAs('clerk', 'clerk1');
  await t.sessionAs('viewer', 'viewer1');
});
afterEach(() => t?.close());

const zhang = (extra: Record<string, unknown> = {}) => ({ id: f.workers[0]!, name: '张伟', kind: 'medical' as const, communityId: f.c1, ...extra });
const db = () => t.core.services.ledger.handle();
const reasons = (): Array<string | null> =>
  db().prepare(`SELECT override_reason FROM rota_assignments WHERE staff_id = ? ORDER BY day`).pluck().all(f.workers[0]!) as Array<string | null>;
const kindOfZhang = async (): Promise<string> => (await t.call('rota.staff.list', {})).find((s) => s.id === f.workers[0])!.kind;
const auditCount = (): number => db().prepare(`SELECT count(*) FROM audit_log`).pluck().get() as number;

describe('the medical-at-checkpoint save through Core.call', () => {
  it('held: the words quoted as 通知要求 are the notice’s own (line 23 of notice-2020-14.txt)', () => {
    const notice = readFileSync('/work/shared/domain/notice-2020-14.txt', 'utf8');
    expect(notice).toContain(NOTICE_MEDICAL_CHECKPOINT);
  });

  it('held: a viewer cannot make the save at all, with or without an answer', async () => {
    for (const answer of [{}, { medicalLater: true }, { medicalReason: '人手不足' }])
      expect((await t.fail('rota.staff.save', zhang(answer), 'viewer1')).code).toBe('FORBIDDEN');
    expect(await kindOfZhang()).toBe('community_worker');
  });

  it('held: a clerk’s reason is refused and nothing is kept (the person, the shifts, the log)', async () => {
    const before = auditCount();
    for (const answer of [{ medicalReason: '人手不足' }, { medicalReason: '人手不足', medicalLater: true }])
      expect((await t.fail('rota.staff.save', zhang(answer), clerk)).code).toBe('FORBIDDEN');
    expect(await kindOfZhang()).toBe('community_worker');
    expect(reasons()).toEqual([null, null]);
    expect(auditCount()).toBe(before);
  });

  it('held: a blank reason is no reason (spaces, full-width spaces, a newline): the save stops with the notice’s words', async () => {
    for (const medicalReason of ['   ', '\u3000\u3000', '\n'])
      expect(await t.raw('rota.staff.save', zhang({ medicalReason }), clerk)).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: expect.stringContaining(NOTICE_MEDICAL_CHECKPOINT) },
      });
    expect(await kindOfZhang()).toBe('community_worker');
  });

  it('held: rota.assign puts no medical person on a checkpoint for a clerk, with or without a reason', async () => {
    const doctorOn = (overrideReason?: string) =>
      t.fail(
        'rota.assign',
        { day: '2020-02-20', postId: f.checkpoint, shiftId: f.shifts.day, staffId: f.doctor, ...(overrideReason ? { overrideReason } : {}) },
        clerk,
      );
    expect((await doctorOn('人手不足')).code).toBe('FORBIDDEN');
    expect((await doctorOn()).code).toBe('CONFLICT');
    expect((await doctorOn(' ')).code).toBe('CONFLICT');
  });

  it('held: a coordinator’s reason is on each shift and in the log, under the coordinator’s name, with the reason', async () => {
    const reason = '北门卡点暂缺人手，张伟兼做体温复测';
    await t.call('rota.staff.save', zhang({ medicalReason: reason }));
    expect(reasons()).toEqual([reason, reason]);
    const rows = db()
      .prepare(`SELECT username, after_json AS a FROM audit_log WHERE entity = 'rota_assignment' AND before_json IS NOT NULL ORDER BY id`)
      .all() as Array<{ username: string; a: string }>;
    expect(rows.map((r) => [r.username, (JSON.parse(r.a) as { overrideReason: string }).overrideReason])).toEqual([
      ['admin', reason],
      ['admin', reason],
    ]);
  });

  it('held: 先保存，稍后调换 by a clerk keeps no reason, and the roster says so (※ 未写破例理由)', async () => {
    await t.call('rota.staff.save', zhang({ medicalLater: true }), clerk);
    expect(reasons()).toEqual([null, null]);
    const roster = await t.call('rota.roster', { from: '2020-02-18', to: '2020-02-19' });
    expect(JSON.stringify(roster)).toContain('未写破例理由');
  });
});
