/**
 * A memorial record as the version before migration 023 stored it: every
 * personal value in its plain column, with a family member, a visit, a
 * difficulty, a report, a step, publicity, a posthumous and a living
 * commendation and a PDF attachment. `LEGACY_TEXTS` are the values that must
 * never be readable without the sensitive key once the ledger is upgraded.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../../../electron/core/db/types';

export const LEGACY_NOW = '2020-02-18T02:00:00.000Z';
export const LEGACY_PDF = Buffer.from('%PDF-1.4\n% 孙海燕同志事迹材料 机密\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n', 'utf8');

export const LEGACY_MEMORIAL = {
  name: '孙海燕',
  sex: '女',
  birthDate: '1978-05-06',
  idNumber: '410102197805060040',
  post: '专职社区工作者、第二网格网格员',
  place: '和平社区第二网格卡点',
  circumstances: '连续十余日参加入户排查和卡点值守，在岗位上突发疾病，经抢救无效不幸去世。',
  cause: '突发疾病',
  deeds: '春节以来坚守卡点二十三天，排查返程人员四百余人。',
  psychSupport: '区心理援助热线每周电话疏导一次。',
} as const;

export const LEGACY_CHILDREN = {
  family: { name: '周文华', relation: '配偶', phone: '13803712345', notes: '在郑州市第七人民医院工作' },
  visit: { visitors: '街道党工委书记高志明', brought: '慰问金五千元、米面油', notes: '家属情绪低落，孩子住校' },
  difficulty: { description: '孩子读初二，需要转学到就近学校', owner: '街道教育专干何丽', actions: '已联系区教育局' },
  report: { via: '电话报告', reportedBy: '王建国', notes: '向街道党工委韩书记口头报告' },
  step: { appliedTo: '区人力资源和社会保障局', outcome: '', notes: '材料由爱人周文华提交' },
  publicity: { outlet: '区融媒体中心', headline: '孙海燕：守好卡点的最后一班岗', notes: '配发家属采访' },
  posthumous: { subjectName: '孙海燕', deeds: '孙海燕同志牺牲前连续值守二十三天', decisionNotes: '' },
  attachment: { fileName: '孙海燕-事迹材料.pdf', caption: '孙海燕同志事迹材料' },
} as const;

/** A commendation of the living: viewers list it today and still will. */
export const LIVING_COMMENDATION = { subjectName: '和平社区青年志愿服务队', deeds: '为独居老人配送物资一千余次。' } as const;

/** Every personal text of the fixture (the ones long enough to be unambiguous in a scan). */
export const LEGACY_TEXTS: readonly string[] = [
  ...Object.values(LEGACY_MEMORIAL).filter((v) => v.length >= 6),
  ...Object.values(LEGACY_CHILDREN).flatMap((o) => Object.values(o).filter((v) => v.length >= 6)),
  LEGACY_MEMORIAL.name,
  LEGACY_CHILDREN.family.name,
];

