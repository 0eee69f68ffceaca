/**
 * The fifteenth attack run (session 29), S29-A2 addendum: the same quadratic shape in two more readers of an .xlsx.
 * readXlsxMerges / readXlsxRows read the merged ranges after the sheet's last row with
 * /<mergeCell\b[^>]*?\bref="…"/g, and workbookSheets reads workbook.xml.rels with /<Relationship\b[^>]*>/g: an opening
 * with nothing after it to end on is scanned to the end from every opening (regex alone, load 9: 40,000
 * `<mergeCell ` 11.0 s; 20,000 `<Relationship ` 9.6 s). Set beside a same-size control in the same run, as
 * session29-xlsx-quadratic.test.ts does.
 */
import { describe, it } from 'vitest';
import { listZipEntries, workbookSheets } from '../../../electron/core/io/import/zip-probe';
import { readXlsxMerges } from '../../../electron/core/io/import/read-xlsx';
import { buildZip, minimalWorkbook, SHEET_OPEN } from '../hardening/zip';
import { nearControl } from './xlsx-read-cost';

async function mergesCost(tail: string): Promise<number> {
  const sheet = `${SHEET_OPEN}<row r="1"><c r="A1"><v>1</v></c></row></sheetData>${tail}`;
  const buf = minimalWorkbook({ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheet) });
  const entries = listZipEntries(buf);
  const info = workbookSheets(buf, entries)[0]!;
  const t0 = performance.now();
  await readXlsxMerges(buf, entries, info).catch(() => undefined);
  return performance.now() - t0;
}

function relsCost(tail: string): number {
  const buf = buildZip([
    { name: 'xl/workbook.xml', data: Buffer.from('<workbook><sheets><sheet name="名单" r:id="rId1"/></sheets></workbook>') },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(`<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>${tail}`) },
  ]);
  const t0 = performance.now();
  try {
    workbookSheets(buf, listZipEntries(buf));
  } catch {
    // refused: fine, so long as it is quick
  }
  return performance.now() - t0;
}

describe('S29-A2 (addendum): more XML left open', () => {
  it('a sheet ending in 15,000 `<mergeCell ` without `>`: about as long as 15,000 `<mergeCelx ` (read-xlsx.ts mergesIn)', async () => {
    const control = await mergesCost('<mergeCelx '.repeat(15_000));
    const crafted = await mergesCost('<mergeCell '.repeat(15_000));
    nearControl(crafted, control);
  }, 120_000);

  it('workbook.xml.rels ending in 8,000 `<Relationship ` without `>`: about as long as 8,000 `<Relationshix ` (zip-probe.ts)', () => {
    const control = relsCost('<Relationshix '.repeat(8_000));
    const crafted = relsCost('<Relationship '.repeat(8_000));
    nearControl(crafted, control);
  }, 120_000);
});
