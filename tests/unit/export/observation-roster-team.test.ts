/**
 * 包保责任人 on the observation roster when a community's cell could not be split (issue 14, session 23). The
 * import keeps 「张三、李四」 (no role words) whole in the case's 备注 and leaves the team fields blank; the roster
 * printed the cell blank, which a district reads as nobody responsible. Now it prints the names as written, marked
 * 「（未注明分工）」, in 包保责任人 (forms.xlsx, the printed roster, a template's 包保责任人 column), and never the rest
 * of 备注. A team filled in later comes first.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rosterTeam } from '../../../electron/core/io/export/forms/observation-roster';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger, writeCsv } from '../import/files';

const id = (n: number) => makeIdNumber('410105', `1970-0${n}-1${n}`, 20 + n);
const PERIOD = { from: '2020-02-10', to: '2020-02-16' };

describe('包保责任人 kept whole by the import, on the observation roster', () => {
  const L = useImportLedger();

  it('prints the names as the community wrote them, marked 未注明分工, where the split team would be', async () => {
    const path = writeCsv(
      join(L.dir, '东风社区居家观察人员登记表.csv'),
      [
        ['东风社区居家观察人员登记表'],
        ['序号', '姓名', '身份证号', '开始日期', '包保责任人', '备注'],
        [1, '张三', id(1), '2020-02-09', '李网格/赵医生/孙警官', ''],
        [2, '李四', id(2), '2020-02-10', '张三、李四', ''],
        [3, '王五', id(3), '2020-02-11', '刘强', '自行隔离，母亲有高血压'],
      ],
      'gbk',
    );
    const ins = await L.t.call('import.inspect', { path, target: 'cases' });
    const constants = { community: '东风社区', category: '居家观察' };
    const pre = await L.t.call('import.preview', { path, target: 'cases', mapping: ins.mapping, constants });
    await L.t.call('import.commit', { path, target: 'cases', mapping: ins.mapping, constants, previewId: pre.previewId });
    const printed = await L.t.call('export.form.print', { formId: 'observation-roster', ...PERIOD });
    expect(printed.rows.map((r) => [r.name, r.team])).toEqual([
      ['张三', '网格员 李网格、医生 赵医生、民警 孙警官'],
      ['李四', '张三、李四（未注明分工）'],
      // The row's own 备注 (a health detail) stays in the ledger: only the team leaves.
      ['王五', '刘强（未注明分工）'],
    ]);
    expect(JSON.stringify(printed.rows)).not.toContain('高血压');
  });

  it('prints the team fields once someone fills them in, not the note as well', () => {
    const blank = { teamGridWorker: null, teamDoctor: null, teamPolice: null };
    expect(rosterTeam({ ...blank, teamGridWorker: '李四', notes: '包保责任人：张三、李四' })).toBe('网格员 李四');
    expect(rosterTeam({ ...blank, notes: '电话联系不上' })).toBe('');
    expect(rosterTeam({ ...blank, notes: null })).toBe('');
  });
});
