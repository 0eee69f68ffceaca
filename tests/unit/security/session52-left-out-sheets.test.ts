/**
 * The thirty-eighth attack run (issue 19, session 52), target 2: can a sheet with person rows be left out unsaid
 * (left-out-sheets.ts, session 51)? Every sheet the workbook lists must be in the sheet list, or the file refused.
 * Workbooks written by hand (tests/unit/hardening/zip.ts), as another program than Excel or WPS may write them.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { buildZip, SHEET_CLOSE, SHEET_OPEN } from '../hardening/zip';
import { useImportLedger } from '../import/files';

const L = useImportLedger();
const ID = (n: number): string => makeIdNumber('410102', `19${60 + n}-01-01`, 50 + n);
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';

function sheetXml(rows: string[][]): string {
  const cols = 'ABCD';
  const line = (r: number, cells: string[]): string =>
    `<row r="${r}">${cells.map((c, i) => `<c r="${cols[i]}${r}" t="inlineStr"><is><t>${c}</t></is></c>`).join('')}</row>`;
  return SHEET_OPEN + rows.map((r, i) => line(i + 1, r)).join('') + SHEET_CLOSE;
}
const people = (n: number): string[][] => [
  ['姓名', '身份证号', '联系电话'],
  [`张${n}`, ID(n), `1380371100${n}`],
];

/** Two sheets of people: 一网格 as Excel writes it, and the second `second` (its <sheet> tag and its part's name). */
function workbook(file: string, second: { tag: string; part: string; target?: string }): string {
  const wb = `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><sheets><sheet name="一网格" sheetId="1" r:id="rId1"/>${second.tag}</sheets></workbook>`;
  const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}" Target="${second.target ?? second.part}"/></Relationships>`;
  const path = join(L.dir, file);
  writeFileSync(
    path,
    buildZip([
      { name: 'xl/workbook.xml', data: Buffer.from(wb) },
      { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(rels) },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheetXml(people(1))) },
      { name: `xl/${second.part}`, data: Buffer.from(sheetXml(people(2))) },
    ]),
  );
  return path;
}

const listed = async (path: string): Promise<string[]> => (await L.t.call('import.inspect', { path, target: 'cases' })).sheets;

describe('S52: a sheet of people in no list', () => {
  it('a worksheet part not named sheetN.xml (worksheets/data2.xml): listed, or the file refused, never left out unsaid', async () => {
    const path = workbook('a.xlsx', { tag: '<sheet name="二网格" sheetId="2" r:id="rId2"/>', part: 'worksheets/data2.xml' });
    // Before: ['一网格'], 张2 in no count and no list. The reader finds a sheet by its part's number: refused, named.
    const err = await L.t.fail('import.inspect', { path, target: 'cases' });
    expect([err.code, err.message]).toEqual(['BAD_INPUT', expect.stringMatching(/^工作簿里的工作表「二网格」存放的方式本程序读不了.*另存为 \.xlsx/)]);
  });

  it('a part named as Excel names it but its Target written ./worksheets/… or /xl/worksheets/…: listed, not refused', async () => {
    for (const [i, target] of ['./worksheets/sheet2.xml', '/xl/worksheets/sheet2.xml'].entries()) {
      const path = workbook(`t${i}.xlsx`, { tag: '<sheet name="二网格" sheetId="2" r:id="rId2"/>', part: 'worksheets/sheet2.xml', target });
      expect(await listed(path), target).toEqual(['一网格', '二网格']);
    }
  });

  it('a <sheet> tag with its attributes in single quotes (XML allows them): listed, never left out unsaid', async () => {
    const path = workbook('b.xlsx', { tag: "<sheet name='二网格' sheetId='2' r:id='rId2'/>", part: 'worksheets/sheet2.xml' });
    expect(await listed(path)).toEqual(['一网格', '二网格']);
  });

  it("a sheet hidden with state='veryHidden' in single quotes: marked hidden (or listed), not read as the visible one", async () => {
    const path = workbook('c.xlsx', { tag: `<sheet name="二网格" sheetId="2" state='veryHidden' r:id="rId2"/>`, part: 'worksheets/sheet2.xml' });
    const ins = await L.t.call('import.inspect', { path, target: 'cases' });
    expect([ins.sheets, ins.hiddenSheets]).toEqual([['一网格', '二网格'], ['二网格']]);
  });

  it('a chart sheet beside the lists: not listed, as it holds no cells (held)', async () => {
    const path = workbook('d.xlsx', { tag: '<sheet name="图表" sheetId="2" r:id="rId2"/>', part: 'chartsheets/sheet1.xml' });
    expect(await listed(path)).toEqual(['一网格']);
  });
});
