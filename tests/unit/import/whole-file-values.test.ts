import { join } from 'node:path';
import { residentWithId } from '../../helpers/sealed-residents';
import { beforeEach, describe, expect, it } from 'vitest';
import { registerPresetReader } from '../../../electron/core/io/import/preset';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger, writeCsv, writeXlsx } from './files';

// The test clock stands at 2020-02-17.
const ID_A = makeIdNumber('410105', '1962-03-12', 17);
const ID_B = makeIdNumber('420106', '1990-07-01', 23);
const ID_C = makeIdNumber('110105', '1985-05-05', 35);
const HEAD = ['序号', '姓名', '身份证号', '联系电话', '返程日期', '从何地返回', '家庭住址'];
const MAPPING = [null, 'name', 'idNumber', 'phone', 'arrivedOn', 'origin', 'address'];

const L = useImportLedger();
let qingsong: number;
beforeEach(async () => {
  qingsong = (await L.t.call('org.communities.save', { name: '青松里社区' })).id;
  await L.t.call('org.grids.save', { communityId: qingsong, name: '三网格' });
});

const db = L.db;
const rows = (title: string): (string | number)[][] => [
  [title],
  HEAD,
  [1, '张三', ID_A, '13803711002', '2020-02-10', '湖北省武汉市', '青松里小区3号楼2单元101室'],
  [2, '李四', ID_B, '13803711003', '2020/2/12', '浙江温州', '青松里小区5号楼1单元302室'],
];

