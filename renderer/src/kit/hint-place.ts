/**
 * Where the app's hint for an invalid field goes (kit/FormHints): it must never lie over another field's label or
 * box, or a button, at 1366×768, or the coordinator cannot see what to fill next. Pure rectangles, so the rule is
 * tested without a browser.
 */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Room between the field and its hint: beside it a little more, so the hint does not read as part of the box. */
const BESIDE = 8;
const UNDER = 4;

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * The first of: beside the field on its right, under it, above it (over the field's own label, which the hint names
 * anyway), beside it on its left, that stays inside the window and covers none of `others`; if every one covers
 * something, the one that covers least (a hint must show, and it goes at the first keystroke).
 */
export function placeHint(
  field: Box,
  size: { width: number; height: number },
  others: Box[],
  view: { width: number; height: number },
): { left: number; top: number } {
  const middle = field.top + (field.bottom - field.top - size.height) / 2;
  // Under or above a field near the window's right edge, the hint ends at the edge instead of past it.
  const aligned = Math.max(0, Math.min(field.left, view.width - size.width));
  const spots = [
    { left: field.right + BESIDE, top: middle },
    { left: aligned, top: field.bottom + UNDER },
    { left: aligned, top: field.top - UNDER - size.height },
    { left: field.left - BESIDE - size.width, top: middle },
  ];
  let best = spots[1]!;
  let bestCost = Infinity;
  for (const spot of spots) {
    const box = { left: spot.left, top: spot.top, right: spot.left + size.width, bottom: spot.top + size.height };
    if (box.left < 0 || box.top < 0 || box.right > view.width || box.bottom > view.height) continue;
    const cost = others.reduce((sum, o) => sum + overlap(box, o), 0);
    if (cost === 0) return spot;
    if (cost < bestCost) [best, bestCost] = [spot, cost];
  }
  return best;
}
