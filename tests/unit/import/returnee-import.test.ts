import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { observationRosterForm } from '../../../electron/core/io/export/forms/observation-roster';
import { makeIdNumber, maskIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger, writeXlsx } from './files';

// The test clock stands at 2020-02-17.
const ID_A = makeIdNumber('410105', '1962-03-12', 17);
const ID_B = makeIdNumber('420106', '1990-07-01', 23);

const L = useImportLedger();

const db = L.db;

/** A 2020 returnee sheet: 从何地返回, 返程日期, travel, and the three-person team under one merged 包保责任人. */
const sheet = (rows: (string | number)[][]) => [
  {
    name: '返程人员',
    rows: [
      ['东风社区返程人员排查登记表'],
      ['姓名', '身份证号', '从何地返回', '返程日期', '交通方式', '车次/航班号', '包保责任人', null, null, '来源'],
      [null, null, null, null, null, null, '网格员', '医生', '民警', null],
      ...rows,
    ],
    merges: ['A1:J1', 'G2:I2', 'A2:A3', 'B2:B3', 'C2:C3', 'D2:D3', 'E2:E3', 'F2:F3', 'J2:J3'],
  },
];

describe('returnee and observation details on cases', () => {
  it('maps 从何地返回 to 来源地 (not 来源), 返程日期, transport and the team, and shows them in the case list and detail', async () => {
    const path = await writeXlsx(
      join(L.dir, '返程.xlsx'),
      sheet([['张三', ID_A, '湖北省武汉市', '2020-02-10', '高铁', 'G1234', '刘网格', '陈医生', '周民警', '卡口登记']]),
    );
    const ins = await L.t.call('import.inspect', { path, target: 'cases' });
    expect(ins.headers).toEqual([
      '姓名',
      '身份证号',
      '从何地返回',
      '返程日期',
      '交通方式',
      '车次/航班号',
      '包保责任人/网格员',
      '包保责任人/医生',
      '包保责任人/民警',
      '来源',
    ]);
    expect(ins.mapping).toEqual([
      'name',
      'idNumber',
      'origin',
      'arrivedOn',
      'transport',
      'transportNo',
      'teamGridWorker',
      'teamDoctor',
      'teamPolice',
      'source',
    ]);
    const constants = { community: '东风社区', category: '返程人员' };
    const done = await L.t.call('import.commit', { path, target: 'cases', mapping: ins.mapping, constants });
    expect(done.counts).toMatchObject({ created: 1 });
    const list = await L.t.call('cases.list', {});
    expect(list.rows[0]).toMatchObject({
      origin: '湖北省武汉市',
      arrivedOn: '2020-02-10',
      transport: '高铁',
      transportNo: 'G1234',
      teamGridWorker: '刘网格',
      teamDoctor: '陈医生',
      teamPolice: '周民警',
      source: '卡口登记',
    });
    const detail = await L.t.call('cases.get', { id: list.rows[0]!.id });
    expect(detail.case.origin).toBe('湖北省武汉市');
    // Audited with the case, as every other field.
    const audit = db().prepare(`SELECT after_json AS a FROM audit_log WHERE entity = 'case'`).all() as { a: string }[];
    expect(audit.map((r) => JSON.parse(r.a) as unknown).flat()).toEqual([
      expect.objectContaining({ origin: '湖北省武汉市', arrivedOn: '2020-02-10', teamPolice: '周民警' }),
    ]);
  });

  it('refuses an arrival in the future or a day that does not exist, naming 返程日期; the same file again changes nothing; update fills the details in', async () => {
    const rows = [
      ['张三', ID_A, '武汉', '2020-02-10', '', '', '', '', '', ''],
      ['李四', ID_B, '温州', '2020-02-30', '', '', '', '', '', ''],
      ['王五', makeIdNumber('110105', '1985-05-05', 35), '北京', '2020-03-01', '', '', '', '', '', ''],
    ];
    const path = await writeXlsx(join(L.dir, 'a.xlsx'), sheet(rows));
    const mapping = ['name', 'idNumber', 'origin', 'arrivedOn', 'transport', 'transportNo', 'teamGridWorker', 'teamDoctor', 'teamPolice', 'source'];
    const constants = { community: '东风社区', category: '返程人员', startOn: '2020-02-15' };
    const pre = await L.t.call('import.preview', { path, target: 'cases', mapping, constants });
    expect(pre.counts).toMatchObject({ created: 1, rejected: 2 });
    expect(pre.rejected.map((r) => `${r.reasons[0]!.field}:${r.reasons[0]!.message}`)).toEqual([
      '返程日期:「2020-02-30」不是真实存在的日期',
      '返程日期:2020-03-01 晚于今天（2020-02-17），不能登记未来的日期',
    ]);
    await L.t.call('import.commit', { path, target: 'cases', mapping, constants, previewId: pre.previewId });

    const same = await writeXlsx(join(L.dir, 'b.xlsx'), sheet([rows[0]!]));
    expect((await L.t.call('import.preview', { path: same, target: 'cases', mapping, constants })).counts).toMatchObject({ unchanged: 1 });
    const more = await writeXlsx(join(L.dir, 'c.xlsx'), sheet([['张三', ID_A, '武汉', '2020-02-10', '自驾', '鄂A12345', '', '陈医生', '', '']]));
    const skipped = await L.t.call('import.preview', { path: more, target: 'cases', mapping, constants });
    expect(skipped.counts).toMatchObject({ skipped: 1 });
    expect(skipped.conflicts[0]!.incoming['交通方式']).toBe('自驾 鄂A12345');
    const updated = await L.t.call('import.commit', { path: more, target: 'cases', mapping, constants, onDuplicate: 'update' });
    expect(updated.counts).toMatchObject({ updated: 1 });
    expect(db().prepare(`SELECT origin, transport, transport_no AS no, team_doctor AS doctor, team_police AS police FROM cases`).get()).toEqual({
      origin: '武汉',
      transport: '自驾',
      no: '鄂A12345',
      doctor: '陈医生',
      police: null,
    });
  });

  it('reads 2月10日 in the year the title states, says so in the preview, and without a year names what to write', async () => {
    const mapping = ['name', 'idNumber', 'origin', 'arrivedOn', 'transport', 'transportNo', 'teamGridWorker', 'teamDoctor', 'teamPolice', 'source'];
    const constants = { community: '东风社区', category: '返程人员' };
    const rows = [
      ['张三', ID_A, '武汉', '2月10日', '', '', '', '', '', ''],
      ['李四', ID_B, '温州', '2月30日', '', '', '', '', '', ''],
    ];
    const titled = sheet(rows);
    titled[0]!.rows[0] = ['东风社区返程人员排查登记表（2020年2月）'];
    const path = await writeXlsx(join(L.dir, '月日.xlsx'), titled);
    const pre = await L.t.call('import.preview', { path, target: 'cases', mapping, constants });
    expect(pre.counts).toMatchObject({ created: 1, rejected: 1 });
    expect(pre.yearFromFile).toEqual({ year: '2020', rows: 1 });
    expect(pre.rejected[0]!.reasons[0]).toEqual({ field: '返程日期', message: '「2月30日」在 2020 年不是真实存在的日期' });
    await L.t.call('import.commit', { path, target: 'cases', mapping, constants, previewId: pre.previewId });
    expect((await L.t.call('cases.list', {})).rows[0]).toMatchObject({ arrivedOn: '2020-02-10' });

    // No year in the title or the file's name: the row is sent back saying what to write, nothing is guessed.
    const bare = await writeXlsx(
      join(L.dir, '返程.xlsx'),
      sheet([['王五', makeIdNumber('110105', '1985-05-05', 35), '北京', '2月11日', '', '', '', '', '', '']]),
    );
    const none = await L.t.call('import.preview', { path: bare, target: 'cases', mapping, constants });
    expect(none.yearFromFile).toBeNull();
    expect(none.rejected[0]!.reasons[0]).toEqual({ field: '返程日期', message: '「2月11日」没有写年份，请写成 2020年2月11日（或在表格标题中写明年份）' });
  });

  it('registers a new resident with the household and special groups of a 14-column community sheet', async () => {
    const head = ['社区', '网格', '姓名', '性别', '身份证号', '联系电话', '小区', '楼栋', '单元', '室', '特殊人群', '人员类别', '返程日期', '来源地'];
    const path = await writeXlsx(join(L.dir, '十四列.xlsx'), [
      {
        name: 'S',
        rows: [head, ['东风社区', '一网格', '张三', '男', ID_A, '13803711002', '幸福小区', '3', '2', '101', '慢性病', '返程人员', '2020-02-10', '湖北武汉']],
      },
    ]);
    const ins = await L.t.call('import.inspect', { path, target: 'cases' });
    expect(ins.mapping).toEqual([
      'community',
      'grid',
      'name',
      null,
      'idNumber',
      'phone',
      'estate',
      'building',
      'unit',
      'room',
      'tags',
      'category',
      'arrivedOn',
      'origin',
    ]);
    await L.t.call('import.commit', { path, target: 'cases', mapping: ins.mapping });
    const r = db()
      .prepare(
        `SELECT r.tags, h.estate, h.building, h.unit, h.room, c.origin FROM residents r JOIN households h ON h.id = r.household_id JOIN cases c ON c.resident_id = r.id`,
      )
      .get();
    expect(r).toEqual({ tags: '["chronic"]', estate: '幸福小区', building: '3', unit: '2', room: '101', origin: '湖北武汉' });
  });

  it('lets a clerk correct the details on the case itself', async () => {
    const resident = await L.t.call('residents.save', { communityId: 1, name: '张三', idNumber: ID_A });
    const c = await L.t.call('cases.open', { residentId: resident.id, category: 'returnee', origin: '武汉', arrivedOn: '2020-02-10' });
    const e = await L.t.fail('cases.update', { caseId: c.id, arrivedOn: '2020-02-20' });
    expect(e.message).toContain('返程日期');
    const u = await L.t.call('cases.update', { caseId: c.id, origin: '湖北省武汉市', teamGridWorker: '刘网格' });
    expect(u).toMatchObject({ origin: '湖北省武汉市', arrivedOn: '2020-02-10', teamGridWorker: '刘网格' });
    const audit = db().prepare(`SELECT before_json AS b, after_json AS a FROM audit_log WHERE entity = 'case' AND channel = 'cases.update'`).get() as {
      b: string;
      a: string;
    };
    expect(JSON.parse(audit.b)).toEqual({ origin: '武汉', team_grid_worker: null });
    expect(JSON.parse(audit.a)).toEqual({ origin: '湖北省武汉市', team_grid_worker: '刘网格' });
  });

  it('carries where from, arrival and the team onto the observation roster form', async () => {
    const path = await writeXlsx(
      join(L.dir, '观察.xlsx'),
      sheet([['张三', ID_A, '湖北省武汉市', '2020-02-08', '高铁', 'G1234', '刘网格', '陈医生', '周民警', '']]),
    );
    const mapping = ['name', 'idNumber', 'origin', 'arrivedOn', 'transport', 'transportNo', 'teamGridWorker', 'teamDoctor', 'teamPolice', 'source'];
    await L.t.call('import.commit', { path, target: 'cases', mapping, constants: { community: '东风社区', category: '居家观察', startOn: '2020-02-09' } });
    const roster = observationRosterForm.read(L.db(), { from: '2020-02-10', to: '2020-02-16' }, null);
    expect(roster).toEqual([
      expect.objectContaining({
        name: '张三',
        origin: '湖北省武汉市',
        arrivedOn: '2020-02-08',
        startOn: '2020-02-09',
        team: '网格员 刘网格、医生 陈医生、民警 周民警',
      }),
    ]);
    expect(observationRosterForm.columns.map((c) => c.header)).toEqual(expect.arrayContaining(['来源地', '返程日期', '交通方式', '包保责任人']));
    // 交通方式 with its 车次 (session 19: the roster had no column for it).
    expect(roster[0]).toMatchObject({ travel: '高铁 G1234' });
    // The printed roster (#/print/observation-roster): the same rows, numbers masked whatever the form's policy (the sheet is posted).
    const printed = await L.t.call('export.form.print', { formId: 'observation-roster', from: '2020-02-10', to: '2020-02-16' });
    expect(printed.columns.map((c) => c.header)).toEqual(observationRosterForm.columns.map((c) => c.header));
    expect(printed.rows).toEqual([expect.objectContaining({ name: '张三', travel: '高铁 G1234', idNumber: maskIdNumber(ID_A) })]);
    expect(printed.landscape).toBe(true);
  });
});
