/**
 * 排班结果's words for members held off by 自动排班 (S49-A6: a staff record changed outside the program), for one and for
 * several, and the headline that does not say all went well when someone was held off. Pure, for a unit test.
 */
import type { GenerateReport } from '../../../../electron/core/rota/contract';

/** The warning line, or null when nobody was held off. */
export function heldOffLine(names: readonly string[]): string | null {
  if (names.length === 0) return null;
  const who =
    names.length === 1
      ? `「${names[0]}」的人员记录在本程序之外被改动过，自动排班没有安排此人`
      : `${names.length} 人的人员记录在本程序之外被改动过，自动排班没有安排他们：${names.join('、')}`;
  return `${who}。姓名或号码可能已被换过，请从备份恢复，并在「审计日志」中查看。`;
}

/** The line above the calendar after 自动排班: done (green) only when nobody was held off. */
export function generateHeadline(r: Pick<GenerateReport, 'required' | 'filled' | 'heldOff'>): { ok: true; info?: true; text: string } {
  const figures = `应排 ${r.required} 人次，已排 ${r.filled} 人次`;
  if (r.heldOff.length === 0) return { ok: true, text: `自动排班完成：${figures}` };
  return { ok: true, info: true, text: `自动排班完成，但有 ${r.heldOff.length} 人因人员记录被改动未安排（见下方排班结果）：${figures}` };
}
