/** Shared set-up for the honours tests: a community, a staff member, and a memorial record entered as a coordinator would. */
import type { ApiInput } from '../../../electron/core/api';
import { asWriteDb } from '../../../electron/core/db/types';
import { honoursSubmission } from '../../../electron/core/honours/submission';
import { ADMIN, type TestLedger } from '../../helpers/ledger';

export const DIED_AT = '2020-02-16T06:20:00.000Z';

export function insertStaff(t: TestLedger, name: string, communityId: number | null): number {
  const db = asWriteDb(t.core.services.ledger.handle());
  const now = t.clock.nowIso();
  return Number(
    db
      .prepare(`INSERT INTO staff (name, kind, community_id, created_at, updated_at) VALUES (@name, 'community_worker', @communityId, @now, @now)`)
      .run({ name, communityId, now }).lastInsertRowid,
  );
}

export function memorialFields(over: Partial<ApiInput<'honours.memorials.save'>> = {}): ApiInput<'honours.memorials.save'> {
  return {
    name: '孙海燕',
    post: '专职社区工作者、第二网格网格员',
    diedAt: DIED_AT,
    place: '和平社区第二网格卡点',
    circumstances: '连续十余日参加入户排查和卡点值守，在岗位上突发疾病，经抢救无效不幸去世。',
    cause: '过度劳累',
    ...over,
  };
}

/** Moves the clock and unlocks again as the admin (a jump of hours trips the idle lock, as it would in life). */
/** A posthumous commendation request for the memorial record `memorialId`, as the office drafts one. */
export function commendationFields(memorialId: number): ApiInput<'honours.commendations.save'> {
  return {
    memorialId,
    subjectKind: 'person',
    subjectName: '（由记录带出）',
    proposedTitle: '追授“优秀共产党员”称号',
    deeds: '坚守卡点，连续工作十余日。',
    proposer: '东风街道党工委',
  };
}

export async function moveClock(t: TestLedger, instant: string): Promise<void> {
  t.clock.set(instant);
  await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
}

/** The 牺牲人员及表彰情况 memorial lines for the second half of February 2020, as the submission writes them now. */
export function februarySubmissionMemorials(t: TestLedger) {
  return honoursSubmission(t.core.services.ledger.handle(), t.core.services.ledger.sealer(), '2020-02-16', '2020-02-29', t.clock.nowIso(), t.clock.timeZone)
    .memorials;
}
