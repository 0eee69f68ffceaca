import { join } from 'node:path';
import { residentWithId } from '../../helpers/sealed-residents';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { scratch, seedOrg, writeCsv, writeXlsx } from './files';
import { importAuditedIds } from '../../helpers/audit';

// The test clock stands at 2020-02-17.
const ID_A = makeIdNumber('410102', '1975-04-02', 11);
const ID_B = makeIdNumber('410102', '1988-09-15', 22);
const ID_C = makeIdNumber('410105', '1992-12-01', 33);
const ID_NEW = makeIdNumber('420106', '1960-06-06', 45);
const HEAD = ['序号', '姓名', '身份证号码', '人员类别', '开始日期', '观察天数', '风险等级', '来源', '备注'];
const MAPPING = [null, 'name', 'idNumber', 'category', 'startOn', 'obsDays', 'riskLevel', 'source', 'notes'];

let t: TestLedger;
let dir: string;
let org: { dongfeng: number; xingfu: number };
const db = () => t.core.services.ledger.handle();
const count = (sql: string): number => (db().prepare(sql).get() as { n: number }).n;
const ids = (sql: string): unknown[] => db().prepare(sql).pluck().all();
const reasonsByRow = (rejected: { rowNumber: number; reasons: { field: string; message: string }[] }[]) =>
  Object.fromEntries(rejected.map((r) => [r.rowNumber, r.reasons.map((x) => `${x.field}:${x.message}`).join('|')]));

beforeEach(async () => {
  t = await openTestLedger();
  org = await seedOrg(t);
  dir = scratch();
  await t.call('residents.save', { communityId: org.dongfeng, name: '张伟', idNumber: ID_A, phone: '13800138000' });
  await t.call('residents.save', { communityId: org.dongfeng, name: '李娜', idNumber: ID_B });
});
afterEach(() => t.close());

const sheet = () => [
  HEAD,
  [1, '张伟', ID_A, '居家观察', '2020-02-10', 14, '中', '武汉', ''],
  [2, '李娜', ID_B, '返程人员', '2020/2/15', '', '', '', '高铁返回'],
  [3, '王五', ID_C, '返程人员', '2020-02-15', '', '', '', ''],
  [4, '张伟', ID_A, '密接', '2020-02-15', '', '', '', ''],
  [5, '李娜', ID_B, '返程人员', '2020-02-01', 14, '', '', ''],
  [6, '李娜', ID_B, '医学观察', '2020-03-01', '', '', '', ''],
];

