/**
 * The thirty-seventh attack run (issue 19, session 51), target 2: a sheet's community read from its title rows
 * (sheet-communities.ts, session 50) or chosen by hand. Online as the coordinator and a clerk through Core.call.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger, writeXlsx, type Row } from '../import/files';

const L = useImportLedger();
const ID = (n: number): string => makeIdNumber('410102', `19${60 + n}-01-01`, 50 + n);
const HEAD: Row = ['姓名', '身份证号', '联系电话', '返程日期'];
const ZHANG: Row = ['张一', ID(1), '13803711001', '2020-02-03'];
const sheet = (name: string, title: string, rows: Row[] = [ZHANG]) => ({ name, rows: [[title], HEAD, ...rows] as Row[] });

describe('S51: a sheet’s community from its title', () => {
  it('two communities, another office’s, a variant character, a mark nobody sees, a full-width space (held)', async () => {
    await L.t.call('org.communities.save', { name: '青松里社区' });
    await L.t.call('org.communities.save', { name: '翠竹苑社区' });
    const path = await writeXlsx(join(L.dir, 'titles.xlsx'), [
      sheet('一网格', '青松里社区、翠竹苑社区返程人员登记表'),
      sheet('二网格', '白云社区返程人员登记表'),
      sheet('三网格', '青松里\u200b社区返程人员登记表'),
      sheet('四网格', '靑松里社区返程人员登记表'),
      sheet('五网格', '青松里　社区返程人员登记表'),
      sheet('六网格', '翠竹苑社区（原青松里社区）返程人员登记表'),
    ]);
    const ins = await L.t.call('import.inspect', { path, target: 'cases' });
    expect(ins.sheetCommunities.map((s) => [s.sheet, s.community, s.from])).toEqual([
      ['一网格', null, null],
      ['二网格', null, null],
      // What the screen shows: the same words as 青松里社区, so offered as it (the coordinator still ticks it).
      ['三网格', '青松里社区', 'title'],
      ['四网格', null, null],
      ['五网格', '青松里社区', 'title'],
      ['六网格', null, null],
    ]);
    const reasons = ins.sheetCommunities.map((s) => s.reason ?? '');
    expect(reasons[0]).toContain('像是几个社区');
    expect(reasons[1]).toContain('「白云社区」不是本街道的社区');
    expect(reasons[3]).toContain('「靑松里社区」不是本街道的社区');
    expect(reasons[5]).toContain('像是几个社区');
  });

  it('noted: one community chosen by hand for two sheets; the same person on both is sent back, two people are imported (held)', async () => {
    await L.t.call('org.communities.save', { name: '青松里社区' });
    await L.t.call('org.communities.save', { name: '翠竹苑社区' });
    const LI: Row = ['李一', ID(3), '13803711003', '2020-02-05'];
    const path = await writeXlsx(join(L.dir, 'twice.xlsx'), [sheet('一网格', '返程人员登记表', [ZHANG, LI]), sheet('二网格', '返程人员登记表', [ZHANG])]);
    const ins = await L.t.call('import.inspect', { path, target: 'cases' });
    const sheets = [
      { sheet: '一网格', community: '青松里社区' },
      { sheet: '二网格', community: '青松里社区' },
    ];
    const input = { path, target: 'cases' as const, mapping: ins.mapping, constants: { category: '返程人员' }, sheets };
    const pre = await L.t.call('import.preview', input);
    expect(pre.rejected.map((r) => [r.sheet, r.rowNumber])).toEqual([['二网格', 3]]);
    await L.t.call('import.commit', { ...input, previewId: pre.previewId });
    expect((await L.t.call('cases.list', {})).rows.map((r) => r.name).sort()).toEqual(['张一', '李一']);
  });
});
