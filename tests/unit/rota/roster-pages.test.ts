/**
 * The roster print's page cutting (renderer/src/features/rota/roster-pages.ts): posts stay whole, the first page has
 * room for the 带班领导 row, and the signature lines never go to a page of their own.
 */
import { describe, expect, it } from 'vitest';
import { cutTallPost, cutTallRow, packWeek } from '../../../renderer/src/features/rota/roster-pages';

const base = { title: 100, head: 30, leaders: 20, tail: 80, page: 700 };

describe('packWeek', () => {
  it('keeps a week that fits on one page', () => {
    expect(packWeek({ ...base, posts: [100, 100, 100] })).toEqual([[0, 1, 2]]);
    expect(packWeek({ ...base, posts: [] })).toEqual([[]]);
  });

  it('starts a new page (with its own title and header) when the next post would not fit', () => {
    // First page: 150 + 5×100 = 650, a sixth would be 750. Next: 130 + 100 + 100.
    expect(packWeek({ ...base, posts: [100, 100, 100, 100, 100, 100, 100] })).toEqual([
      [0, 1, 2, 3, 4],
      [5, 6],
    ]);
  });

  it('takes the last post over with the signature lines when they would not fit under it', () => {
    // 150 + 5×100 = 650 fits, but 650 + 80 does not: post 4 goes over with the tail.
    expect(packWeek({ ...base, posts: [100, 100, 100, 100, 100] })).toEqual([[0, 1, 2, 3], [4]]);
    // A single post too tall for its tail keeps its page (the tail follows on its own: nothing better to do).
    expect(packWeek({ ...base, posts: [600] })).toEqual([[0]]);
  });
});

describe('cutTallPost', () => {
  it('cuts a post taller than the room between its shift rows, each piece fitting; a post that fits stays one piece', () => {
    expect(cutTallPost([280, 280, 280], 600)).toEqual([[0, 1], [2]]);
    expect(cutTallPost([100, 100, 100], 600)).toEqual([[0, 1, 2]]);
    // A single row taller than the room cannot be cut here: it is a piece of its own.
    expect(cutTallPost([100, 700, 100], 600)).toEqual([[0], [1], [2]]);
    expect(cutTallPost([], 600)).toEqual([[]]);
  });
});

describe('cutTallRow', () => {
  it("cuts a shift row taller than the room between its lines, each piece fitting with the row's padding", () => {
    // 40 lines of 15 px, 6 px of padding, 400 px of room: 26 lines a piece (26 × 15 + 6 = 396).
    expect(cutTallRow(40, 15, 6, 400)).toEqual([
      [0, 26],
      [26, 40],
    ]);
    for (const [a, b] of cutTallRow(40, 15, 6, 400)) expect((b - a) * 15 + 6).toBeLessThanOrEqual(400);
    // A row that fits is one piece; an empty row too.
    expect(cutTallRow(10, 15, 6, 400)).toEqual([[0, 10]]);
    expect(cutTallRow(0, 15, 6, 400)).toEqual([[0, 0]]);
    // Never fewer lines a piece than the post's own cell needs (its name and kind), nor none.
    expect(cutTallRow(5, 15, 6, 20, 3)).toEqual([
      [0, 3],
      [3, 5],
    ]);
    expect(cutTallRow(2, 15, 6, 10)).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });
});
