/**
 * 包保责任人 on the observation roster when a community's cell could not be split (issue 14, sessions 23 and 24). The
 * import keeps 「张三、李四」 (no role words) as written in the case's own 包保责任人（未注明分工） (migration 068; it
 * was text in 备注, read back by its label) and leaves the team fields blank; the roster prints the names as written,
 * marked 「（未注明分工）」, in 包保责任人 (forms.xlsx, the printed roster, a template's 包保责任人 column), and never
 * 备注. A team filled in later comes first; 备注 edited, or holding the label itself, changes nothing printed.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { teamShown } from '../../../electron/core/caseload/returnee.shared';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger, writeCsv } from '../import/files';

const id = (n: number) => makeIdNumber('410105', `1970-0${n}-1${n}`, 20 + n);
const PERIOD = { from: '2020-02-10', to: '2020-02-16' };

describe('包保责任人 kept whole by the import, on the observation roster', () => {
  const L = useImportLedger();
  /** Imports a 东风社区 居家观察 sheet through the wizard's steps. */
  const importSheet = async (rows: (string | number)[][], encoding: 'gbk' | 'utf-8') => {
    const path = writeCsv(join(L.dir, '东风社区居家观察人员登记表.csv'), rows, encoding);
    const ins = await L.t.call('import.inspect', { path, target: 'cases' });
    const constants = { community: '东风社区', category: '居家观察' };
    const pre = await L.t.call('import.preview', { path, target: 'cases', mapping: ins.mapping, constants });
    await L.t.call('import.commit', { path, target: 'cases', mapping: ins.mapping, constants, previewId: pre.previewId });
  };

  it('prints the names as the community wrote them, marked 未注明分工, where the split team would be', async () => {
    await importSheet(
      [
        ['东风社区居家观察人员登记表'],
        ['序号', '姓名', '身份证号', '开始日期', '包保责任人', '备注'],
        [1, '张三', id(1), '2020-02-09', '李网格/赵医生/孙警官', ''],
        [2, '李四', id(2), '2020-02-10', '张三、李四', ''],
        [3, '王五', id(3), '2020-02-11', '刘强', '自行隔离，母亲有高血压'],
      ],
      'gbk',
    );
    const printed = await L.t.call('export.form.print', { formId: 'observation-roster', ...PERIOD });
    expect(printed.rows.map((r) => [r.name, r.team])).toEqual([
      ['张三', '网格员 李网格、医生 赵医生、民警 孙警官'],
      ['李四', '张三、李四（未注明分工）'],
      // The row's own 备注 (a health detail) stays in the ledger: only the team leaves.
      ['王五', '刘强（未注明分工）'],
    ]);
    expect(JSON.stringify(printed.rows)).not.toContain('高血压');
  });

  it('prints what the case says, whatever its 备注 says: 备注 edited, or holding the label, or the team split on screen later', async () => {
    await importSheet(
      [
        ['序号', '姓名', '身份证号', '开始日期', '包保责任人', '备注'],
        [1, '李四', id(2), '2020-02-10', '张三、李四', ''],
        [2, '王五', id(3), '2020-02-11', '', '包保责任人：王五的女儿（住外地）'],
      ],
      'utf-8',
    );
    const list = await L.t.call('cases.list', { limit: 10, offset: 0 });
    const byName = Object.fromEntries(list.rows.map((r) => [r.name, r]));
    expect(byName['李四']).toMatchObject({ teamUnsplit: '张三、李四', notes: null });
    const roster = async () => (await L.t.call('export.form.print', { formId: 'observation-roster', ...PERIOD })).rows.map((r) => [r.name, r.team]);
    // A 备注 that happens to hold the label is the resident's note, not a team.
    expect(await roster()).toEqual([
      ['李四', '张三、李四（未注明分工）'],
      ['王五', ''],
    ]);
    // A clerk rewrites 备注: the team stays.
    await L.t.call('cases.update', { caseId: byName['李四']!.id, notes: '已电话联系' });
    expect((await roster())[0]).toEqual(['李四', '张三、李四（未注明分工）']);
    // The team split in the drawer comes first.
    await L.t.call('cases.update', { caseId: byName['李四']!.id, teamGridWorker: '张三', teamDoctor: '李四' });
    expect((await roster())[0]).toEqual(['李四', '网格员 张三、医生 李四']);
  });

  it('shows the team fields once someone fills them in, not the unsplit names as well', () => {
    const blank = { teamGridWorker: null, teamDoctor: null, teamPolice: null, teamUnsplit: null };
    expect(teamShown({ ...blank, teamGridWorker: '李四', teamUnsplit: '张三、李四' })).toBe('网格员 李四');
    expect(teamShown({ ...blank, teamUnsplit: '张三、李四' })).toBe('张三、李四（未注明分工）');
    expect(teamShown(blank)).toBe('');
  });
});
