/** The pay sheet (补助发放表) as xlsx, written beside its final name then renamed. */
import ExcelJS from 'exceljs';
import { badInput, notFound } from '../errors';
import { writeAside } from '../fs-atomic';
import { placeAudited } from '../task-write';
import type { TaskContext, WriteContext } from '../handler-types';
import type { WriteDb } from '../db/types';
import { readSettings } from '../settings/queries';
import { a4Sheet, ruledTable, signLine } from '../xlsx-print';
import { computeAllowances } from './reports';
import { fenInWords } from './yuan-words';
import { FLOATING_STAFF, STAFF_KIND_LABELS, standardText } from './types.shared';

const yuan = (fen: number) => Math.round(fen) / 100;

export async function exportPaySheet(
  input: { from: string; to: string; path: string },
  ctx: TaskContext,
): Promise<{ path: string; rows: number; people: number; totalFen: number }> {
  if (input.to < input.from) throw badInput('「结束日期」不能早于「开始日期」。', { field: 'to' });
  const target = ctx.files.save(input.path);
  if (!/\.xlsx$/i.test(target.path)) throw badInput('「保存位置」的文件名应以 .xlsx 结尾。', { field: 'path' });
  ctx.progress('计算补助', 0, 1);
  const rows = computeAllowances(ctx.read, input.from, input.to, undefined, ctx.sealer);
  const office = readSettings(ctx.read).officeName;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('补助发放表', a4Sheet(true));
  // Paid on confirmed attendance (出勤确认) only: the planned shifts stand beside it, so a gap is visible.
  const headers = [
    '序号',
    '姓名',
    '人员类别',
    '所属社区',
    '排班班次',
    '确认出勤天数',
    '确认出勤班次',
    '补助项目',
    '标准（元）',
    '计发方式',
    '应发（元）',
    '调整（元）',
    '调整原因',
    '实发（元）',
    '签领',
  ];
  ws.mergeCells(1, 1, 1, headers.length);
  ws.getCell(1, 1).value = `${office}疫情防控值守人员补助发放表`;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, headers.length);
  const unconfirmed = rows.reduce((n, r) => n + r.unconfirmedShifts, 0);
  ws.getCell(2, 1).value =
    `统计期间：${input.from} 至 ${input.to}。按已确认的出勤计发${unconfirmed > 0 ? `；另有 ${unconfirmed} 班排班尚未确认出勤，未计入` : ''}`;
  ws.addRow(headers).font = { bold: true };
  rows.forEach((r, i) =>
    ws.addRow([
      i + 1,
      r.name,
      STAFF_KIND_LABELS[r.kind],
      // Sent to no community: said, as on the screen (机动) and the district's 补助 form, not a blank cell.
      r.communityName || FLOATING_STAFF,
      r.plannedShifts,
      r.days,
      r.shifts,
      r.label,
      // A standard changed in the period: each part with its days, as text (one amount would misstate the pay).
      r.standards.length > 1 ? standardText(r) : yuan(r.rateFen),
      [...new Set(r.standards.length > 1 ? r.standards.map((x) => x.basis) : [r.basis])]
        .map((b) => (b === 'day' ? '按天' : b === 'shift' ? '按班' : ''))
        .join('、'),
      yuan(r.baseFen),
      yuan(r.adjustmentFen),
      r.adjustmentReasons.join('；'),
      yuan(r.totalFen),
      '',
    ]),
  );
  const totalFen = rows.reduce((n, r) => n + r.totalFen, 0);
  ws.addRow([
    '合计',
    '',
    '',
    '',
    rows.reduce((n, r) => n + r.plannedShifts, 0),
    rows.reduce((n, r) => n + r.days, 0),
    rows.reduce((n, r) => n + r.shifts, 0),
    '',
    '',
    '',
    yuan(rows.reduce((n, r) => n + r.baseFen, 0)),
    yuan(rows.reduce((n, r) => n + r.adjustmentFen, 0)),
    '',
    yuan(totalFen),
    '',
  ]).font = { bold: true };
  // The total in words under the table, as a finance office's pay sheets carry it.
  const words = ws.addRow([`合计金额（大写）：人民币${fenInWords(totalFen)}`]);
  ws.mergeCells(words.number, 1, words.number, headers.length);
  // Yuan to the fen (200.00, not 200) on every amount, the 合计 row's too: a 标准 changed in the period is text.
  for (let n = 4; n <= rows.length + 4; n++) for (const c of [9, 11, 12, 14]) ws.getCell(n, c).numFmt = '0.00';
  ws.addRow([]);
  // The day it is made, and who to call about it: the district's finance office asks both.
  const sign = ws.addRow([signLine(ctx.clock.today(), '负责人签字')]);
  ws.mergeCells(sign.number, 1, sign.number, headers.length);
  // 148 units across: A4 landscape at about 94 % of full size (179 printed at 78 %, session 25). 「标准（元）」 and the
  // other amounts whole on a line; 签领 wide enough to sign in.
  // Headers two lines where they must, several adjustments' reasons, a long community name: wrapped in their columns.
  ruledTable(ws, [5, 9, 11, 10, 7, 7, 7, 11, 11, 9, 11, 11, 16, 11, 12], 3, rows.length + 4);
  if (ctx.signal.aborted) throw badInput('已取消导出。');
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  // Placed inside its audit row's transaction: not after the window ended, never without the row (task-write.ts).
  placeAudited(ctx, writeAside(target.path, buffer, target.replace), (_db, audit) =>
    audit({ entity: 'rota_pay_sheet', entityId: null, after: { from: input.from, to: input.to, path: target.path, rows: rows.length, totalFen } }),
  );
  ctx.progress('计算补助', 1, 1);
  // rows: the sheet's lines; people: each once (one who moved in the period has a line per community).
  return { path: target.path, rows: rows.length, people: new Set(rows.map((r) => r.staffId)).size, totalFen };
}

export function adjustAllowance(db: WriteDb, input: { staffId: number; day: string; amountFen: number; reason: string }, ctx: WriteContext): null {
  if (!db.prepare(`SELECT id FROM staff WHERE id = @id`).get({ id: input.staffId })) throw notFound('这名人员');
  if (input.amountFen === 0) throw badInput('「金额（分）」不能为 0。', { field: 'amountFen' });
  const id = Number(
    db
      .prepare(`INSERT INTO rota_allowance_adjustments (staff_id, day, amount_fen, reason, created_at) VALUES (@staffId, @day, @amountFen, @reason, @now)`)
      .run({ ...input, now: ctx.clock.nowIso() }).lastInsertRowid,
  );
  ctx.audit({ entity: 'rota_allowance_adjustment', entityId: id, after: input });
  return null;
}
