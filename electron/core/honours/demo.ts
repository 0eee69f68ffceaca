/**
 * Demo honours: the memorial records (demo-memorials.ts), then commendations of the living. Written with care:
 * neutral generated names, factual circumstances, no jokes, no placeholder names.
 */
import { addDays } from '../dates.shared';
import { chineseName } from '../demo-kit/random';
import type { DemoSeed } from '../demo-kit/types';
import type { WriteDb } from '../db/types';
import * as k from './commendation-queries';
import { seedDemoMemorials } from './demo-memorials';

function communities(db: WriteDb): Array<{ id: number; name: string }> {
  return db.prepare(`SELECT id, name FROM communities ORDER BY id`).all() as Array<{ id: number; name: string }>;
}

export const seedHonoursDemo: DemoSeed = (db, { rng, clock, sealer }) => {
  const now = clock.nowIso();
  const today = clock.today();
  const places = communities(db);
  const office = '东风街道办事处';
  seedDemoMemorials({ db, sealer, rng, now, today, places, office });

  // Commendations of the living.
  const living: Array<[k.CommendationFields['subjectKind'], string, number | null, string, string, 'drafted' | 'submitted' | 'approved']> = [
    [
      'community',
      places[0]?.name ?? '社区',
      places[0]?.id ?? null,
      '抗击疫情先进集体',
      '辖区“两个全覆盖”率先达到百分之百，封闭管理期间无一户生活物资断供。',
      'approved',
    ],
    [
      'clinic',
      `${places[2]?.name ?? ''}卫生服务站`,
      places[2]?.id ?? null,
      '抗击疫情先进集体',
      '承担发热筛查分诊，转诊及时、记录完整，无一例漏报。',
      'submitted',
    ],
    [
      'volunteer_team',
      `${places[3]?.name ?? ''}青年志愿服务队`,
      places[3]?.id ?? null,
      '优秀志愿服务队',
      '为独居老人和居家观察家庭配送物资一千余次。',
      'approved',
    ],
    ['person', chineseName(rng), places[5]?.id ?? null, '抗击疫情先进个人', '带领网格员完成一千二百余户入户排查，建立返程人员台账。', 'drafted'],
    ['person', chineseName(rng), places[6]?.id ?? null, '优秀志愿者', '每天在卡点值守，协助测温登记，连续服务四十余天。', 'submitted'],
  ];
  living.forEach(([subjectKind, subjectName, communityId, proposedTitle, deeds, status], i) => {
    const drafted = addDays(today, -20 + i);
    const id = k.insertCommendation(
      db,
      sealer,
      {
        memorialId: null,
        subjectKind,
        subjectName,
        staffId: null,
        communityId,
        proposedTitle,
        deeds,
        proposer: subjectKind !== 'community' && communityId ? `${places.find((p) => p.id === communityId)?.name ?? ''}居委会` : office,
      },
      drafted,
      now,
    );
    if (status === 'drafted') return;
    k.updateCommendationStatus(
      db,
      sealer,
      { id, memorialId: null, subjectName, deeds },
      {
        status,
        submittedOn: addDays(drafted, 2),
        decidedOn: status === 'approved' ? addDays(drafted, 9) : null,
        approvingBody: '东风街道党工委',
        conferredTitle: status === 'approved' ? proposedTitle : '',
        decisionNotes: '',
      },
      now,
    );
  });
};
