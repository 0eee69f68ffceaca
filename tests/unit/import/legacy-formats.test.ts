import { readFileSync } from 'node:fs';
import { residentsOf } from '../../helpers/sealed-residents';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLabel } from '../../../electron/core/io/import/source-format.shared';
import { listZipEntries, readZipEntry } from '../../../electron/core/io/import/zip-probe';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { buildZip } from '../hardening/zip';
import { useImportLedger } from './files';
import { biff8Bytes, macroBiff8, ooxmlBytes, oleWith, passwordedBiff8, writeBytes, type LegacySheet } from './legacy-files';

const ID_A = makeIdNumber('420106', '1956-11-08', 31);
const ID_B = makeIdNumber('410102', '1988-09-15', 22);
const ID_C = makeIdNumber('410105', '1962-03-12', 17);
const SAVE_AS = '请在 WPS 中另存为 .xlsx 后再导入';

const L = useImportLedger();

const db = L.db;
const residents = (): number => (db().prepare('SELECT count(*) AS n FROM residents').get() as { n: number }).n;

/** As WPS saves a community's sheet: a title, a two-row header with merged cells, ID numbers typed into number cells. */
const returneeSheet: LegacySheet = {
  name: '返程人员',
  rows: [
    ['东风社区返程人员登记表（2020年2月）', null, null, null, null, null],
    ['序号', '所属社区', '基本信息', null, '联系方式', null],
    [null, null, '姓名', '公民身份号码', '手机', '家庭住址'],
    [1, '东风社区', '张伟', ID_A, 13800138000, '幸福小区3栋2单元101室'],
    [2, '东风社区', '李娜', Number(ID_B), '13900139000', '幸福小区3栋2单元102室'],
    [3, '东风社区', '王芳', ID_C, '', '幸福小区4栋1单元201室'],
  ],
  merges: ['A1:F1', 'C2:D2', 'E2:F2', 'A2:A3', 'B2:B3'],
};

async function refusal(path: string): Promise<string> {
  const e = await L.t.fail('import.inspect', { path, target: 'residents' });
  expect(e.code).toBe('BAD_INPUT');
  const p = await L.t.fail('import.commit', { path, target: 'residents', mapping: ['community', 'name'] });
  expect(p.code).toBe('BAD_INPUT');
  expect(residents()).toBe(0);
  return e.message;
}

