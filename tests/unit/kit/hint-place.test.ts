import { describe, expect, it } from 'vitest';
import { placeHint, type Box } from '../../../renderer/src/kit/hint-place';

const VIEW = { width: 1366, height: 768 };
const SIZE = { width: 160, height: 34 };
const box = (left: number, top: number, width: number, height: number): Box => ({ left, top, right: left + width, bottom: top + height });
const meets = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const at = (spot: { left: number; top: number }) => box(spot.left, spot.top, SIZE.width, SIZE.height);

describe('where the hint for an invalid field goes', () => {
  // The first run's one-column form: 您的姓名's box, and 登录用户名's label and box below it.
  const name = box(486, 233, 394, 35);
  const nextLabel = box(486, 282, 60, 20);
  const nextBox = box(486, 304, 394, 35);

  it('beside the field when nothing is there, not over the next field under it', () => {
    const spot = placeHint(name, SIZE, [nextLabel, nextBox], VIEW);
    expect(spot.left).toBe(888);
    expect(spot.top + SIZE.height / 2).toBeCloseTo(233 + 35 / 2);
    expect([nextLabel, nextBox].some((o) => meets(at(spot), o))).toBe(false);
  });

  it('in a row of fields that wraps (人员: 姓名 with 人员类别 beside it and 保单号 under it), above, over its own label', () => {
    const field = box(187, 149, 185, 35);
    const others = [box(380, 128, 60, 19), box(380, 149, 164, 35), box(187, 197, 45, 19), box(187, 216, 185, 35)];
    const spot = placeHint(field, SIZE, others, VIEW);
    expect(spot).toEqual({ left: 187, top: 149 - 4 - 34 });
    expect(others.some((o) => meets(at(spot), o))).toBe(false);
  });

  it('never past the window: a field at its right edge gets its hint under it, ending at the edge', () => {
    const field = box(1250, 200, 100, 35);
    expect(placeHint(field, SIZE, [], VIEW)).toEqual({ left: 1366 - 160, top: 239 });
  });

  it('when every spot covers something, the one that covers least', () => {
    const field = box(400, 300, 185, 35);
    const wall = [box(0, 0, 1366, 295), box(593, 300, 200, 35), box(400, 339, 40, 20), box(0, 300, 392, 35)];
    // Under it only a short label is met (20 px of it, times the hint's height): the least.
    expect(placeHint(field, SIZE, wall, VIEW)).toEqual({ left: 400, top: 339 });
  });
});
