/**
 * Dates as communities type them (io/import/normalise.ts parseDay): date-formatted cells (Excel serial numbers),
 * 2020.2.3, 2020/2/3, 2020年2月3日/号, 20200203 as text or as a number, full-width digits, 2月3日, 2/3 and 2.15 in
 * the year the title states; what cannot be told (2.1 may be 2.10) or does not exist (2020-02-30) is refused with
 * the row and the column named.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDay } from '../../../electron/core/io/import/normalise';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger, writeCsv, writeXlsx } from './files';

const L = useImportLedger();

describe('dates as communities type them', () => {
  it('reads every way of writing a day', () => {
    const read = (raw: string | number, year?: string) => parseDay(raw, year);
    for (const raw of [
      '2020-02-03',
      '2020/2/3',
      '2020.2.3',
      '2020年2月3日',
      '2020年2月3号',
      '20200203',
      '２０２０．２．３',
      '２０２０年２月３日',
      '2020-2-3 0:00:00',
    ])
      expect(read(raw), raw).toEqual({ ok: true, day: '2020-02-03' });
    expect(read(43864)).toEqual({ ok: true, day: '2020-02-03' });
    expect(read(43864.5)).toEqual({ ok: true, day: '2020-02-03' });
    expect(read(20200203)).toEqual({ ok: true, day: '2020-02-03' });
    expect(read('43864')).toEqual({ ok: true, day: '2020-02-03' });
    for (const raw of ['2月3日', '2月3号', '2/3', '２/３'] as const)
      expect(read(raw, '2020'), raw).toEqual({ ok: true, day: '2020-02-03', yearFromFile: true });
    expect(read('2.15', '2020')).toEqual({ ok: true, day: '2020-02-15', yearFromFile: true });
    expect(read(2.15, '2020')).toEqual({ ok: true, day: '2020-02-15', yearFromFile: true });
    expect(read('2.10', '2020')).toEqual({ ok: true, day: '2020-02-10', yearFromFile: true });
  });

  it('takes a day already written as the ledger writes it as it is, and checks it as any other (session 20)', () => {
    for (const day of ['2020-02-03', '2020-02-29', '1900-01-01', '2100-12-31']) expect(parseDay(day)).toEqual({ ok: true, day });
    expect(parseDay(' 2020-02-03\u3000')).toEqual({ ok: true, day: '2020-02-03' });
    for (const raw of ['2019-02-29', '2020-13-01', '2020-00-10', '2020-04-31', '0099-01-01'])
      expect(parseDay(raw), raw).toEqual({ ok: false, message: `「${raw}」不是真实存在的日期` });
  });

  it('refuses what cannot be told or does not exist, saying what to write', () => {
    expect(parseDay('2020-02-30')).toEqual({ ok: false, message: '「2020-02-30」不是真实存在的日期' });
    expect(parseDay(20200230)).toEqual({ ok: false, message: '「20200230」不是真实存在的日期' });
    expect(parseDay('2/3')).toMatchObject({ ok: false, message: expect.stringContaining('没有写年份') });
    // Excel keeps 2.10 typed into a number cell as 2.1: 2月1日 or 2月10日 cannot be told, in the number or in a CSV saved from it.
    for (const raw of [2.1, '2.1', 12.3]) expect(parseDay(raw, '2020'), String(raw)).toMatchObject({ ok: false, message: expect.stringContaining('也可能是') });
    // A small number is no day of 1900 in a 2020 sheet.
    expect(parseDay(35)).toEqual({ ok: false, message: '「35」不是有效的日期' });
    expect(parseDay('20.2.3')).toMatchObject({ ok: false });
  });

  it('imports date cells, numbers and typed days of one sheet, naming the row and column of the ones refused', async () => {
    const id = (n: number) => makeIdNumber('420106', `1980-0${n}-1${n}`, 50 + n);
    const rows = [
      ['东风社区返程人员登记表（2020年2月）'],
      ['姓名', '身份证号', '返程日期'],
      ['张一', id(1), new Date(Date.UTC(2020, 1, 3))],
      ['张二', id(2), 20200204],
      ['张三', id(3), '2020.2.5'],
      ['张四', id(4), '2月6日'],
      ['张五', id(5), '2020-02-30'],
      ['张六', id(6), 2.1],
    ];
    const path = await writeXlsx(join(L.dir, '返程.xlsx'), [{ name: 'S', rows }]);
    const mapping = ['name', 'idNumber', 'arrivedOn'];
    const constants = { community: '东风社区', category: '返程人员' };
    const pre = await L.t.call('import.preview', { path, target: 'cases', mapping, constants });
    expect(pre.counts).toMatchObject({ created: 4, rejected: 2 });
    expect(pre.rejected.map((r) => [r.rowNumber, r.reasons[0]!.field])).toEqual([
      [7, '返程日期'],
      [8, '返程日期'],
    ]);
    await L.t.call('import.commit', { path, target: 'cases', mapping, constants, previewId: pre.previewId });
    const days = (await L.t.call('cases.list', {})).rows.map((r) => r.arrivedOn).sort();
    expect(days).toEqual(['2020-02-03', '2020-02-04', '2020-02-05', '2020-02-06']);

    // The same sheet saved as CSV by WPS: the number 2.1 arrives as the text 「2.1」 and is refused alike.
    const csv = writeCsv(
      join(L.dir, '返程.csv'),
      [
        ['姓名', '身份证号', '返程日期'],
        ['李一', id(7), '2.1'],
        ['李二', id(8), '2/7'],
      ],
      'gbk',
    );
    const fromCsv = await L.t.call('import.preview', { path: csv, target: 'cases', mapping, constants });
    expect(fromCsv.rejected.map((r) => [r.rowNumber, r.reasons[0]!.message])).toEqual([
      [2, expect.stringContaining('也可能是 2月10日')],
      [3, '「2/7」没有写年份，请写成 2020年2月7日（或在表格标题中写明年份）'],
    ]);
  });
});
