/**
 * Opening a template the user picked: a regular file, small, really an
 * .xlsx (by its bytes, not its name), not a zip bomb. Read once into memory;
 * the file on disk is never opened for writing.
 */
import ExcelJS from 'exceljs';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError, badInput } from '../../../errors';
import { listZipEntries } from '../../import/zip-probe';

/** District templates are a page or two of formatting: anything near this is not one. */
const MAX_TEMPLATE_BYTES = 5 * 1024 * 1024;
const MAX_UNCOMPRESSED = 100 * 1024 * 1024;
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export function readTemplateFile(path: string): { bytes: Buffer; fileName: string } {
  const fileName = basename(path);
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw badInput(`「${fileName}」不是文件，请选择区里发来的 .xlsx 表格模板。`);
    size = st.size;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('NOT_FOUND', `找不到模板文件「${fileName}」，可能已被移动或删除。`);
  }
  if (size === 0) throw badInput(`模板文件「${fileName}」是空的（0 字节）。`);
  if (size > MAX_TEMPLATE_BYTES) throw badInput(`模板文件「${fileName}」有 ${(size / 1048576).toFixed(1)} MB，不像一张空白表格模板（上限 5 MB）。`);
  const bytes = readFileSync(path);
  if (bytes.subarray(0, 8).equals(OLE_MAGIC)) {
    throw badInput(`「${fileName}」是旧版 Excel（.xls）或 WPS（.et）格式。请在 WPS 或 Excel 中打开它，“另存为”Excel 工作簿（*.xlsx）后再选择。`);
  }
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw badInput(`「${fileName}」不是 Excel 工作簿（.xlsx），请选择区里发来的表格模板。`);
  const total = listZipEntries(bytes).reduce((s, e) => s + e.uncompressedSize, 0);
  if (total > MAX_UNCOMPRESSED) throw badInput(`「${fileName}」解压后异常庞大，不是正常的表格模板，已拒绝读取。`);
  return { bytes, fileName };
}

export async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(new Uint8Array(bytes).buffer);
  } catch {
    throw badInput('表格模板已损坏或不是 Excel 工作簿，无法读取。请在 WPS 或 Excel 中重新另存为 .xlsx。');
  }
  return wb;
}

/** The named sheet, or the first visible one. */
export function sheetOf(wb: ExcelJS.Workbook, sheet?: string): ExcelJS.Worksheet {
  const visible = wb.worksheets.filter((w) => w.state === 'visible' || w.state === undefined);
  const ws = sheet === undefined ? visible[0] : wb.worksheets.find((w) => w.name === sheet);
  if (!ws) throw badInput(sheet === undefined ? '表格模板里没有工作表。' : `表格模板里没有名为「${sheet}」的工作表。`);
  return ws;
}