describe('cases import', () => {
  it('maps the headers, previews without writing, commits through openCase, and rejects rows naming the column', async () => {
    const path = await writeXlsx(join(dir, '个案.xlsx'), [{ name: '登记', rows: [['《东风社区重点人员台账》'], ...sheet()] }]);
    const ins = await t.call('import.inspect', { path, target: 'cases' });
    expect(ins.mapping).toEqual(MAPPING);

    const pre = await t.call('import.preview', { path, target: 'cases', mapping: ins.mapping });
    expect(pre.counts).toMatchObject({ total: 6, created: 2, rejected: 4 });
    expect(count('SELECT count(*) AS n FROM cases')).toBe(0);
    const why = reasonsByRow(pre.rejected);
    expect(why[5]).toMatch(/^身份证号:台账中没有这位居民/);
    // A sheet of one community (only its title says which) is given its 社区 once, not a column: the reason says where.
    expect(why[5]).toContain('在「全表统一的值」里选社区');
    expect(why[6]).toMatch(/^人员类别:「密接」不是可选的值/);
    expect(why[7]).toMatch(/^观察天数:只适用于居家观察和医学观察/);
    expect(why[8]).toMatch(/^开始日期:2020-03-01 晚于今天/);
    expect(pre.sample[0]!.shown).toMatchObject({ 人员类别: '居家观察', 开始日期: '2020-02-10', 观察天数: '14', 风险等级: '中' });

    const done = await t.call('import.commit', { path, target: 'cases', mapping: ins.mapping, previewId: pre.previewId });
    expect(done.counts).toMatchObject({ created: 2, rejected: 4 });
    const cases = db()
      .prepare(
        `SELECT r.name, c.category, c.status, c.opened_on AS openedOn, c.obs_start_on AS obsStart, c.obs_end_on AS obsEnd, c.risk_level AS risk, c.source, c.notes
                FROM cases c JOIN residents r ON r.id = c.resident_id ORDER BY c.id`,
      )
      .all();
    expect(cases).toEqual([
      {
        name: '张伟',
        category: 'home_observation',
        status: 'observing',
        openedOn: '2020-02-10',
        obsStart: '2020-02-10',
        obsEnd: '2020-02-23',
        risk: 'medium',
        source: '武汉',
        notes: null,
      },
      {
        name: '李娜',
        category: 'returnee',
        status: 'registered',
        openedOn: '2020-02-15',
        obsStart: null,
        obsEnd: null,
        risk: 'low',
        source: '导入',
        notes: '高铁返回',
      },
    ]);
    // Every case written is in the audit log, with the import's channel.
    expect(importAuditedIds(db(), 'case')).toEqual(ids(`SELECT id FROM cases ORDER BY id`));
    const saved = await t.call('import.rejected.save', { importId: done.importId!, outPath: join(dir, '退回.xlsx') });
    expect(saved.rows).toBe(4);
  });

  it('changes nothing when the same cases come again, in the same file or another one', async () => {
    const path = await writeXlsx(join(dir, 'a.xlsx'), [{ name: 'S', rows: sheet().slice(0, 3) }]);
    await t.call('import.commit', { path, target: 'cases', mapping: MAPPING });
    const changesBefore = count(`SELECT count(*) AS n FROM audit_log WHERE entity <> 'import'`);
    const same = await t.call('import.commit', { path, target: 'cases', mapping: MAPPING });
    expect(same.importId).toBeNull();
    expect(same.alreadyImported).not.toBeNull();
    // Another file (a CSV re-typed by the community) with the same cases: every row unchanged.
    const rows = sheet()
      .slice(0, 3)
      .map((r) => r.map((c) => (c === null ? '' : c)));
    const csv = writeCsv(join(dir, 'again.csv'), rows, 'gbk');
    const again = await t.call('import.commit', { path: csv, target: 'cases', mapping: MAPPING });
    expect(again.counts).toMatchObject({ total: 2, created: 0, unchanged: 2, rejected: 0 });
    expect(count('SELECT count(*) AS n FROM cases')).toBe(2);
    // Only the imports' own log entries were audited: no case or resident touched.
    expect(count(`SELECT count(*) AS n FROM audit_log WHERE entity <> 'import'`)).toBe(changesBefore);
  });

  it('registers a resident the ledger does not know when the row names its community, grid and address', async () => {
    const rows = [
      ['姓名', '身份证号', '联系电话', '人员类别', '登记日期', '所属社区', '所属网格', '家庭住址'],
      ['欧阳娜娜', ID_NEW, '13900139000', '返程人员', '2020-02-12', '东风社区', '一网格', '幸福小区3栋2单元101室'],
      ['欧阳娜娜', ID_NEW, '13900139000', '居家隔离', '2020-02-12', '东风社区', '一网格', '幸福小区3栋2单元101室'],
      ['赵六', makeIdNumber('410102', '1970-01-01', 51), '', '特困人员', '', '东风社区', '三网格', ''],
    ];
    const path = writeCsv(join(dir, '新人.csv'), rows, 'utf-8-bom');
    const ins = await t.call('import.inspect', { path, target: 'cases' });
    expect(ins.mapping).toEqual(['name', 'idNumber', 'phone', 'category', 'startOn', 'community', 'grid', 'address']);
    const done = await t.call('import.commit', { path, target: 'cases', mapping: ins.mapping });
    expect(done.counts).toMatchObject({ created: 2, rejected: 1 });
    const found = residentWithId(t, ID_NEW)!;
    const resident: Record<string, unknown> = { id: found.id, name: found.name, phone: found.phone, gridId: found.grid_id, householdId: found.household_id };
    expect(resident).toMatchObject({ name: '欧阳娜娜', phone: '13900139000' });
    expect(resident.householdId).not.toBeNull();
    const categories = db().prepare(`SELECT category, obs_days AS days FROM cases WHERE resident_id = @id ORDER BY category`).all({ id: resident.id });
    expect(categories).toEqual([
      { category: 'home_observation', days: 14 },
      { category: 'returnee', days: null },
    ]);
    expect(importAuditedIds(db(), 'resident')).toEqual([resident.id]);
    const history = await t.call('import.history', {});
    expect(history.rows[0]).toMatchObject({ target: 'cases', created: 2, rejected: 1 });
  });

  it('gives a vulnerable member of a household the file itself registers a care task once another member is observed, in either order', async () => {
    const head = ['姓名', '身份证号', '特殊人群', '人员类别', '登记日期', '所属社区', '所属网格', '家庭住址'];
    // Each order in a household of its own, new to the ledger (so the commit made it).
    const elder = (id: string, building: number) => [
      '钱老汉',
      id,
      '独居老人',
      '返程人员',
      '2020-02-12',
      '东风社区',
      '一网格',
      `和平小区${building}栋1单元101室`,
    ];
    const observed = (id: string, building: number) => ['钱小明', id, '', '居家隔离', '2020-02-12', '东风社区', '一网格', `和平小区${building}栋1单元101室`];
    const mapping = ['name', 'idNumber', 'tags', 'category', 'startOn', 'community', 'grid', 'address'];
    const orders = [
      {
        file: '老人在前.csv',
        building: 1,
        elderId: makeIdNumber('410102', '1940-03-03', 61),
        observedId: makeIdNumber('410102', '1990-03-03', 62),
        elderFirst: true,
      },
      {
        file: '观察在前.csv',
        building: 2,
        elderId: makeIdNumber('410102', '1941-04-04', 71),
        observedId: makeIdNumber('410102', '1991-04-04', 72),
        elderFirst: false,
      },
    ];
    for (const o of orders) {
      const rows = o.elderFirst
        ? [head, elder(o.elderId, o.building), observed(o.observedId, o.building)]
        : [head, observed(o.observedId, o.building), elder(o.elderId, o.building)];
      // A second, unrelated address: its member's case finds no care link (nobody observed there).
      rows.push([
        '孙一',
        makeIdNumber('410102', o.elderFirst ? '1950-05-05' : '1951-05-05', 81),
        '独居老人',
        '返程人员',
        '2020-02-12',
        '东风社区',
        '一网格',
        o.file,
      ]);
      const path = writeCsv(join(dir, o.file), rows, 'utf-8-bom');
      const done = await t.call('import.commit', { path, target: 'cases', mapping });
      expect(done.counts, o.file).toMatchObject({ created: 3, rejected: 0 });
      const elderId = residentWithId(t, o.elderId)!.id;
      const observedCase = db()
        .prepare(`SELECT id FROM cases WHERE resident_id = @id AND category = 'home_observation'`)
        .pluck()
        .get({ id: residentWithId(t, o.observedId)!.id });
      expect(db().prepare(`SELECT resident_id AS r, trigger_case_id AS c FROM care_tasks WHERE trigger_case_id = @c`).all({ c: observedCase }), o.file).toEqual(
        [{ r: elderId, c: observedCase }],
      );
    }
    expect(count(`SELECT count(*) AS n FROM care_tasks`)).toBe(2);
  });

  it('refuses a second open case of a category, and skips or updates a changed one by the chosen mode', async () => {
    await t.call('cases.open', {
      residentId: residentWithId(t, ID_A)!.id,
      category: 'home_observation',
      obsStartOn: '2020-02-08',
    });
    const rows = [HEAD, [1, '张伟', ID_A, '居家观察', '2020-02-10', '', '', '', ''], [2, '张 伟', ID_A, '居家观察', '2020-02-08', 21, '高', '', '']];
    const path = await writeXlsx(join(dir, 'b.xlsx'), [{ name: 'S', rows }]);
    const skip = await t.call('import.preview', { path, target: 'cases', mapping: MAPPING, onDuplicate: 'skip' });
    expect(skip.counts).toMatchObject({ skipped: 1, rejected: 1 });
    expect(reasonsByRow(skip.rejected)[2]).toContain('开始日期:这位居民已有一个进行中的「居家观察」个案（2020-02-08 开始）');
    expect(skip.conflicts[0]!.existing['观察天数']).toBe('14');
    expect(skip.conflicts[0]!.incoming['观察天数']).toBe('21');
    const upd = await t.call('import.commit', { path, target: 'cases', mapping: MAPPING, onDuplicate: 'update' });
    expect(upd.counts).toMatchObject({ updated: 1, rejected: 1 });
    expect(db().prepare(`SELECT obs_days AS days, obs_end_on AS endOn, risk_level AS risk FROM cases`).get()).toEqual({
      days: 21,
      endOn: '2020-02-28',
      risk: 'high',
    });
    // A longer observation is never silent: the case's notes say it came from the file.
    expect((db().prepare(`SELECT notes FROM cases`).get() as { notes: string }).notes).toContain('观察期由 14 天改为 21 天：社区报表导入');
    // Shortening an observation needs a reason on the case: the file cannot do it.
    const shorter = await writeXlsx(join(dir, 'c.xlsx'), [{ name: 'S', rows: [HEAD, [1, '张伟', ID_A, '居家观察', '2020-02-08', 10, '', '', '']] }]);
    const pre = await t.call('import.preview', { path: shorter, target: 'cases', mapping: MAPPING, onDuplicate: 'update' });
    expect(reasonsByRow(pre.rejected)[2]).toContain('观察天数:10 天比台账中的 21 天短');
  });

  it('rejects a name that does not match the ID number in the ledger', async () => {
    const path = await writeXlsx(join(dir, 'n.xlsx'), [{ name: 'S', rows: [HEAD, [1, '张三', ID_A, '返程人员', '2020-02-15', '', '', '', '']] }]);
    const pre = await t.call('import.preview', { path, target: 'cases', mapping: MAPPING });
    expect(reasonsByRow(pre.rejected)[2]).toMatch(/^姓名:与台账中这个身份证号登记的姓名不一致/);
  });

  it("looks up a resident's cases of a category by index", () => {
    const plan = (
      db()
        .prepare(`EXPLAIN QUERY PLAN SELECT id FROM cases WHERE resident_id = @residentId AND category = @category ORDER BY id`)
        .all({ residentId: 1, category: 'returnee' }) as { detail: string }[]
    )
      .map((p) => p.detail)
      .join(' ');
    expect(plan).toContain('cases_by_resident');
  });
});
