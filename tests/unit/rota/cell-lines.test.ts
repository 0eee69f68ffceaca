/**
 * The lines a day's cell of 排班日历 takes (renderer/src/features/rota/cell-lines.ts), which its row's height follows:
 * a viewer's chips (no ×) share a line two by two; an editor's stand one to a line; a long name takes a line alone.
 */
import { describe, expect, it } from 'vitest';
import { cellLines } from '../../../renderer/src/features/rota/cell-lines';

describe('cellLines', () => {
  it('two three-character names: one line without ×, two with', () => {
    expect(cellLines(['尹玉丽', '陈杰梅'], undefined, false)).toBe(1);
    expect(cellLines(['尹玉丽', '陈杰梅'], undefined, true)).toBe(2);
  });
  it('a post’s name fills a line; a conflict’s words are cut to the cell, not more lines', () => {
    expect(cellLines(['小区北门卡点', '入户排查组'], undefined, false)).toBe(2);
    expect(cellLines(['顾洋 ⚠ 两班之间不足 11 小时；连续上班超过 6 天'], undefined, true)).toBe(1);
  });
  it('「缺 1 人」 after a name with its × goes below it; an empty cell is one line', () => {
    expect(cellLines(['顾洋'], '缺 1 人', true)).toBe(2);
    expect(cellLines([], '缺 2 人', true)).toBe(1);
    expect(cellLines([], undefined, false)).toBe(1);
  });
});
