/**
 * 专属保险: who among the active staff has no cover on record (or whose cover
 * has ended), whose cover ends soon, and the roster an insurer asks for to
 * issue or renew a group policy. The notice says 有条件的地方，可为参与社区防控工作的
 * 社区工作者、基层医务人员办理专属保险: the lists show every kind, so the office decides.
 */
import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { addDays } from '../dates.shared';
import type { ReadDb } from '../db/types';
import { badInput, conflict } from '../errors';
import { writeAside } from '../fs-atomic';
import { placeAudited } from '../task-write';
import { openStaffNumbers, STAFF_SEALED_SELECT, staffSealer, type StoredStaffNumbers } from './sealed-staff';
import type { TaskContext } from '../handler-types';
import { readSettings } from '../settings/queries';
import { a4Sheet, ruledTable } from '../xlsx-print';
import { FLOATING_STAFF, STAFF_KIND_LABELS, type InsuranceGaps, type InsuranceLine, type StaffKind } from './types.shared';

const LINE = `SELECT s.id AS staffId, s.name, s.kind, c.name AS communityName, s.insurer, s.insurance_policy AS insurancePolicy,
                     s.insurance_from AS insuranceFrom, s.insurance_to AS insuranceTo
              FROM staff s LEFT JOIN communities c ON c.id = s.community_id`;

export function insuranceGaps(db: ReadDb, today: string, withinDays: number): InsuranceGaps {
  const active = db.prepare(`${LINE} WHERE s.status = 'active' ORDER BY s.community_id, s.kind, s.name`).all() as InsuranceLine[];
  const until = addDays(today, withinDays);
  const covered = (l: InsuranceLine) => l.insurer !== null && (l.insuranceTo === null || l.insuranceTo >= today);
  return {
    today,
    withinDays,
    missing: active.filter((l) => !covered(l)),
    ending: active.filter((l) => covered(l) && l.insuranceTo !== null && l.insuranceTo <= until).sort((a, b) => (a.insuranceTo! < b.insuranceTo! ? -1 : 1)),
  };
}

interface RosterRow extends InsuranceLine {
  idNumber: string | null;
  kind: StaffKind;
}

/** The insurer's roster as xlsx: full ID numbers, because the policy is issued on them. Never over an existing file. */
export async function exportInsurerRoster(input: { path: string; insurer?: string | undefined }, ctx: TaskContext): Promise<{ path: string; rows: number }> {
  const target = ctx.files.save(input.path);
  if (!/\.xlsx$/i.test(target.path)) throw badInput('「保存到（.xlsx 文件）」应以 .xlsx 结尾。', { field: 'path' });
  // Full ID numbers: never over an existing file, even one the user chose to replace.
  if (existsSync(target.path)) throw conflict(`「${target.path}」已经存在：请换一个文件名，不会覆盖已有文件。`);
  const where = input.insurer ? `WHERE s.status = 'active' AND s.insurer = @insurer` : `WHERE s.status = 'active'`;
  const sealer = staffSealer(ctx.sealer);
  const rows = (
    ctx.read
      .prepare(`SELECT ${STAFF_SEALED_SELECT('s')}, x.* FROM (${LINE} ${where}) x JOIN staff s ON s.id = x.staffId ORDER BY x.communityName, x.name`)
      .all({ insurer: input.insurer }) as Array<Omit<RosterRow, 'idNumber'> & StoredStaffNumbers>
  ).map(({ idNumberSealed, phoneSealed: _p, ...r }): RosterRow => ({
    ...r,
    idNumber: openStaffNumbers(ctx.read, sealer, { staffId: r.staffId, idNumberSealed, phoneSealed: null }).idNumber,
  }));
  if (rows.length === 0) throw badInput(input.insurer ? `没有在岗人员登记了承保公司「${input.insurer}」。` : '人员名册中没有在岗人员。');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('投保人员名单', a4Sheet(true));
  const headers = ['序号', '姓名', '身份证号', '人员类别', '所属社区', '承保公司', '保单号', '保险起始日', '保险截止日'];
  ws.mergeCells(1, 1, 1, headers.length);
  ws.getCell(1, 1).value = `${readSettings(ctx.read).officeName}疫情防控人员专属保险投保名单${input.insurer ? `（${input.insurer}）` : ''}`;
  ws.getCell(1, 1).font = { bold: true, size: 15 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, headers.length);
  ws.getCell(2, 1).value = `制表日期：${ctx.clock.today()}；在岗人员 ${rows.length} 人（身份证号为完整号码，仅供承保公司办理保险使用）`;
  ws.addRow(headers).font = { bold: true };
  rows.forEach((r, i) =>
    ws.addRow([
      i + 1,
      r.name,
      r.idNumber ?? '',
      STAFF_KIND_LABELS[r.kind],
      r.communityName ?? FLOATING_STAFF,
      r.insurer ?? '',
      r.insurancePolicy ?? '',
      r.insuranceFrom ?? '',
      r.insuranceTo ?? '',
    ]),
  );
  ws.getColumn(3).numFmt = '@';
  // Ruled like every printed list (session 25: printed without lines, a row was hard to follow across the page).
  ruledTable(ws, [6, 10, 22, 18, 14, 16, 16, 12, 12], 3, rows.length + 3);
  if (ctx.signal.aborted) throw badInput('已取消导出。');
  // Full ID numbers: placed only inside the transaction of the row saying who took them (task-write.ts).
  const file = writeAside(target.path, Buffer.from(await wb.xlsx.writeBuffer()), false);
  placeAudited(ctx, file, (_db, audit) =>
    audit({
      entity: 'staff_insurer_roster',
      entityId: null,
      after: { path: target.path, insurer: input.insurer ?? null, rows: rows.length, fullIdNumbers: true },
    }),
  );
  return { path: target.path, rows: rows.length };
}
