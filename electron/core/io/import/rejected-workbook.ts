/**
 * The rows that go back to the community: the file's own columns as they
 * were, plus 错误原因, in an .xlsx written to a temp name and renamed, so a
 * half-written workbook never lies where the user looks for it. The rename is
 * the caller's, inside the transaction of its audit row: a file of full ID
 * numbers is never placed without the row saying who took it.
 */
import { rmSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { AppError } from '../../errors';
import { asideAt, tempBeside, type FileAside } from '../../fs-atomic';
import type { UsablePath } from '../../fs-grants';
import { MAX_CELL_CHARS } from './cells';

export interface ReturnedRow {
  rowNumber: number;
  cells: string[];
  reason: string;
}

/** The workbook written beside its target under a temp name, to be placed inside the audited write (task-write.ts placeAudited). */
export async function writeRejectedWorkbook(target: UsablePath, headers: readonly string[], rows: readonly ReturnedRow[]): Promise<FileAside> {
  const tmp = tempBeside(target.path);
  try {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useSharedStrings: false, useStyles: true });
    const ws = wb.addWorksheet('退回行');
    ws.columns = [{ header: '原行号', width: 8 }, ...headers.map((h) => ({ header: h || '（无表头）', width: 16 })), { header: '错误原因', width: 60 }];
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    for (const r of rows) {
      const cells = headers.map((_, i) => (r.cells[i] ?? '').slice(0, MAX_CELL_CHARS));
      const row = ws.addRow([r.rowNumber, ...cells, r.reason]);
      // Text, never numbers: an ID number must go back exactly as it came.
      row.eachCell((c, col) => {
        if (col > 1) c.numFmt = '@';
      });
      row.commit();
    }
    ws.commit();
    await wb.commit();
  } catch (e) {
    rmSync(tmp, { force: true });
    throw unsaved(e);
  }
  return asideAt(tmp, target.path, target.replace, unsaved);
}

const unsaved = (e: unknown): AppError =>
  e instanceof AppError ? e : new AppError('IO_FAILED', '无法保存退回表格，请确认所选位置可以写入（U 盘未拔出、磁盘未满）。');
