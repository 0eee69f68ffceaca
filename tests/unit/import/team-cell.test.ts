import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTeamCell } from '../../../electron/core/io/import/team-cell';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger, writeCsv } from './files';

// The test clock stands at 2020-02-17.
const id = (n: number) => makeIdNumber('410105', `1960-0${n}-1${n}`, 10 + n);

describe('包保责任人 in one cell: split by role words, or kept whole in 备注 and said', () => {
  it('splits on the usual separators when every part says its role, and keeps anything else whole', () => {
    const split = (cell: string) => readTeamCell(cell);
    expect(split('李网格/赵医生/孙警官')).toEqual({ split: { teamGridWorker: '李网格', teamDoctor: '赵医生', teamPolice: '孙警官' } });
    // As read from a cell: full-width brackets and colons are ASCII by then (normalise.ts cleanText).
    expect(split('李四(网格员)、赵医生、孙警官')).toEqual({ split: { teamGridWorker: '李四', teamDoctor: '赵医生', teamPolice: '孙警官' } });
    expect(split('网格员:李四 医生:赵五 民警:孙六')).toEqual({ split: { teamGridWorker: '李四', teamDoctor: '赵五', teamPolice: '孙六' } });
    expect(split('社区民警周强,村医王芳')).toEqual({ split: { teamPolice: '周强', teamDoctor: '王芳' } });
    expect(split('派出所刘警官；网格长陈明')).toEqual({ split: { teamPolice: '派出所刘警官', teamGridWorker: '陈明' } });
    expect(split('李网格')).toEqual({ split: { teamGridWorker: '李网格' } });
    // No role words, a role twice, a part naming two roles, one part unknown: not guessed at.
    expect(split('张三、李四、王五')).toEqual({ whole: '张三、李四、王五' });
    expect(split('李四')).toEqual({ whole: '李四' });
    expect(split('李网格/王网格')).toEqual({ whole: '李网格/王网格' });
    expect(split('李四(网格员兼医生)')).toEqual({ whole: '李四(网格员兼医生)' });
    expect(split('李网格/赵医生/王五')).toEqual({ whole: '李网格/赵医生/王五' });
    // 医 and 警 in a name are no role (session 20; before, 张医明 was taken for the doctor and 王警华 for the police):
    // roles are whole words, or one character only as a label in brackets or before a colon.
    expect(split('张医明/王警华/赵网格')).toEqual({ whole: '张医明/王警华/赵网格' });
    expect(split('刘医华')).toEqual({ whole: '刘医华' });
    expect(split('王警华(民警)、张医明(村医)、赵网格')).toEqual({ split: { teamPolice: '王警华', teamDoctor: '张医明', teamGridWorker: '赵网格' } });
    expect(split('网格员:李四 医生:张医明 民警:王警华')).toEqual({ split: { teamGridWorker: '李四', teamDoctor: '张医明', teamPolice: '王警华' } });
    expect(split('李四(医)、孙六(警)、赵网格')).toEqual({ split: { teamDoctor: '李四', teamPolice: '孙六', teamGridWorker: '赵网格' } });
    expect(split('医:赵五/警:孙六/网:李四')).toEqual({ split: { teamDoctor: '赵五', teamPolice: '孙六', teamGridWorker: '李四' } });
    expect(split('李网格/钱大夫/派出所周警华')).toEqual({ split: { teamGridWorker: '李网格', teamDoctor: '钱大夫', teamPolice: '派出所周警华' } });
    expect(split('无')).toBeNull();
    expect(split('')).toBeNull();
  });

  const L = useImportLedger();
  const HEAD = ['序号', '姓名', '身份证号', '返程日期', '从何地返回', '包保责任人', '备注'];

  it('maps a 包保责任人 column to the team, stores the split, shows it in the preview, and keeps an unsplittable cell as written in its own field with a note', async () => {
    const path = writeCsv(
      join(L.dir, '东风社区返程人员登记表.csv'),
      [
        ['东风社区返程人员登记表'],
        HEAD,
        [1, '张三', id(1), '2020-02-10', '湖北省武汉市', '李网格/赵医生/孙警官', ''],
        [2, '李四', id(2), '2020-02-11', '浙江温州', '李四（网格员）、赵医生、孙警官', ''],
        [3, '王五', id(3), '2020-02-12', '北京', '张三、李四、王五', '自行隔离'],
        [4, '赵六', id(4), '2020-02-12', '北京', '刘强', ''],
      ],
      'gbk',
    );
    const ins = await L.t.call('import.inspect', { path, target: 'cases' });
    expect(ins.mapping).toEqual([null, 'name', 'idNumber', 'arrivedOn', 'origin', 'team', 'notes']);
    const constants = { community: '东风社区', category: '返程人员' };
    const pre = await L.t.call('import.preview', { path, target: 'cases', mapping: ins.mapping, constants });
    expect(pre.counts).toMatchObject({ created: 4, rejected: 0 });
    expect(pre.sample.map((s) => [s.shown['责任人'], s.shown['备注']])).toEqual([
      ['网格员 李网格、医生 赵医生、民警 孙警官', ''],
      ['网格员 李四、医生 赵医生、民警 孙警官', ''],
      ['张三、李四、王五（未注明分工）', '自行隔离'],
      ['刘强（未注明分工）', ''],
    ]);
    expect(pre.readNotes).toContain(
      '第 5–6 行：「包保责任人」无法拆分（看不出谁是网格员、医生、民警），已按原文保存为「包保责任人（未注明分工）」，请核对后在个案中分别填写。',
    );
    await L.t.call('import.commit', { path, target: 'cases', mapping: ins.mapping, constants, previewId: pre.previewId });
    const stored = L.db()
      .prepare(
        `SELECT r.name, c.team_grid_worker AS g, c.team_doctor AS d, c.team_police AS p, c.team_unsplit AS u, c.notes FROM cases c JOIN residents r ON r.id = c.resident_id ORDER BY c.id`,
      )
      .all();
    expect(stored).toEqual([
      { name: '张三', g: '李网格', d: '赵医生', p: '孙警官', u: null, notes: null },
      { name: '李四', g: '李四', d: '赵医生', p: '孙警官', u: null, notes: null },
      { name: '王五', g: null, d: null, p: null, u: '张三、李四、王五', notes: '自行隔离' },
      { name: '赵六', g: null, d: null, p: null, u: '刘强', notes: null },
    ]);
    // The same file again changes nothing.
    const again = await L.t.call('import.preview', { path, target: 'cases', mapping: ins.mapping, constants });
    expect(again.counts).toMatchObject({ unchanged: 4, created: 0 });
  });

  it('sends a row back when its 包保责任人 names another grid worker than its own 责任网格员 column', async () => {
    const path = writeCsv(
      join(L.dir, 'x.csv'),
      [
        ['姓名', '身份证号', '网格员', '包保责任人'],
        ['张三', id(1), '王网格', '李网格/赵医生'],
        ['李四', id(2), '李网格', '李网格/赵医生'],
      ],
      'utf-8',
    );
    const ins = await L.t.call('import.inspect', { path, target: 'cases' });
    expect(ins.mapping).toEqual(['name', 'idNumber', 'teamGridWorker', 'team']);
    const pre = await L.t.call('import.preview', { path, target: 'cases', mapping: ins.mapping, constants: { community: '东风社区', category: '返程人员' } });
    expect(pre.counts).toMatchObject({ created: 1, rejected: 1 });
    expect(pre.rejected[0]!.reasons).toEqual([{ field: '包保责任人', message: '写的网格员是「李网格」，而「责任网格员」一列是「王网格」，请核对后只留一个' }]);
  });
});
