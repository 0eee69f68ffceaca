/** A cell's text as every reader hands it on (cells.ts checkedText): too long, or holding bytes that were no character. */
import { describe, expect, it } from 'vitest';
import { checkedText, isProblem, MAX_CELL_CHARS, UNREADABLE_BYTES } from '../../../electron/core/io/import/cells';

describe('checkedText', () => {
  it('a name with U+FFFD or half a surrogate pair is a problem cell, shown as read (S41-A3); whole pairs and other text pass', () => {
    for (const s of ['张\uFFFD', '\uFFFD', '吴\uD8C0', '郑\uDC00x', '周\uDC00\uD800'])
      expect(checkedText(s), JSON.stringify(s)).toEqual({ problem: UNREADABLE_BYTES, shown: s });
    for (const s of ['赵𠀀', '😀 李四', '刘\uE000', '陈平']) expect(checkedText(s)).toBe(s);
  });

  it('too long is still said first', () => {
    const c = checkedText(`${'\uFFFD'.repeat(MAX_CELL_CHARS)}x`);
    expect(isProblem(c) && c.problem).toContain('超过 Excel 单元格上限');
  });
});
