import { afterEach, describe, expect, it } from 'vitest';
import { explainListCommendations } from '../../../electron/core/honours/commendation-queries';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { commendationFields, memorialFields } from './helpers';

describe('commendations', () => {
  let t: TestLedger;
  afterEach(() => t?.close());

  it('names the date box as the form does: 报送日期, 审批日期 (session 36 walk: a bare 「日期」)', async () => {
    t = await openTestLedger({ now: '2020-02-20T02:00:00.000Z' });
    const m = await t.call('honours.memorials.save', memorialFields());
    const k = await t.call('honours.commendations.save', commendationFields(m.id));
    expect((await t.fail('honours.commendations.advance', { id: k.id, status: 'submitted', on: '2020-02-25' })).message).toBe('「报送日期」不能晚于今天。');
    await t.call('honours.commendations.advance', { id: k.id, status: 'submitted', on: '2020-02-20', approvingBody: '中共某区委员会' });
    const early = await t.fail('honours.commendations.advance', {
      id: k.id,
      status: 'approved',
      on: '2020-02-19',
      approvingBody: '区委',
      conferredTitle: '优秀',
    });
    expect(early.message).toBe('「审批日期」不能早于报送日期。');
  });

  it('takes a posthumous request from drafted to submitted to approved, with body, title and dates', async () => {
    t = await openTestLedger({ now: '2020-02-20T02:00:00.000Z' });
    const m = await t.call('honours.memorials.save', memorialFields());
    const k = await t.call('honours.commendations.save', commendationFields(m.id));
    expect(k).toMatchObject({ subjectName: '孙海燕', status: 'drafted', draftedOn: '2020-02-20' });
    expect(
      (await t.fail('honours.commendations.advance', { id: k.id, status: 'approved', on: '2020-02-20', approvingBody: '区委', conferredTitle: '优秀共产党员' }))
        .code,
    ).toBe('CONFLICT');
    await t.call('honours.commendations.advance', { id: k.id, status: 'submitted', on: '2020-02-20', approvingBody: '中共某区委员会' });
    expect(
      (
        await t.fail('honours.commendations.save', {
          id: k.id,
          memorialId: m.id,
          subjectKind: 'person',
          subjectName: 'x',
          proposedTitle: 'x',
          deeds: 'x',
          proposer: 'x',
        })
      ).code,
    ).toBe('CONFLICT');
    expect(
      (await t.fail('honours.commendations.advance', { id: k.id, status: 'approved', on: '2020-02-20', approvingBody: '中共某区委员会' })).message,
    ).toContain('「授予称号」');
    const approved = await t.call('honours.commendations.advance', {
      id: k.id,
      status: 'approved',
      on: '2020-02-20',
      approvingBody: '中共某区委员会',
      conferredTitle: '优秀共产党员',
    });
    expect(approved).toMatchObject({ status: 'approved', submittedOn: '2020-02-20', decidedOn: '2020-02-20', conferredTitle: '优秀共产党员' });
    expect((await t.call('honours.memorials.get', { id: m.id })).commendations).toMatchObject([{ id: k.id, status: 'approved' }]);
    expect((await t.call('honours.memorials.list', {}))[0]!.commendationStatus).toBe('approved');
  });

  it('lets clerks keep commendations of the living and viewers read them, never the posthumous ones', async () => {
    t = await openTestLedger({ now: '2020-02-20T02:00:00.000Z' });
    const c1 = await t.call('org.communities.save', { name: '和平社区' });
    const c2 = await t.call('org.communities.save', { name: '建设社区' });
    const m = await t.call('honours.memorials.save', memorialFields());
    const posthumous = await t.call('honours.commendations.save', {
      memorialId: m.id,
      subjectKind: 'person',
      subjectName: '孙海燕',
      proposedTitle: '追授',
      deeds: '事迹',
      proposer: '街道党工委',
    });
    const clerk = await t.sessionAs('clerk');
    const viewer = await t.sessionAs('viewer');
    await t.call(
      'honours.commendations.save',
      {
        subjectKind: 'community',
        subjectName: '和平社区',
        communityId: c1.id,
        proposedTitle: '先进集体',
        deeds: '两个全覆盖率先达到百分之百',
        proposer: '东风街道办事处',
      },
      clerk,
    );
    await t.call(
      'honours.commendations.save',
      {
        subjectKind: 'clinic',
        subjectName: '建设社区卫生服务站',
        communityId: c2.id,
        proposedTitle: '先进集体',
        deeds: '发热筛查分诊零差错',
        proposer: '东风街道办事处',
      },
      clerk,
    );
    const person = await t.call(
      'honours.commendations.save',
      {
        subjectKind: 'person',
        subjectName: '郭秀兰',
        communityId: c2.id,
        proposedTitle: '优秀志愿者',
        deeds: '为独居老人送药送菜',
        proposer: '建设社区居委会',
      },
      clerk,
    );
    await t.call('honours.commendations.advance', { id: person.id, status: 'submitted', on: '2020-02-20' }, clerk);

    expect((await t.call('honours.commendations.list', {}, viewer)).map((k) => k.subjectName).sort()).toEqual(
      ['建设社区卫生服务站', '和平社区', '郭秀兰'].sort(),
    );
    expect((await t.call('honours.commendations.list', { communityId: c2.id }, viewer)).map((k) => k.subjectName).sort()).toEqual(
      ['建设社区卫生服务站', '郭秀兰'].sort(),
    );
    expect((await t.call('honours.commendations.list', { subjectKind: 'clinic' }, viewer)).map((k) => k.subjectName)).toEqual(['建设社区卫生服务站']);
    expect((await t.call('honours.commendations.list', { status: 'submitted' }, viewer)).map((k) => k.subjectName)).toEqual(['郭秀兰']);

    expect(
      (await t.fail('honours.commendations.save', { subjectKind: 'person', subjectName: '郭秀兰', proposedTitle: 'x', deeds: 'x', proposer: 'x' }, viewer))
        .code,
    ).toBe('FORBIDDEN');
    expect((await t.fail('honours.commendations.get', { id: posthumous.id }, clerk)).code).toBe('FORBIDDEN');
    expect((await t.fail('honours.commendations.advance', { id: posthumous.id, status: 'submitted', on: '2020-02-20' }, clerk)).code).toBe('FORBIDDEN');
    expect(
      (
        await t.fail(
          'honours.commendations.save',
          { memorialId: m.id, subjectKind: 'person', subjectName: 'x', proposedTitle: 'x', deeds: 'x', proposer: 'x' },
          clerk,
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect((await t.call('honours.commendations.get', { id: person.id }, viewer)).subjectName).toBe('郭秀兰');
  });

  it('reads the list through its indexes (by community, by kind, and all newest first)', async () => {
    t = await openTestLedger();
    const db = t.core.services.ledger.handle();
    expect(explainListCommendations(db, { communityId: 1 })).toContain('honours_commendations_by_community');
    expect(explainListCommendations(db, { subjectKind: 'clinic' })).toContain('honours_commendations_by_kind');
    const all = explainListCommendations(db, {});
    expect(all).toContain('honours_commendations_by_drafted');
    expect(all).not.toContain('TEMP B-TREE');
  });
});
