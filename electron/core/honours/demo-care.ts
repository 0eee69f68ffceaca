/**
 * The demo's fully handled memorial record (demo-memorials.ts, the first): the family it cares for, two visits, two
 * difficulties (one resolved), psychological support and the publicity, as a coordinator records them over weeks.
 */
import { addDays } from '../dates.shared';
import { chineseName, mobile, type Rng } from '../demo-kit/random';
import type { WriteDb } from '../db/types';
import type { Sealer } from '../db/sealer';
import * as care from './care-queries';
import { updateMemorial, type MemorialFields } from './memorial-queries';

export function seedHandledCare(db: WriteDb, sealer: Sealer, rng: Rng, m1: number, m1Fields: MemorialFields, today: string, now: string): void {
  const spouse1 = chineseName(rng);
  care.insertFamilyMember(db, sealer, m1, { name: spouse1, relation: '配偶', phone: mobile(rng), notes: '' }, now);
  // The daughter carries her father's (the surviving spouse's) surname.
  care.insertFamilyMember(
    db,
    sealer,
    m1,
    { name: spouse1.slice(0, 1) + chineseName(rng).slice(1), relation: '女儿', phone: null, notes: '在读初中二年级' },
    now,
  );
  care.insertVisit(
    db,
    sealer,
    m1,
    {
      visitedOn: addDays(today, -17),
      visitors: '街道党工委书记、社区党委书记',
      brought: '慰问金、生活用品',
      notes: '转达组织关怀，了解家庭实际困难。',
      nextVisitOn: addDays(today, -10),
    },
    now,
  );
  care.insertVisit(
    db,
    sealer,
    m1,
    {
      visitedOn: addDays(today, -10),
      visitors: '社区党委书记、街道民政专干',
      brought: '米面油',
      notes: '家属情绪逐步平稳，孩子已复课。',
      nextVisitOn: addDays(today, 4),
    },
    now,
  );
  care.insertDifficulty(
    db,
    sealer,
    m1,
    {
      kind: '就学',
      description: '女儿线上课程需要学习设备',
      owner: '街道教育专干',
      actions: '协调区教育局配发学习平板，并安排任课教师定期联系。',
      status: 'resolved',
      raisedOn: addDays(today, -17),
      followUpOn: addDays(today, -14),
      resolvedOn: addDays(today, -13),
    },
    now,
  );
  care.insertDifficulty(
    db,
    sealer,
    m1,
    {
      kind: '心理',
      description: '配偶夜间难以入睡，情绪低落',
      owner: '社区心理志愿者',
      actions: '联系区心理援助热线，每周电话疏导一次。',
      status: 'in_progress',
      raisedOn: addDays(today, -10),
      followUpOn: addDays(today, 3),
      resolvedOn: null,
    },
    now,
  );
  updateMemorial(
    db,
    sealer,
    m1,
    { ...m1Fields, psychSupport: '区心理援助热线专业人员每周电话疏导一次，社区心理志愿者陪伴。', psychSupportOn: addDays(today, -10) },
    now,
  );
  care.insertPublicity(db, sealer, m1, { publishedOn: addDays(today, -8), outlet: '区融媒体中心', headline: '守好卡点的最后一班岗', notes: '' }, now);
}
