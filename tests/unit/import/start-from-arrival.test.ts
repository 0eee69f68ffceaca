import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger, writeCsv } from './files';

// The test clock stands at 2020-02-17.
const ID_A = makeIdNumber('410105', '1962-03-12', 17);
const ID_B = makeIdNumber('420106', '1990-07-01', 23);

const L = useImportLedger();
const db = L.db;

/** A returnee sheet as a community sends it: 返程日期, no 开始日期. */
const returnees = (rows: string[][]): string =>
  writeCsv(join(L.dir, `返程-${rows.length}-${rows[0]![0]}.csv`), [['东风社区返程人员登记表'], ['姓名', '身份证号', '从何地返回', '返程日期'], ...rows], 'gbk');
const mapping = ['name', 'idNumber', 'origin', 'arrivedOn'];

const stored = () => db().prepare(`SELECT category, opened_on AS openedOn, obs_start_on AS obsStart, obs_end_on AS obsEnd FROM cases ORDER BY id`).all();

describe('a returnee sheet with 返程日期 and no 开始日期 (设置 › 监测标准: 按返程日期起算)', () => {
  it('starts a returnee and a home observation on the day of return, and the preview says so', async () => {
    const path = returnees([
      ['张三', ID_A, '湖北省武汉市', '2020-02-03'],
      ['李四', ID_B, '浙江省温州市', ''],
    ]);
    const constants = { community: '东风社区', category: '返程人员' };
    const pre = await L.t.call('import.preview', { path, target: 'cases', mapping, constants });
    expect(pre.sample.map((s) => s.shown['开始日期'])).toEqual(['2020-02-03（按返程日期）', '（今天）']);
    await L.t.call('import.commit', { path, target: 'cases', mapping, constants, previewId: pre.previewId });
    expect(stored()).toEqual([
      { category: 'returnee', openedOn: '2020-02-03', obsStart: null, obsEnd: null },
      { category: 'returnee', openedOn: '2020-02-17', obsStart: null, obsEnd: null },
    ]);
    // The same file again is the same cases.
    expect((await L.t.call('import.preview', { path, target: 'cases', mapping, constants })).counts).toMatchObject({ unchanged: 2 });

    const observed = returnees([['王五', makeIdNumber('110105', '1985-05-05', 35), '北京市', '2020-02-10']]);
    const obs = { community: '东风社区', category: '居家观察' };
    await L.t.call('import.commit', { path: observed, target: 'cases', mapping, constants: obs });
    expect(stored()[2]).toEqual({ category: 'home_observation', openedOn: '2020-02-10', obsStart: '2020-02-10', obsEnd: '2020-02-23' });
  });

  it('a case opened on the import day before (or on screen) is the same case, not a second one refused', async () => {
    await L.t.call('caseload.settings.update', { startFromArrival: false });
    const path = returnees([['张三', ID_A, '湖北省武汉市', '2020-02-03']]);
    const constants = { community: '东风社区', category: '返程人员' };
    await L.t.call('import.commit', { path, target: 'cases', mapping, constants });
    expect(stored()).toEqual([{ category: 'returnee', openedOn: '2020-02-17', obsStart: null, obsEnd: null }]);

    await L.t.call('caseload.settings.update', { startFromArrival: true });
    const again = await L.t.call('import.preview', { path, target: 'cases', mapping, constants });
    expect(again.counts).toMatchObject({ unchanged: 1, rejected: 0 });
  });

  it('turned off, the office counts from the import day, and a written 开始日期 always wins', async () => {
    expect((await L.t.call('caseload.settings.get', {})).startFromArrival).toBe(true);
    await L.t.call('caseload.settings.update', { startFromArrival: false });
    const path = returnees([['张三', ID_A, '湖北省武汉市', '2020-02-03']]);
    const constants = { community: '东风社区', category: '居家观察' };
    const pre = await L.t.call('import.preview', { path, target: 'cases', mapping, constants });
    expect(pre.sample[0]!.shown['开始日期']).toBe('（今天）');
    const written = await L.t.call('import.preview', { path, target: 'cases', mapping, constants: { ...constants, startOn: '2020-02-05' } });
    expect(written.sample[0]!.shown['开始日期']).toBe('2020-02-05');
    await L.t.call('caseload.settings.update', { startFromArrival: true });
    const writtenOn = await L.t.call('import.preview', { path, target: 'cases', mapping, constants: { ...constants, startOn: '2020-02-05' } });
    expect(writtenOn.sample[0]!.shown['开始日期']).toBe('2020-02-05');
  });

  it('an arrival in the future is refused naming 返程日期, not the 开始日期 the sheet never wrote', async () => {
    const path = returnees([['张三', ID_A, '湖北省武汉市', '2020-02-20']]);
    const pre = await L.t.call('import.preview', { path, target: 'cases', mapping, constants: { community: '东风社区', category: '返程人员' } });
    expect(pre.rejected[0]!.reasons[0]!.field).toBe('返程日期');
  });
});
