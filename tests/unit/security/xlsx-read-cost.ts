/**
 * Reading costs for S29-A2's crafted .xlsx tests (session29-xlsx-quadratic*.test.ts): each crafted file is set beside
 * a control of the same size read in the same run, so the bound is a ratio with a margin for load, not a timing target.
 */
import { expect } from 'vitest';
import { listZipEntries, workbookSheets } from '../../../electron/core/io/import/zip-probe';
import { readSharedStrings, readXlsxRows } from '../../../electron/core/io/import/read-xlsx';
import { minimalWorkbook, SHEET_CLOSE, SHEET_OPEN } from '../hardening/zip';

/** A sheet's opening with one header row: what the crafted tails follow. */
export const HEAD = `${SHEET_OPEN}<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>`;

/** Milliseconds to read every row of the workbook whose sheet is `sheetXml` (a refusal counts as read). */
export async function rowsCost(sheetXml: string, extra: Array<{ name: string; data: Buffer }> = []): Promise<number> {
  const buf = minimalWorkbook({ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheetXml) }, extra);
  const entries = listZipEntries(buf);
  const sheet = workbookSheets(buf, entries)[0]!;
  const t0 = performance.now();
  try {
    for await (const row of readXlsxRows(buf, entries, sheet)) void row;
  } catch {
    // refused: fine, so long as it is quick
  }
  return performance.now() - t0;
}

/** Milliseconds to read a workbook's shared strings from `xml` (a refusal counts as read). */
export async function sharedCost(xml: string): Promise<number> {
  const buf = minimalWorkbook({ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(HEAD + SHEET_CLOSE) }, [
    { name: 'xl/sharedStrings.xml', data: Buffer.from(xml) },
  ]);
  const t0 = performance.now();
  await readSharedStrings(buf, listZipEntries(buf)).catch(() => undefined);
  return performance.now() - t0;
}

/** A linear reader reads crafted and control in about the same time; the quadratic one was 20–60× the control. */
export const nearControl = (crafted: number, control: number) => expect(crafted).toBeLessThan(10 * control + 250);
