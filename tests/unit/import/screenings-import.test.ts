import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { useImportLedger, writeCsv } from './files';

// The test clock stands at 2020-02-17.
const L = useImportLedger();
const db = L.db;
beforeEach(async () => {
  // Three households of 东风社区 as a residents sheet gave them: by parts, and one village-style free text.
  const gridId = (db().prepare(`SELECT id FROM grids WHERE name = '一网格'`).get() as { id: number }).id;
  await L.t.call('households.save', { communityId: L.org.dongfeng, gridId, estate: '幸福小区', building: '3', unit: '2', room: '101', headName: '张伟' });
  await L.t.call('households.save', { communityId: L.org.dongfeng, gridId, estate: '幸福小区', building: '3', unit: '2', room: '102', headName: '李娜' });
  await L.t.call('households.save', { communityId: L.org.dongfeng, gridId, addressText: '东风路17号院', headName: '王芳' });
  await L.t.call('households.save', { communityId: L.org.xingfu, addressText: '幸福村5组12号', headName: '赵六' });
});

const HEAD = ['住址', '户主', '排查日期', '排查人', '排查结果', '备注'];
const MAPPING = ['address', 'headName', 'screenedOn', 'screenedBy', 'result', 'notes'];
const households = () =>
  db()
    .prepare(
      `SELECT address_key AS k, screening_status AS status, screened_on AS day, screened_by AS who, screening_result AS result FROM households ORDER BY id`,
    )
    .all();

const visits = () =>
  db()
    .prepare(`SELECT visited_on AS day, status, visited_by AS who, source, source_file AS file FROM screening_visits ORDER BY household_id, visited_on`)
    .all();