/** Inserts the record with its children as the code before 023 did; returns the memorial id. */
export function insertLegacyMemorial(db: Database, communityId: number | null, staffId: number | null): number {
  const now = { now: LEGACY_NOW };
  const m = LEGACY_MEMORIAL;
  const id = Number(
    db
      .prepare(
        `INSERT INTO honours_memorials (staff_id, name, sex, birth_date, id_number, post, community_id, died_at, place, circumstances, cause, deeds, psych_support, psych_support_on, created_at, updated_at)
         VALUES (@staffId, @name, @sex, @birthDate, @idNumber, @post, @communityId, '2020-02-16T06:20:00.000Z', @place, @circumstances, @cause, @deeds, @psychSupport, '2020-02-17', @now, @now)`,
      )
      .run({ ...m, staffId, communityId, ...now }).lastInsertRowid,
  );
  const c = LEGACY_CHILDREN;
  db.prepare(
    `INSERT INTO honours_family_members (memorial_id, name, relation, phone, notes, created_at, updated_at) VALUES (@id, @name, @relation, @phone, @notes, @now, @now)`,
  ).run({ id, ...c.family, ...now });
  db.prepare(
    `INSERT INTO honours_visits (memorial_id, visited_on, visitors, brought, notes, next_visit_on, created_at) VALUES (@id, '2020-02-17', @visitors, @brought, @notes, '2020-02-18', @now)`,
  ).run({ id, ...c.visit, ...now });
  db.prepare(
    `INSERT INTO honours_difficulties (memorial_id, kind, description, owner, actions, status, raised_on, follow_up_on, created_at, updated_at)
     VALUES (@id, '就学', @description, @owner, @actions, 'in_progress', '2020-02-17', '2020-02-18', @now, @now)`,
  ).run({ id, ...c.difficulty, ...now });
  db.prepare(
    `INSERT INTO honours_reports (memorial_id, reported_at, recipient, via, reported_by, notes, created_at) VALUES (@id, '2020-02-16T07:00:00.000Z', '党委', @via, @reportedBy, @notes, @now)`,
  ).run({ id, ...c.report, ...now });
  db.prepare(
    `INSERT INTO honours_steps (memorial_id, kind, status, applied_on, applied_to, outcome, notes, created_at, updated_at)
     VALUES (@id, '工伤认定', 'applied', '2020-02-17', @appliedTo, @outcome, @notes, @now, @now)`,
  ).run({ id, ...c.step, ...now });
  db.prepare(
    `INSERT INTO honours_publicity (memorial_id, published_on, outlet, headline, notes, created_at) VALUES (@id, '2020-02-17', @outlet, @headline, @notes, @now)`,
  ).run({ id, ...c.publicity, ...now });
  db.prepare(
    `INSERT INTO honours_commendations (memorial_id, subject_kind, subject_name, staff_id, community_id, proposed_title, deeds, proposer, status, drafted_on, decision_notes, created_at, updated_at)
     VALUES (@id, 'person', @subjectName, @staffId, @communityId, '抗击疫情先进个人（追授）', @deeds, '东风街道办事处', 'drafted', '2020-02-17', @decisionNotes, @now, @now)`,
  ).run({ id, staffId, communityId, ...c.posthumous, ...now });
  db.prepare(
    `INSERT INTO honours_commendations (memorial_id, subject_kind, subject_name, community_id, proposed_title, deeds, proposer, status, drafted_on, created_at, updated_at)
     VALUES (NULL, 'volunteer_team', @subjectName, @communityId, '优秀志愿服务队', @deeds, '和平社区居委会', 'drafted', '2020-02-17', @now, @now)`,
  ).run({ communityId, ...LIVING_COMMENDATION, ...now });
  db.prepare(
    `INSERT INTO honours_attachments (memorial_id, file_name, mime, size_bytes, sha256, caption, content, added_at, added_by)
     VALUES (@id, @fileName, 'application/pdf', @size, @sha256, @caption, @content, @now, 'admin')`,
  ).run({ id, ...c.attachment, size: LEGACY_PDF.length, sha256: createHash('sha256').update(LEGACY_PDF).digest('hex'), content: LEGACY_PDF, ...now });
  return id;
}

export const HONOURS_TABLES = [
  'honours_memorials',
  'honours_family_members',
  'honours_visits',
  'honours_difficulties',
  'honours_reports',
  'honours_steps',
  'honours_publicity',
  'honours_commendations',
  'honours_attachments',
] as const;

/** Every TEXT and BLOB value of the tables that contains one of `needles` (as UTF-8 text or bytes). */
export function findTexts(db: Database, tables: readonly string[], needles: ReadonlyArray<string | Buffer>): string[] {
  const found: string[] = [];
  for (const table of tables) {
    for (const row of db.prepare(`SELECT * FROM ${table}`).all() as Array<Record<string, unknown>>) {
      for (const [column, v] of Object.entries(row)) {
        const bytes = typeof v === 'string' ? Buffer.from(v, 'utf8') : Buffer.isBuffer(v) ? v : null;
        if (!bytes) continue;
        for (const n of needles)
          if (bytes.includes(typeof n === 'string' ? Buffer.from(n, 'utf8') : n)) found.push(`${table}.${column}: ${String(n).slice(0, 20)}`);
      }
    }
  }
  return found;
}
