/**
 * The fifteenth attack run (session 29, docs/security/attack-run-session29.md), S29-A2: an .xlsx of one or two KB
 * whose XML leaves elements open. `pieces()` (io/import/read-xlsx.ts) cuts the inflated XML after a closer and yields
 * the rest at the end (up to 64 MB); the readers then look for each open element's closer from every opening:
 * `ROW_RE` over the sheet's tail, the cell loop's `indexOf('</c>')` per `<c>`, the `<si>` regex over sharedStrings;
 * and zip-probe.ts's `<sheet\b[^>]*>` over workbook.xml (30,000 unclosed: 12.2 s at load 11).
 * Each is quadratic in the unclosed run, on the core thread (measured through import.inspect: 1,604 bytes held it
 * 290 s; the doc has the figures and load).
 *
 * Not a timing target: each crafted file is set beside a control of the same size read in the same run (`<row/>`,
 * `<c/>`, `<si/>`, all closed), and a linear reader reads both in about the same time. The margin (10× plus 250 ms)
 * is wide for load; the quadratic reader is 20–60× the control at these sizes.
 */
import { describe, it } from 'vitest';
import { listZipEntries, workbookSheets } from '../../../electron/core/io/import/zip-probe';
import { buildZip, SHEET_CLOSE } from '../hardening/zip';
import { HEAD, nearControl, rowsCost, sharedCost } from './xlsx-read-cost';

describe('S29-A2: XML left open in an .xlsx is read in one pass', () => {
  it('a sheet ending in 30,000 unclosed <row>: about as long as 30,000 <row/> (ROW_RE on the last piece)', async () => {
    const control = await rowsCost(HEAD + '<row/>'.repeat(30_000) + SHEET_CLOSE);
    const crafted = await rowsCost(HEAD + '<row>'.repeat(30_000) + SHEET_CLOSE.slice(0, 1));
    nearControl(crafted, control);
  }, 120_000);

  it('a row of 30,000 unclosed <c>: about as long as 30,000 <c/> (indexOf </c> per cell)', async () => {
    const control = await rowsCost(HEAD + '<row r="2">' + '<c/>'.repeat(30_000) + '</row>' + SHEET_CLOSE);
    const crafted = await rowsCost(HEAD + '<row r="2">' + '<c>'.repeat(30_000) + '.</row>' + SHEET_CLOSE);
    nearControl(crafted, control);
  }, 120_000);

  it('sharedStrings of 30,000 unclosed <si>: about as long as 30,000 <si/>', async () => {
    const control = await sharedCost('<sst>' + '<si/>'.repeat(30_000) + '</sst>');
    const crafted = await sharedCost('<sst>' + '<si>'.repeat(30_000) + '</sst>.');
    nearControl(crafted, control);
  }, 120_000);

  it('one shared string of 30,000 unclosed <t> or <rPh>: about as long as 30,000 <t/> (runsText)', async () => {
    const control = await sharedCost('<sst><si>' + '<t/>'.repeat(30_000) + '</si></sst>');
    nearControl(await sharedCost('<sst><si>' + '<t>'.repeat(30_000) + '</si></sst>'), control);
    nearControl(await sharedCost('<sst><si><t>姓名</t>' + '<rPh>'.repeat(30_000) + '</si></sst>'), control);
  });

  // zip-probe.ts workbookSheets: /<sheet\b[^>]*>/g over workbook.xml (up to 5 MB), each unclosed <sheet scanning to the end.
  it('a workbook.xml ending in 15,000 <sheet without their >: about as long as 15,000 <sheex (zip-probe.ts)', async () => {
    const cost = (xml: string): number => {
      const buf = buildZip([
        { name: 'xl/workbook.xml', data: Buffer.from(`<workbook><sheets><sheet name="名单" r:id="rId1"/></sheets></workbook>${xml}`) },
        { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>') },
      ]);
      const t0 = performance.now();
      try {
        workbookSheets(buf, listZipEntries(buf));
      } catch {
        // refused: fine, so long as it is quick
      }
      return performance.now() - t0;
    };
    const control = cost('<sheex'.repeat(15_000));
    const crafted = cost('<sheet'.repeat(15_000));
    nearControl(crafted, control);
  }, 120_000);
});