describe('入户排查 results as an import target', () => {
  it('matches households by community and address, however the address is written, and fills coverage', async () => {
    const path = writeCsv(
      join(L.dir, '东风社区入户排查情况.csv'),
      [
        ['东风社区入户排查情况统计表（2020年2月15日）'],
        HEAD,
        ['幸福小区3号楼2单元101室', '张伟', '2020-02-15', '刘网格', '有返程人员', '儿子2月10日从武汉返回'],
        ['幸福小区 3栋 2单元 102', '', '2020-02-15', '刘网格', '无人在家', ''],
        ['东风路17号院', '王芳', '2020-02-15', '刘网格', '已排查无异常', ''],
        ['幸福小区9栋1单元101室', '', '2020-02-15', '刘网格', '拒绝配合', ''],
        ['幸福小区3栋2单元101室', '李四', '2020-02-15', '刘网格', '有发热', ''],
        ['东风路17号院', '', '2020-02-18', '刘网格', '正常', ''],
      ],
      'gbk',
    );
    const ins = await L.t.call('import.inspect', { path, target: 'screenings' });
    expect(ins.mapping).toEqual(MAPPING);
    // 排查日期 has a column, so the title's date is not offered for it.
    expect(ins.suggestions.map((s) => [s.field, s.value])).toEqual([['community', '东风社区']]);
    const constants = { community: '东风社区' };
    const pre = await L.t.call('import.preview', { path, target: 'screenings', mapping: ins.mapping, constants });
    expect(pre.counts).toMatchObject({ total: 6, created: 3, rejected: 3 });
    const why = Object.fromEntries(pre.rejected.map((r) => [r.rowNumber, `${r.reasons[0]!.field}:${r.reasons[0]!.message}`]));
    expect(why[6]).toBe('住址:台账中「东风社区」没有住址为「幸福小区9栋1单元101室」的户。请先导入这户居民（导入内容选“居民（按户）”），或核对住址的写法');
    expect(why[7]).toBe('户主:与台账中这户的户主「张伟」不一致，请核对住址');
    expect(why[8]).toContain('晚于今天');

    await L.t.call('import.commit', { path, target: 'screenings', mapping: ins.mapping, constants, previewId: pre.previewId });
    expect(households()).toEqual([
      { k: '幸福小区|3|2|101', status: 'screened', day: '2020-02-15', who: '刘网格', result: '有返程人员：儿子2月10日从武汉返回' },
      { k: '幸福小区|3|2|102', status: 'not_home', day: '2020-02-15', who: '刘网格', result: '无人在家' },
      { k: '~东风路17号院', status: 'screened', day: '2020-02-15', who: '刘网格', result: '已排查无异常' },
      { k: '~幸福村5组12号', status: 'unscreened', day: null, who: null, result: null },
    ]);
    const coverage = await L.t.call('coverage.summary', {});
    expect(coverage.communities.find((c) => c.communityId === L.org.dongfeng)).toMatchObject({ households: 3, screened: 2 });
    // Each household's change is in the audit log with its before.
    expect(
      (
        db().prepare(`SELECT count(*) AS n FROM audit_log WHERE entity = 'household' AND channel = 'import.commit' AND before_json IS NOT NULL`).get() as {
          n: number;
        }
      ).n,
    ).toBe(3);
  });

  it('keeps every visit: an older row is added and leaves the latest as it was, a revisit replaces 无人在家, the same visit again is unchanged', async () => {
    const first = writeCsv(join(L.dir, 'a.csv'), [HEAD, ['幸福小区3栋2单元102室', '', '2020-02-14', '刘网格', '无人在家', '']], 'utf-8');
    await L.t.call('import.commit', { path: first, target: 'screenings', mapping: MAPPING, constants: { community: '东风社区' } });
    const revisit = writeCsv(
      join(L.dir, 'b.csv'),
      [HEAD, ['幸福小区3栋2单元102室', '', '2020-02-16', '陈志愿', '已排查无异常', ''], ['幸福小区3栋2单元102室', '', '2020-02-13', '刘网格', '拒绝配合', '']],
      'utf-8',
    );
    const done = await L.t.call('import.commit', { path: revisit, target: 'screenings', mapping: MAPPING, constants: { community: '东风社区' } });
    expect(done.counts).toMatchObject({ created: 2, unchanged: 0 });
    expect(households()[1]).toMatchObject({ status: 'screened', day: '2020-02-16', who: '陈志愿' });
    expect(visits()).toEqual([
      { day: '2020-02-13', status: 'refused', who: '刘网格', source: 'import', file: 'b.csv' },
      { day: '2020-02-14', status: 'not_home', who: '刘网格', source: 'import', file: 'a.csv' },
      { day: '2020-02-16', status: 'screened', who: '陈志愿', source: 'import', file: 'b.csv' },
    ]);
    const again = writeCsv(join(L.dir, 'c.csv'), [HEAD, ['幸福小区3号楼2单元102', '', '2020-02-16', '陈志愿', '无异常', '']], 'utf-8');
    expect(
      (await L.t.call('import.preview', { path: again, target: 'screenings', mapping: MAPPING, constants: { community: '东风社区' } })).counts,
    ).toMatchObject({ unchanged: 1 });
    const changed = writeCsv(join(L.dir, 'd.csv'), [HEAD, ['幸福小区3栋2单元102室', '', '2020-02-16', '陈志愿', '有发热', '']], 'utf-8');
    const skip = await L.t.call('import.preview', { path: changed, target: 'screenings', mapping: MAPPING, constants: { community: '东风社区' } });
    expect(skip.counts).toMatchObject({ skipped: 1 });
    expect(skip.conflicts[0]).toMatchObject({ existing: { 排查结果: '已排查无异常' }, incoming: { 排查结果: '有发热' } });
  });

  it('an older sheet imported after a newer one: its screening counts from its day, the household still shows the newer visit', async () => {
    const newer = writeCsv(join(L.dir, 'n.csv'), [HEAD, ['幸福小区3栋2单元101室', '', '2020-02-06', '陈志愿', '无人在家', '']], 'utf-8');
    await L.t.call('import.commit', { path: newer, target: 'screenings', mapping: MAPPING, constants: { community: '东风社区' } });
    const older = writeCsv(join(L.dir, 'o.csv'), [HEAD, ['幸福小区3栋2单元101室', '', '2020-02-03', '刘网格', '已排查无异常', '']], 'utf-8');
    const pre = await L.t.call('import.preview', { path: older, target: 'screenings', mapping: MAPPING, constants: { community: '东风社区' } });
    expect(pre.counts).toMatchObject({ created: 1, unchanged: 0 });
    await L.t.call('import.commit', { path: older, target: 'screenings', mapping: MAPPING, constants: { community: '东风社区' }, previewId: pre.previewId });
    // Not overwritten by the older visit: the revisit list still finds it not at home.
    expect(households()[0]).toMatchObject({ status: 'not_home', day: '2020-02-06', who: '陈志愿', result: '无人在家' });
    // Screened on the 3rd: 已排查 as of today, and in a week from the 1st.
    const dongfeng = (await L.t.call('coverage.summary', {})).communities.find((c) => c.communityId === L.org.dongfeng)!;
    expect(dongfeng).toMatchObject({ households: 3, screened: 1, notHome: 0 });
    // The older visit has its own audit row (the household's columns did not change).
    const audited = db().prepare(`SELECT count(*) AS n FROM audit_log WHERE entity = 'screening_visit' AND channel = 'import.commit'`).get() as { n: number };
    expect(audited.n).toBe(2);
  });

  it('needs the community: each row of a village sheet is found in that village only', async () => {
    const path = writeCsv(
      join(L.dir, 'v.csv'),
      [
        ['社区', ...HEAD],
        ['幸福村', '幸福村5组12号', '赵六', '2020-02-16', '村医', '已排查', ''],
        ['东风社区', '幸福村5组12号', '', '2020-02-16', '村医', '已排查', ''],
      ],
      'utf-8',
    );
    const pre = await L.t.call('import.preview', { path, target: 'screenings', mapping: ['community', ...MAPPING] });
    expect(pre.counts).toMatchObject({ created: 1, rejected: 1 });
    const none = await L.t.fail('import.preview', { path, target: 'screenings', mapping: [null, ...MAPPING] });
    expect(none.message).toContain('「社区」');
    // A sheet with no date column takes the day from its title, once confirmed.
    const dated = writeCsv(
      join(L.dir, 'd.csv'),
      [['幸福村2020年2月16日入户排查'], ['住址', '排查人', '排查结果'], ['幸福村5组12号', '村医', '已排查']],
      'utf-8',
    );
    const ins = await L.t.call('import.inspect', { path: dated, target: 'screenings' });
    expect(ins.suggestions.map((s) => [s.field, s.value])).toEqual([
      ['community', '幸福村'],
      ['screenedOn', '2020-02-16'],
    ]);
  });
});
