/**
 * The one title line the mapping step shows (InspectResult.title, suggest.ts titleLine). Before w48-import the step
 * showed every title row joined: a 接龙 after the organiser's notice keeps five lines as title rows, and 「#接龙 / 东风社区
 * 返程人员登记 / 第1条说明：请各位居民如实填写… / …」 stood above the columns as a wall of text. Now the line a suggestion
 * was found in (the one naming the community or the category), else the first that is more than a 接龙's tag.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { titleLine } from '../../../electron/core/io/import/suggest';
import type { ValueSuggestion } from '../../../electron/core/io/import/suggestions.shared';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger, writeCsv } from './files';

const ID_A = makeIdNumber('410105', '1962-03-12', 17);
const ID_B = makeIdNumber('420106', '1990-07-01', 23);
const ENTRIES = [`1. 张三 ${ID_A} 13803711002 3号楼2单元`, `2、李四，${ID_B}，13803711003，幸福小区5栋`];

const L = useImportLedger();

const from = (source: ValueSuggestion['from'], found: string): ValueSuggestion => ({ field: 'community', value: found, from: source, found });

describe('the title line of the mapping step', () => {
  it('a 接龙 after a long notice: the line naming the community and category, not the five title rows joined', async () => {
    const notice = ['#接龙', '各位居民朋友大家好，为做好疫情防控工作，请大家配合：', '东风社区 返程人员登记', '请如实填写，不要漏报'];
    for (let i = 1; notice.length < 30; i++) notice.push(`第${i}条说明：请各位居民如实填写，不要漏报，谢谢配合（${i}）`);
    const text = [...notice, ...ENTRIES].join('\n');
    const ins = await L.t.call('import.inspect', { text, target: 'cases' });
    expect(ins.titleRows).toHaveLength(5);
    // The line the suggestions come from, as written (its space kept), though the third of the notice.
    expect(ins.suggestions.map((s) => s.found)).toEqual(expect.arrayContaining(['东风社区', '返程人员']));
    expect(ins.title).toBe('东风社区 返程人员登记');
  });

  it('a sheet’s one title row is its title; a file with none has none', async () => {
    const head = ['姓名', '身份证号', '联系电话'];
    const titled = writeCsv(join(L.dir, 'a.csv'), [['东风社区居家观察人员登记表（2020年2月）'], head, ['张三', ID_A, '13803711002']], 'gbk');
    expect((await L.t.call('import.inspect', { path: titled, target: 'cases' })).title).toBe('东风社区居家观察人员登记表（2020年2月）');
    const bare = writeCsv(join(L.dir, 'b.csv'), [head, ['张三', ID_A, '13803711002']], 'gbk');
    const ins = await L.t.call('import.inspect', { path: bare, target: 'cases' });
    expect([ins.titleRows, ins.title]).toEqual([[], null]);
  });

  it('with no suggestion from the title: the first line that is more than 「#接龙」; a suggestion from the file name picks no line', () => {
    expect(titleLine(['#接龙', '  接龙 ', '3号楼住户登记', '请如实填写'], [])).toBe('3号楼住户登记');
    expect(titleLine(['#接龙', '3号楼住户登记', '青松里社区返程'], [from('file', '青松里社区')])).toBe('3号楼住户登记');
    expect(titleLine(['#接龙', '3号楼住户登记', '青松里社区返程'], [from('title', '青松里社区')])).toBe('青松里社区返程');
    // Found in the squashed text (full-width letters, spaces): the row as written is shown.
    expect(titleLine(['关于 青松里 社区（２月）'], [from('title', '青松里社区')])).toBe('关于 青松里 社区（２月）');
    expect(titleLine(['#接龙'], [])).toBeNull();
    expect(titleLine([], [])).toBeNull();
  });
});
