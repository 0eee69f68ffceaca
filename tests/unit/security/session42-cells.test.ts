/**
 * The twenty-eighth attack run (session 42) on S41-A3's fix (io/import/cells.ts checkedText: a cell holding U+FFFD or
 * half a surrogate pair is refused in every reader). A residents file from a clerk's colleague, its names and ID
 * numbers carrying other invisible or deceptive content, previewed and committed by clerk1 (import.preview /
 * import.commit): each cell either refused with a row error naming the field, or stored as the office's rules say
 * (invisible characters dropped at the door: invisible.shared.ts, the eleventh and twelfth runs), never changed
 * otherwise. And the .xlsx text escapes (XML character references, Excel's _xHHHH_) that make such characters from
 * plain ASCII bytes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UNREADABLE_BYTES } from '../../../electron/core/io/import/cells';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { buildZip, SHEET_CLOSE, SHEET_OPEN } from '../hardening/zip';
import { scratch, seedOrg, writeCsv } from '../import/files';

let t: TestLedger;
afterEach(() => t?.close());

const MAPPING = ['community', 'grid', 'name', 'idNumber', 'phone', 'address', 'tags'];
const HEAD = ['社区', '网格', '姓名', '身份证号', '电话', '住址', '特殊人群'];
const id = (i: number): string => makeIdNumber('420106', '1970-01-01', i + 1);
const row = (name: string, i: number, idNumber = id(i)): string[] => [
  '东风社区',
  '一网格',
  name,
  idNumber,
  `1380013${String(i).padStart(4, '0')}`,
  `幸福小区${i}栋`,
  '',
];

const input = (path: string, previewId?: string) => ({ path, target: 'residents' as const, mapping: MAPPING, ...(previewId ? { previewId } : {}) });

async function ledger(): Promise<void> {
  t = await openTestLedger();
  await seedOrg(t);
  await t.sessionAs('clerk', 'clerk1');
}

type Outcome = { rejected: { row: number; why: string }[]; names: string[]; ids: number };

/** Preview and commit as clerk1: the rejected rows' reasons, the names the ledger now holds (row order), how many residents. */
async function imported(path: string): Promise<Outcome> {
  const pre = await t.call('import.preview', input(path), 'clerk1');
  await t.call('import.commit', input(path, pre.previewId), 'clerk1');
  const db = t.core.services.ledger.handle();
  const names = db.prepare(`SELECT name FROM residents ORDER BY id`).pluck().all() as string[];
  return {
    rejected: pre.rejected.map((r) => ({ row: r.rowNumber, why: r.reasons.map((x) => `${x.field}:${x.message}`).join(';') })),
    names,
    ids: names.length,
  };
}

const csv = (rows: string[][]): string => writeCsv(join(scratch(), '居民.csv'), [HEAD, ...rows], 'utf-8-bom');

describe('names with other invisible or deceptive content (UTF-8 CSV)', () => {
  it('held: each name either comes in as the office’s rules say or its row is refused naming 姓名', async () => {
    await ledger();
    const names: [string, string | null][] = [
      ['李\u0085四', '李四'], // C1 (NEL): dropped at the door (invisible.shared.ts)
      ['钱\u0007一', '钱一'], // C0 (BEL)
      ['王\u202e五六', '王五六'], // right-to-left override
      ['赵\u200d六', '赵六'], // zero-width joiner
      ['孙\ufeff七', '孙七'], // byte order mark mid-cell
      ['周\ue000八', '周\ue000八'], // private use (a 造字): stored as written
      ['吴\u0301九', '吴\u0301九'], // a combining mark on a Han character: visible (a dotted accent), stored as written
    ];
    const r = await imported(csv(names.map(([n], i) => row(n, i))));
    expect(r.rejected).toEqual([]);
    expect(r.names).toEqual(names.map(([, stored]) => stored));
  }, 60_000);

  it('held: a name made only of invisible characters is refused as an empty 姓名, not stored empty', async () => {
    await ledger();
    const r = await imported(csv([row('\u200b\u200d\u202e', 0), row('正常人', 1)]));
    expect(r.names).toEqual(['正常人']);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]!.why).toBe('姓名:不能为空');
  }, 60_000);

  it('held: a cell over 32,767 characters is refused naming its field (the row, not the file)', async () => {
    await ledger();
    const r = await imported(csv([row('张'.repeat(40_000), 0), row('正常人', 1)]));
    expect(r.names).toEqual(['正常人']);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]!.why).toMatch(/^姓名:单元格内容有 40000 个字，超过 Excel 单元格上限 32767/);
  }, 60_000);
});