describe('whole-file values: the community and the category given once, from the title', () => {
  it('suggests them from the title of a GBK CSV with no 社区 or 人员类别 column, asks rather than refuses, and imports with them confirmed', async () => {
    const path = writeCsv(join(L.dir, '返程登记.csv'), rows('青松里社区返程人员登记表（2020年2月）'), 'gbk');
    const ins = await L.t.call('import.inspect', { path, target: 'cases' });
    expect(ins.mapping).toEqual(MAPPING);
    expect(ins.titleRows).toEqual(['青松里社区返程人员登记表（2020年2月）']);
    // Suggested, never applied: nothing is filled in until the user confirms.
    expect(ins.constants).toEqual({});
    expect(ins.suggestions.map((s) => [s.field, s.value, s.from, s.found])).toEqual([
      ['category', '返程人员', 'title', '返程人员'],
      ['community', '青松里社区', 'title', '青松里社区'],
    ]);

    const e = await L.t.fail('import.preview', { path, target: 'cases', mapping: ins.mapping });
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toContain('「人员类别」');
    expect(e.message).toContain('全表统一的值');

    const constants = { community: '青松里社区', category: '返程人员' };
    const pre = await L.t.call('import.preview', { path, target: 'cases', mapping: ins.mapping, constants });
    expect(pre.counts).toMatchObject({ total: 2, created: 2, rejected: 0 });
    expect(pre.sample[0]!.shown).toMatchObject({ 人员类别: '返程人员', 来源地: '湖北省武汉市', 返程日期: '2020-02-10' });
    const done = await L.t.call('import.commit', { path, target: 'cases', mapping: ins.mapping, constants, previewId: pre.previewId });
    expect(done.counts).toMatchObject({ created: 2 });
    const cases = db()
      .prepare(
        `SELECT r.name, c.community_id AS community, c.category, c.origin, c.arrived_on AS arrivedOn, c.source FROM cases c JOIN residents r ON r.id = c.resident_id ORDER BY c.id`,
      )
      .all();
    expect(cases).toEqual([
      { name: '张三', community: qingsong, category: 'returnee', origin: '湖北省武汉市', arrivedOn: '2020-02-10', source: '导入' },
      { name: '李四', community: qingsong, category: 'returnee', origin: '浙江温州', arrivedOn: '2020-02-12', source: '导入' },
    ]);
    // The values used are recorded with the import and in its audit row.
    expect(JSON.parse((db().prepare(`SELECT constants_json AS c FROM import_log`).get() as { c: string }).c)).toEqual(constants);
    const audit = db().prepare(`SELECT after_json AS a FROM audit_log WHERE entity = 'import'`).get() as { a: string };
    expect(JSON.parse(audit.a).constants).toEqual(constants);
  });

  it('checks a whole-file value as it would a cell: a community not in this office is refused by name, a value and a column for one field are refused', async () => {
    const path = writeCsv(join(L.dir, 'x.csv'), rows('南湖社区返程人员登记表'), 'gbk');
    const bad = await L.t.fail('import.preview', { path, target: 'cases', mapping: MAPPING, constants: { community: '南湖社区', category: '返程人员' } });
    expect(bad.code).toBe('BAD_INPUT');
    expect(bad.message).toContain('全表统一的「社区」');
    expect(bad.message).toContain('南湖社区');
    const both = await L.t.fail('import.preview', {
      path,
      target: 'cases',
      mapping: MAPPING,
      constants: { name: '张三', category: '返程人员', community: '东风社区' },
    });
    expect(both.message).toContain('「姓名」已对应到文件的第 2 列');
    const unknown = await L.t.fail('import.preview', { path, target: 'cases', mapping: MAPPING, constants: { kind: '志愿者', category: '返程人员' } });
    expect(unknown.message).toContain('不属于');
    const category = await L.t.fail('import.commit', { path, target: 'cases', mapping: MAPPING, constants: { community: '东风社区', category: '密接' } });
    expect(category.message).toContain('全表统一的「人员类别」：「密接」不是可选的值');
    expect((db().prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(0);
  });

  it("remembers the values with the mapping, and lets the next file's title say whose it is", async () => {
    const first = writeCsv(join(L.dir, 'a.csv'), rows('青松里社区返程人员登记表'), 'gbk');
    await L.t.call('import.commit', { path: first, target: 'cases', mapping: MAPPING, constants: { community: '青松里社区', category: '返程人员' } });
    // The same template from another community: its title names 东风社区, so the remembered 青松里社区 is not filled in.
    const other = writeCsv(
      join(L.dir, 'b.csv'),
      [['东风社区返程人员登记表'], HEAD, [1, '王五', ID_C, '', '2020-02-11', '北京', '幸福小区1栋1单元101室']],
      'gbk',
    );
    const ins = await L.t.call('import.inspect', { path: other, target: 'cases' });
    expect(ins.remembered).toBe(true);
    expect(ins.constants).toEqual({ category: '返程人员' });
    // The remembered category the title agrees with keeps its suggestion beside it, so the wizard says they agree.
    expect(ins.suggestions.map((s) => [s.field, s.value])).toEqual([
      ['category', '返程人员'],
      ['community', '东风社区'],
    ]);
    // Without a title, the remembered values stand.
    const bare = writeCsv(join(L.dir, 'c.csv'), [HEAD, [1, '王五', ID_C, '', '2020-02-11', '北京', '幸福小区1栋1单元101室']], 'gbk');
    expect((await L.t.call('import.inspect', { path: bare, target: 'cases' })).constants).toEqual({ community: '青松里社区', category: '返程人员' });
    // The same community's next file: both remembered values filled in, and both still suggested by its title (session 19;
    // before, the agreeing suggestions were dropped and the wizard said nothing of the title).
    const next = writeCsv(join(L.dir, 'd.csv'), rows('2020年2月青松里社区返程人员登记表'), 'gbk');
    const same = await L.t.call('import.inspect', { path: next, target: 'cases' });
    expect(same.constants).toEqual({ community: '青松里社区', category: '返程人员' });
    expect(same.suggestions.map((s) => [s.field, s.value, s.from])).toEqual([
      ['category', '返程人员', 'title'],
      ['community', '青松里社区', 'title'],
    ]);
  });

  it('reads the category from a WPS sheet title over a merged two-row header, and the community from the sheet or file name', async () => {
    const path = await writeXlsx(join(L.dir, '观察.xlsx'), [
      {
        name: '登记',
        rows: [
          ['青松里社区居家观察人员登记表'],
          ['序号', '基本情况', null, '观察情况', null],
          [null, '姓名', '身份证号', '开始日期', '观察天数'],
          [1, '张三', ID_A, '2020-02-10', 14],
        ],
        merges: ['A1:E1', 'B2:C2', 'D2:E2', 'A2:A3'],
      },
    ]);
    const ins = await L.t.call('import.inspect', { path, target: 'cases' });
    expect(ins.headerRows).toEqual([2, 3]);
    expect(ins.suggestions.map((s) => [s.field, s.value])).toEqual([
      ['category', '居家观察'],
      ['community', '青松里社区'],
    ]);
    const done = await L.t.call('import.commit', { path, target: 'cases', mapping: ins.mapping, constants: { category: '居家观察', community: '青松里社区' } });
    expect(done.counts).toMatchObject({ created: 1 });
    expect(db().prepare(`SELECT category, obs_start_on AS s, obs_end_on AS e FROM cases`).get()).toEqual({
      category: 'home_observation',
      s: '2020-02-10',
      e: '2020-02-23',
    });

    const named = await writeXlsx(join(L.dir, '青松里社区独居老人名单.xlsx'), [
      {
        name: '三网格',
        rows: [
          ['姓名', '身份证号'],
          ['李四', ID_B],
        ],
      },
    ]);
    const byName = await L.t.call('import.inspect', { path: named, target: 'residents' });
    expect(byName.suggestions.map((s) => [s.field, s.value, s.from])).toEqual([
      ['community', '青松里社区', 'file'],
      ['grid', '三网格', 'sheet'],
      ['tags', '独居老人', 'file'],
    ]);
    // A title that names the office, not a community, suggests none (东风街道 is not 东风社区).
    const office = writeCsv(join(L.dir, 'o.csv'), [['东风街道返程人员汇总表'], HEAD, [1, '王五', ID_C, '', '', '', '']], 'utf-8');
    expect((await L.t.call('import.inspect', { path: office, target: 'cases' })).suggestions.map((s) => s.field)).toEqual(['category']);
  });

  it('says when a title names a community this office does not have, and fills in neither it nor the remembered one (session 18 walk)', async () => {
    const first = writeCsv(join(L.dir, 'a.csv'), rows('青松里社区返程人员登记表'), 'gbk');
    await L.t.call('import.commit', { path: first, target: 'cases', mapping: MAPPING, constants: { community: '青松里社区', category: '返程人员' } });
    const stranger = writeCsv(
      join(L.dir, '返程.csv'),
      [['《红旗社区返程人员登记表（2020年2月）》'], HEAD, [1, '王五', ID_C, '', '2020-02-11', '北京', '红旗小区1栋']],
      'gbk',
    );
    const ins = await L.t.call('import.inspect', { path: stranger, target: 'cases' });
    expect(ins.constants).toEqual({ category: '返程人员' });
    const q = ins.suggestions.find((s) => s.field === 'community')!;
    expect(q).toMatchObject({ value: null, from: 'title', found: '红旗社区' });
    expect(q.question).toContain('本街道没有这个社区');
    // After the office's name it is still found; words that only mention 社区 ask nothing, and a known community
    // is no question (here the remembered 青松里社区 stands, so it is filled in rather than suggested).
    const titled = async (title: string) => {
      const path = writeCsv(join(L.dir, 't.csv'), [[title], HEAD, [1, '王五', ID_C, '', '', '', '']], 'utf-8');
      const r = await L.t.call('import.inspect', { path, target: 'cases' });
      return [r.constants.community ?? '', ...r.suggestions.filter((s) => s.field === 'community').map((s) => s.value ?? `?${s.found}`)];
    };
    expect(await titled('东风街道红旗社区返程人员登记表')).toEqual(['', '?红旗社区']);
    expect(await titled('居家观察人员社区登记表')).toEqual(['青松里社区']);
    expect(await titled('各社区返程人员汇总')).toEqual(['青松里社区']);
    expect(await titled('东风街道青松里社区返程人员登记表')).toEqual(['青松里社区', '青松里社区']);
    // Anywhere in the title, not only at its start (session 19; before, these asked nothing and the remembered 青松里社区 was filled in).
    expect(await titled('2020年2月红旗社区返程人员登记表')).toEqual(['', '?红旗社区']);
    expect(await titled('关于红旗社区居家观察人员的统计')).toEqual(['', '?红旗社区']);
    expect(await titled('2月份青松里社区返程人员登记表')).toEqual(['青松里社区', '青松里社区']);
    // Longest first: 青松里二社区 is another community, though 青松里 is in it; one of ours beside a stranger is both.
    expect(await titled('关于青松里二社区返程人员的统计')).toEqual(['', '?青松里二社区']);
    expect(await titled('青松里社区、红旗社区返程人员汇总')).toEqual(['', '青松里社区', '?红旗社区']);
    // A housing estate is not a community (session 20): …新村 and a word right before 小区/花园/苑 are asked nothing, so
    // the remembered community stands; a village (红旗村) on its own is still asked about, and this office's own village
    // (幸福村) is suggested even before 花园小区.
    expect(await titled('工人新村小区返程人员登记表')).toEqual(['青松里社区']);
    expect(await titled('曹杨新村居家观察人员登记表')).toEqual(['青松里社区']);
    expect(await titled('红旗村花园小区返程人员登记表')).toEqual(['青松里社区']);
    expect(await titled('幸福村花园小区返程人员登记表')).toEqual(['', '幸福村']);
    expect(await titled('青松里社区工人新村小区返程人员')).toEqual(['青松里社区', '青松里社区']);
    expect(await titled('红旗社区工人新村返程人员')).toEqual(['', '?红旗社区']);
    expect(await titled('红旗村返程人员登记表')).toEqual(['', '?红旗村']);
    // 东风 inside the estate 东风新村 is not 东风社区.
    expect(await titled('东风新村小区返程人员登记表')).toEqual(['青松里社区']);
  });

  it('asks which 特困 is meant, and keeps 留守儿童 apart from 监护缺失儿童', async () => {
    const title = writeCsv(join(L.dir, 't.csv'), [['青松里社区特困人员名单'], ['姓名', '身份证号'], ['张三', ID_A]], 'utf-8');
    const ins = await L.t.call('import.inspect', { path: title, target: 'cases' });
    const q = ins.suggestions.find((s) => s.field === 'category')!;
    expect(q.value).toBeNull();
    expect(q.question).toContain('分散供养');
    const cells = writeCsv(
      join(L.dir, 'cells.csv'),
      [
        ['社区', '姓名', '身份证号', '人员类别'],
        ['青松里社区', '张三', ID_A, '特困'],
        ['青松里社区', '李四', ID_B, '分散供养特困人员'],
        ['青松里社区', '王五', ID_C, '留守儿童'],
      ],
      'utf-8',
    );
    const pre = await L.t.call('import.preview', { path: cells, target: 'cases', mapping: ['community', 'name', 'idNumber', 'category'] });
    expect(pre.counts).toMatchObject({ created: 1, rejected: 2 });
    const why = Object.fromEntries(pre.rejected.map((r) => [r.rowNumber, r.reasons[0]!.message]));
    expect(why[2]).toMatch(/^「特困」没有写明是「分散供养」还是「集中供养」/);
    expect(why[4]).toContain('不是「监护缺失儿童」');
    const tags = writeCsv(
      join(L.dir, 'tags.csv'),
      [
        ['社区', '姓名', '身份证号', '特殊人群'],
        ['青松里社区', '王五', ID_C, '留守儿童'],
        ['青松里社区', '张三', ID_A, '特困人员'],
      ],
      'utf-8',
    );
    const res = await L.t.call('import.commit', { path: tags, target: 'residents', mapping: ['community', 'name', 'idNumber', 'tags'] });
    expect(res.counts).toMatchObject({ created: 1, rejected: 1 });
    expect(residentWithId(L.t, ID_C)?.tags).toEqual('["left_behind_child"]');
  });

  it("lets a preset reader (the office's own collection sheets) fill target, mapping and values in advance", async () => {
    const path = writeCsv(join(L.dir, '采集表.csv'), [['东风街道返程人员采集表'], HEAD, [1, '张三', ID_A, '', '2020-02-10', '武汉', '']], 'utf-8');
    const remove = registerPresetReader(({ head }) =>
      head.some((r) => r.cells[0] === '东风街道返程人员采集表')
        ? { target: 'cases', mapping: MAPPING, constants: { community: '东风社区', category: '返程人员' }, label: '东风街道返程人员采集表' }
        : null,
    );
    try {
      const ins = await L.t.call('import.inspect', { path, target: 'cases' });
      expect(ins.preset?.label).toBe('东风街道返程人员采集表');
      expect(ins).toMatchObject({ mapping: MAPPING, constants: { community: '东风社区', category: '返程人员' }, suggestions: [] });
      // Asked about another target, the preset says which one the wizard should switch to.
      expect((await L.t.call('import.inspect', { path, target: 'residents' })).preset?.target).toBe('cases');
    } finally {
      remove();
    }
    expect((await L.t.call('import.inspect', { path, target: 'cases' })).preset).toBeNull();
  });
});
