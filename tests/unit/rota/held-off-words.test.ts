/**
 * 排班结果's words for members 自动排班 held off (a staff record changed outside the program, S49-A6): one person is named
 * as one (before: 「1 人…没有安排他们：王方」), several are counted and listed, and the line above the calendar is not a
 * plain 「自动排班完成」 in green when someone was held off.
 */
import { describe, expect, it } from 'vitest';
import { generateHeadline, heldOffLine } from '../../../renderer/src/features/rota/held-off-words';

describe('排班结果: members held off', () => {
  it('names one person as one, and several as a count and a list', () => {
    expect(heldOffLine([])).toBeNull();
    expect(heldOffLine(['王方'])).toBe(
      '「王方」的人员记录在本程序之外被改动过，自动排班没有安排此人。姓名或号码可能已被换过，请从备份恢复，并在「审计日志」中查看。',
    );
    expect(heldOffLine(['王方', '李四'])).toBe(
      '2 人的人员记录在本程序之外被改动过，自动排班没有安排他们：王方、李四。姓名或号码可能已被换过，请从备份恢复，并在「审计日志」中查看。',
    );
  });

  it('says 完成 in green only when nobody was held off', () => {
    expect(generateHeadline({ required: 7, filled: 7, heldOff: [] })).toEqual({ ok: true, text: '自动排班完成：应排 7 人次，已排 7 人次' });
    expect(generateHeadline({ required: 7, filled: 7, heldOff: ['王方'] })).toEqual({
      ok: true,
      info: true,
      text: '自动排班完成，但有 1 人因人员记录被改动未安排（见下方排班结果）：应排 7 人次，已排 7 人次',
    });
  });
});