describe('a NUL in a CSV', () => {
  it('held: the file is refused in words (binary content), nothing imported', async () => {
    await ledger();
    const r = await t.raw('import.preview', input(csv([row('张\u0000三', 0), row('正常人', 1)])), 'clerk1');
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('无法识别的二进制数据') } });
  }, 60_000);
});

describe('ID numbers written otherwise', () => {
  it('held: fullwidth digits (１２３) and an invisible character inside an ID number: the number read as the same digits, or the row refused on 身份证号', async () => {
    await ledger();
    const fullwidth = id(0).replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const hidden = `${id(1).slice(0, 6)}\u200b${id(1).slice(6)}`;
    const r = await imported(csv([row('全角号', 0, fullwidth), row('藏字号', 1, hidden)]));
    for (const x of r.rejected) expect(x.why).toMatch(/^身份证号:/);
    expect(r.ids + r.rejected.length).toBe(2);
  }, 60_000);
});

const WORKBOOK = (sheetName: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

/** A one-sheet .xlsx whose row 2 holds `nameXml` (raw XML text of an inline string) as the name; its sheet named `sheetName` (raw XML). */
function xlsx(nameXml: string, sheetName = '名单'): string {
  const cell = (ref: string, xml: string): string => `<c r="${ref}" t="inlineStr"><is><t>${xml}</t></is></c>`;
  const cols = 'ABCDEFG';
  const line = (r: number, cells: string[]): string => `<row r="${r}">${cells.map((c, i) => cell(`${cols[i]}${r}`, c)).join('')}</row>`;
  const data = row('NAME', 0).map((c) => (c === 'NAME' ? nameXml : c));
  const path = join(scratch(), '居民.xlsx');
  const sheet = SHEET_OPEN + line(1, HEAD) + line(2, data) + SHEET_CLOSE;
  writeFileSync(
    path,
    buildZip([
      { name: 'xl/workbook.xml', data: Buffer.from(WORKBOOK(sheetName)) },
      { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(RELS) },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheet) },
    ]),
  );
  return path;
}

describe('.xlsx text escapes that make characters from ASCII', () => {
  it('held: _xD800_ (half a surrogate pair) and &#xFFFD; are refused on 姓名, as the bytes would be', async () => {
    await ledger();
    for (const name of ['张_xD800_三', '张&#xFFFD;三']) {
      const pre = await t.call('import.preview', input(xlsx(name)), 'clerk1');
      expect(pre.rejected.map((r) => r.reasons.map((x) => x.field).join())).toEqual(['姓名']);
    }
  }, 60_000);

  it('held: _x005F_x0041_ is Excel’s escaped underscore: the name keeps 「_x0041_」 as Excel shows it', async () => {
    await ledger();
    expect((await imported(xlsx('张_x005F_x0041_'))).names).toEqual(['张_x0041_']);
  }, 60_000);

  // S42-A1 (low; a crafted file): a character reference past U+10FFFF (&#x110000;, or a long run of digits) is no
  // character; read-xlsx.ts unescapeXml handed it to String.fromCodePoint, whose RangeError left the reader: the
  // preview answered INTERNAL 「程序内部出错」 for the whole file, naming no row or cell. Now it reads U+FFFD and the
  // cell is refused as a damaged one (cells.ts checkedText), the row named, as bytes that are no character are.
  it('S42-A1 (fixed): a character reference past U+10FFFF: the row refused naming 姓名, never an internal error', async () => {
    await ledger();
    for (const name of ['张&#x110000;三', `张&#${'9'.repeat(400)};三`]) {
      const r = await t.raw('import.preview', input(xlsx(name)), 'clerk1');
      expect(r.ok === false ? r.error : null).toBeNull();
      const pre = (r as { value: { rejected: { reasons: { field: string; message: string }[] }[] } }).value;
      expect(pre.rejected.map((x) => x.reasons.map((y) => `${y.field}:${y.message}`).join())).toEqual([`姓名:${UNREADABLE_BYTES}`]);
    }
  }, 60_000);

  it('S42-A1 (fixed): the sheet named with &LT; or &#x110000; (the sheet list’s expression takes entities in any case): the file reads, its one row imported', async () => {
    await ledger();
    for (const sheetName of ['名单&LT;', '名单&#x110000;']) {
      const r = await t.raw('import.preview', input(xlsx('张三')), 'clerk1');
      expect(r.ok).toBe(true);
      const named = await t.raw('import.preview', input(xlsx('张三', sheetName)), 'clerk1');
      expect(named.ok === false ? named.error : null).toBeNull();
    }
  }, 60_000);
});
