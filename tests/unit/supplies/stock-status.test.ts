import { describe, expect, it } from 'vitest';
import { fmtStockStatus } from '../../../renderer/src/features/supplies/format';

describe("库存's 状态 in words", () => {
  it('says why a row is short, 充足 only when there is stock, and 无库存 for nothing in stock and nothing used', () => {
    expect(fmtStockStatus({ short: true, reasons: ['stock_out'], stock: 0 })).toBe('已断货');
    expect(fmtStockStatus({ short: true, reasons: ['below_safety', 'runs_out_before_delivery'], stock: 40 })).toBe('低于安全天数、到货前断货');
    expect(fmtStockStatus({ short: false, reasons: [], stock: 40 })).toBe('充足');
    // A new ledger lists every item in 街道仓库 at 0 with no use: that is not 「充足」.
    expect(fmtStockStatus({ short: false, reasons: [], stock: 0 })).toBe('无库存');
  });
});
