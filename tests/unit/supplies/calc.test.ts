import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  allocate,
  assessShortage,
  burnRate,
  daysOfCover,
  effectiveBurnRate,
  needWeight,
  shortfallToSafety,
  stockOutDay,
} from '../../../electron/core/supplies/calc';

describe('burn rate, days of cover, shortage (hand-checked)', () => {
  it('averages use over the window', () => {
    expect(burnRate(700, 7)).toBe(100);
    expect(burnRate(10, 4)).toBe(2.5);
    expect(burnRate(0, 7)).toBe(0);
    expect(burnRate(5, 0)).toBe(0);
  });

  it('falls back to the long window only for an empty store with no recent use', () => {
    expect(effectiveBurnRate({ stock: 0, usedInWindow: 0, windowDays: 7, usedInLongWindow: 280, longWindowDays: 28 })).toBe(10);
    expect(effectiveBurnRate({ stock: 5, usedInWindow: 0, windowDays: 7, usedInLongWindow: 280, longWindowDays: 28 })).toBe(0);
    expect(effectiveBurnRate({ stock: 0, usedInWindow: 14, windowDays: 7, usedInLongWindow: 280, longWindowDays: 28 })).toBe(2);
  });

  it('days of cover is stock over burn, unlimited when nothing is used', () => {
    expect(daysOfCover(300, 100)).toBe(3);
    expect(daysOfCover(250, 100)).toBe(2.5);
    expect(daysOfCover(0, 100)).toBe(0);
    expect(daysOfCover(300, 0)).toBeNull();
    expect(stockOutDay('2020-02-17', 2.5)).toBe('2020-02-19');
    expect(stockOutDay('2020-02-28', 2)).toBe('2020-03-01');
    expect(stockOutDay('2020-02-17', null)).toBeNull();
  });

  it('cover below the safety level is a shortage, with the shortfall to that level', () => {
    // 幸福社区口罩: 300 只, 100 只/天, 安全 7 天 -> 3 天, 缺 400 只.
    const v = assessShortage({ today: '2020-02-17', stock: 300, burn: 100, safetyDays: 7, nextDelivery: null });
    expect(v.cover).toBe(3);
    expect(v.reasons).toEqual(['below_safety']);
    expect(v.shortfall).toBe(400);
    expect(v.stockOut).toBe('2020-02-20');
  });

  it('a stock-out before the next delivery is a shortage even above the safety level', () => {
    // 1000 只 at 100/天 = 10 天 (≥ 7): fine unless the next delivery is after 2020-02-27.
    expect(assessShortage({ today: '2020-02-17', stock: 1000, burn: 100, safetyDays: 7, nextDelivery: '2020-02-27' }).reasons).toEqual([]);
    const late = assessShortage({ today: '2020-02-17', stock: 1000, burn: 100, safetyDays: 7, nextDelivery: '2020-02-28' });
    expect(late.reasons).toEqual(['runs_out_before_delivery']);
    expect(late.shortfall).toBe(0);
  });

  it('an empty store in use is out of stock; an unused one is not short', () => {
    expect(assessShortage({ today: '2020-02-17', stock: 0, burn: 3, safetyDays: 7, nextDelivery: null }).reasons).toEqual(['stock_out', 'below_safety']);
    expect(assessShortage({ today: '2020-02-17', stock: 0, burn: 0, safetyDays: 7, nextDelivery: null }).reasons).toEqual([]);
  });

  it('rounds the shortfall up to whole units', () => {
    expect(shortfallToSafety(10, 2.5, 7)).toBe(8); // 17.5 -> 18 - 10
    expect(shortfallToSafety(100, 2.5, 7)).toBe(0);
  });

  it('weights staff on duty and people under observation against the office mean', () => {
    expect(needWeight(0, 0, 10, 5)).toBe(1);
    expect(needWeight(10, 5, 10, 5)).toBe(1.5);
    expect(needWeight(40, 50, 10, 5)).toBe(2);
    expect(needWeight(10, 0, 10, 0)).toBe(1.25);
  });
});