describe('.xls and WPS .et, recognised by their bytes', () => {
  it('reads a BIFF8 .xls through the same header, mapping and checks: title row, merged two-row header, ID numbers stored as numbers refused', async () => {
    const path = writeBytes(join(L.dir, '东风社区返程人员.xls'), biff8Bytes([{ name: '说明', rows: [['本表由社区填写']] }, returneeSheet]));
    const ins = await L.t.call('import.inspect', { path, target: 'residents', sheet: '返程人员' });
    expect(ins).toMatchObject({ format: 'xls', sheets: ['说明', '返程人员'], sheet: '返程人员', headerRows: [2, 3] });
    expect(ins.titleRows).toEqual(['东风社区返程人员登记表（2020年2月）']);
    expect(ins.headers).toEqual(['序号', '所属社区', '基本信息/姓名', '基本信息/公民身份号码', '联系方式/手机', '联系方式/家庭住址']);
    expect(ins.mapping).toEqual([null, 'community', 'name', 'idNumber', 'phone', 'address']);
    expect(formatLabel(ins.format, ins.fileName)).toBe('旧版 Excel 工作簿（.xls）');

    const pre = await L.t.call('import.preview', { path, target: 'residents', sheet: '返程人员', mapping: ins.mapping });
    expect(pre.counts).toMatchObject({ total: 3, created: 2, rejected: 1 });
    // The number cell lost the ID's last digits inside Excel: refused with that explanation, never repaired.
    expect(pre.rejected[0]).toMatchObject({ rowNumber: 5 });
    expect(pre.rejected[0]!.reasons[0]!.message).toContain('Excel');
    const done = await L.t.call('import.commit', { path, target: 'residents', sheet: '返程人员', mapping: ins.mapping, previewId: pre.previewId });
    expect(done.counts).toMatchObject({ created: 2, rejected: 1 });
    // The phone typed into a number cell arrives whole.
    expect(residentsOf(L.t).map((r) => ({ name: r.name, id: r.id_number, phone: r.phone }))).toEqual([
      { name: '张伟', id: ID_A, phone: '13800138000' },
      { name: '王芳', id: ID_C, phone: null },
    ]);
    expect((await L.t.call('import.history', {})).rows[0]).toMatchObject({ fileFormat: 'xls', fileName: '东风社区返程人员.xls' });
  });

  it('reads a WPS .et that holds BIFF8 or OOXML as what it holds', async () => {
    const biff = writeBytes(join(L.dir, '返程-旧.et'), biff8Bytes([returneeSheet]));
    const ooxml = writeBytes(join(L.dir, '返程-新.et'), ooxmlBytes([returneeSheet]));
    const a = await L.t.call('import.inspect', { path: biff, target: 'residents' });
    const b = await L.t.call('import.inspect', { path: ooxml, target: 'residents' });
    expect([a.format, b.format]).toEqual(['xls', 'xlsx']);
    expect(formatLabel(a.format, a.fileName)).toBe('WPS 表格（.et，内容为 .xls 格式）');
    expect(formatLabel(b.format, b.fileName)).toBe('WPS 表格（.et，内容为 .xlsx 格式）');
    expect(b.mapping).toEqual(a.mapping);
    expect(b.sample).toEqual(a.sample);
    // An .xls saved under a .xlsx name is still an .xls.
    const renamed = writeBytes(join(L.dir, '改了扩展名.xlsx'), biff8Bytes([returneeSheet]));
    expect((await L.t.call('import.inspect', { path: renamed, target: 'residents' })).format).toBe('xls');
  });

  it('asks for a save as .xlsx when an .et or OLE file holds no workbook', async () => {
    const wpsOwn = writeBytes(join(L.dir, '青松里.et'), oleWith({ WpsContent: Buffer.from('et native'), ETExtData: Buffer.alloc(64) }));
    const msg = await refusal(wpsOwn);
    expect(msg).toContain('WPS 表格自己的格式');
    expect(msg).toContain(SAVE_AS);
    const word = writeBytes(join(L.dir, '名单.xls'), oleWith({ WordDocument: Buffer.alloc(512), '1Table': Buffer.alloc(64) }));
    const wordMsg = await refusal(word);
    expect(wordMsg).toContain('Word 文档');
    // WPS cannot save a Word document as .xlsx: the message says how the table gets out of it (session 18 walk).
    expect(wordMsg).toContain('在本页选“粘贴名单（接龙或单元格）”粘贴');
    expect(wordMsg).not.toContain(SAVE_AS);
  });

  it('refuses an encrypted workbook (BIFF FILEPASS, or an OOXML package behind a password) and macros, writing nothing', async () => {
    // Each refusal says what to do in one plain sentence, not two requests run together (「…取消密码，请在 WPS 中…」).
    const pw = writeBytes(join(L.dir, '加密.xls'), passwordedBiff8([returneeSheet]));
    const pwMsg = await refusal(pw);
    expect(pwMsg).toContain('打开密码');
    expect(pwMsg).toContain('请向发来的社区要密码');
    expect(pwMsg).not.toMatch(/，请/);
    const encXlsx = writeBytes(
      join(L.dir, '加密.xlsx'),
      oleWith({ EncryptionInfo: Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]), EncryptedPackage: Buffer.alloc(256) }),
    );
    expect(await refusal(encXlsx)).toBe(pwMsg.replace('加密.xls」', '加密.xlsx」'));
    const macro = writeBytes(join(L.dir, '宏.xls'), macroBiff8([returneeSheet]));
    const m = await refusal(macro);
    expect(m).toContain('宏');
    expect(m).toContain('复制到 WPS 新建的工作簿（新工作簿不带宏），另存为 .xlsx 后再导入');
    expect(m).not.toMatch(/，请/);
    const xlsx = ooxmlBytes([returneeSheet]);
    const entries = listZipEntries(xlsx).map((e) => ({ name: e.name, data: readZipEntry(xlsx, e) }));
    const xlsm = writeBytes(join(L.dir, '宏.xlsm'), buildZip([...entries, { name: 'xl/vbaProject.bin', data: Buffer.alloc(128) }]));
    expect(await refusal(xlsm)).toContain('宏');
  });

  it('says a text file named .xlsx/.xls/.et is text: reads its table as text, refuses one with no table, and a web page under .xls (session 19)', async () => {
    // Plain text with no table under .xlsx: before, only 「没有可导入的内容」.
    const prose = writeBytes(join(L.dir, '登记表.xlsx'), Buffer.from('这不是表格，是一段说明文字。\n', 'utf8'));
    const msg = await refusal(prose);
    expect(msg).toContain('「登记表.xlsx」的文件名是 .xlsx，但内容是纯文本（CSV/文本），不是 Excel 或 WPS 工作簿，其中也没有表格');
    // An HTML table or an Excel 2003 XML sheet under .xls is no text table: refused with what to do.
    const html = writeBytes(
      join(L.dir, '导出.xls'),
      Buffer.from('\ufeff<html><body><table><tr><td>姓名</td><td>身份证号</td></tr></table></body></html>', 'utf8'),
    );
    expect(await refusal(html)).toContain('「导出.xls」的内容是网页或 XML 格式');
    // A CSV saved under .xls (some systems' exports): read as the text table it is, and said to be text.
    const text = ['社区,姓名,身份证号', `东风社区,张伟,${ID_A}`].join('\r\n');
    const csv = writeBytes(join(L.dir, '居民.xls'), Buffer.from(text, 'utf8'));
    const ins = await L.t.call('import.inspect', { path: csv, target: 'residents' });
    expect(ins.format).toBe('csv');
    expect(formatLabel(ins.format, ins.fileName)).toBe('纯文本（CSV/文本），文件名是 .xls');
    const done = await L.t.call('import.commit', { path: csv, target: 'residents', mapping: ins.mapping });
    expect(done.counts).toMatchObject({ created: 1 });
    // A real CSV keeps its name.
    expect(formatLabel('csv', '名单.csv')).toBe('文本表格（CSV）');
  });

  it('still calls bytes that are no spreadsheet at all what they are', async () => {
    const junk = writeBytes(join(L.dir, '名单.et'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    expect(await refusal(junk)).toContain('不是表格文件');
    const truncated = writeBytes(join(L.dir, '截断.xls'), biff8Bytes([returneeSheet]).subarray(0, 1500));
    const msg = await refusal(truncated);
    expect(msg).toContain(SAVE_AS);
    expect(readFileSync(truncated).length).toBe(1500);
  });
});