describe('allocation (hand-checked)', () => {
  it('gives everyone their need, in whole packs, when the shipment covers it', () => {
    const a = allocate(1000, 50, [
      { key: 1, need: 120, weight: 1 },
      { key: 2, need: 0, weight: 2 },
      { key: 3, need: 300, weight: 1 },
    ]);
    expect([...a]).toEqual([
      [1, 150],
      [2, 0],
      [3, 300],
    ]);
  });

  it('splits a short shipment in proportion to need × weight', () => {
    // 6 packs; demand 6×1 and 6×2 -> shares 2 and 4.
    const a = allocate(300, 50, [
      { key: 1, need: 300, weight: 1 },
      { key: 2, need: 300, weight: 2 },
    ]);
    expect(a.get(1)).toBe(100);
    expect(a.get(2)).toBe(200);
    // 10 packs: the heavier one's share 6.67 passes its cap of 6 packs, so it gets 6 and the other the 4 left.
    const c = allocate(500, 50, [
      { key: 1, need: 300, weight: 1 },
      { key: 2, need: 300, weight: 2 },
    ]);
    expect(c.get(1)).toBe(200);
    expect(c.get(2)).toBe(300);
    // 9 units over needs 2 and 10: shares 1.5 and 7.5 -> 1 and 7, the spare unit to the larger demand.
    const b = allocate(9, 1, [
      { key: 1, need: 2, weight: 1 },
      { key: 2, need: 10, weight: 1 },
    ]);
    expect(b.get(1)).toBe(1);
    expect(b.get(2)).toBe(8);
  });
});

const needsArb = fc.array(fc.record({ need: fc.integer({ min: 0, max: 5000 }), weight: fc.double({ min: 1, max: 2, noNaN: true }) }), {
  minLength: 1,
  maxLength: 30,
});

describe('allocation properties', () => {
  it('never exceeds the shipment, never negative, never above a need in whole packs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 1, max: 100 }), needsArb, (shipment, pack, raw) => {
        const needs = raw.map((n, i) => ({ key: i + 1, ...n }));
        const a = allocate(shipment, pack, needs);
        const total = [...a.values()].reduce((s, v) => s + v, 0);
        expect(total).toBeLessThanOrEqual(shipment);
        for (const n of needs) {
          const got = a.get(n.key)!;
          expect(got).toBeGreaterThanOrEqual(0);
          expect(got % pack).toBe(0);
          expect(got).toBeLessThanOrEqual(Math.ceil(n.need / pack) * pack);
        }
      }),
    );
  });

  it('hands out every whole pack while someone is still short', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 1, max: 100 }), needsArb, (shipment, pack, raw) => {
        const needs = raw.map((n, i) => ({ key: i + 1, ...n }));
        const a = allocate(shipment, pack, needs);
        const total = [...a.values()].reduce((s, v) => s + v, 0);
        const stillShort = needs.some((n) => a.get(n.key)! < Math.ceil(n.need / pack) * pack);
        if (stillShort) expect(shipment - total).toBeLessThan(pack);
      }),
    );
  });

  it('favours the most short: more need and more weight never gets less (ties differ by one pack at most)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 1, max: 100 }), needsArb, (shipment, pack, raw) => {
        const needs = raw.map((n, i) => ({ key: i + 1, ...n }));
        const a = allocate(shipment, pack, needs);
        for (const i of needs)
          for (const j of needs) {
            if (i.need < j.need || i.weight < j.weight) continue;
            const packsI = Math.ceil(i.need / pack);
            const packsJ = Math.ceil(j.need / pack);
            const strictly = packsI * i.weight > packsJ * j.weight;
            expect(a.get(i.key)!).toBeGreaterThanOrEqual(a.get(j.key)! - (strictly ? 0 : pack));
          }
      }),
    );
  });
});
