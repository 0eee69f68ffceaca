/**
 * How a week's roster is cut into A4 pages. Chromium repeats a table's header row on the next page but nothing above
 * it, so a week that runs over one page would go on with no title and no week (a loose second sheet at the post says
 * nothing of whose it is). The print measures its blocks once at the paper's width and cuts the week itself: every page
 * starts with a title line (「…轮班表（续）」 after the first), and a post's shifts stay together.
 */

/** Heights of a week's blocks, in CSS px at the paper's width. */
export interface WeekHeights {
  /** Title and week line above the table (the continuation's are the same height). */
  title: number;
  /** The table's header row. */
  head: number;
  /** The 带班领导 row, on the first page only. */
  leaders: number;
  /** Each post's group of shift rows. */
  posts: number[];
  /** What follows the table on the last page: exceptions and signature lines. */
  tail: number;
  /** The page's printable height. */
  page: number;
}

/** The posts (indices) on each page, in order; a week with no posts is one page. */
export function packWeek(h: WeekHeights): number[][] {
  const pages: number[][] = [];
  let cur: number[] = [];
  let used = h.title + h.head + h.leaders;
  h.posts.forEach((height, j) => {
    if (cur.length > 0 && used + height > h.page) {
      pages.push(cur);
      cur = [];
      used = h.title + h.head;
    }
    cur.push(j);
    used += height;
  });
  // The signature lines are never a page of their own: if they do not fit under the last post, that post goes over with them.
  if (used + h.tail > h.page && cur.length > 1) {
    pages.push(cur.slice(0, -1));
    cur = cur.slice(-1);
  }
  pages.push(cur);
  return pages;
}

/**
 * A post whose shifts together are taller than `room` (a page less its title, header and 带班领导 row) is cut between
 * shift rows into pieces that each fit; Chromium would otherwise carry the rest over with no title and no post name (a
 * 夜班 of 20 names on a sheet that does not say whose post it is). Each piece then moves whole like a post; the ones
 * after the first print the post's name with 「（续）」. A single shift row taller than a page is cut by `cutTallRow`.
 * Returns the shift indices of each piece (one piece: the whole post).
 */
export function cutTallPost(rows: readonly number[], room: number): number[][] {
  const pieces: number[][] = [];
  let cur: number[] = [];
  let used = 0;
  rows.forEach((height, k) => {
    if (cur.length > 0 && used + height > room) {
      pieces.push(cur);
      cur = [];
      used = 0;
    }
    cur.push(k);
    used += height;
  });
  pieces.push(cur);
  return pieces;
}

/**
 * A single shift row taller than `room` (≈ 40 names in a day's cell: a closed compound's 白班) is cut between the lines
 * of its cells: each piece prints lines [start, end) of every day's cell, under the post and the shift again with
 * 「（续）」 after the first, so no name is cut through by a page's foot and Chromium never carries the rest to a page
 * with no title. `lines` is the most lines any day's cell has, `line` the tallest line's height, `pad` what the row
 * takes beyond its lines (padding, borders), `head` the lines the post's own cell needs (its name and kind).
 * Returns the line ranges; a row that fits is one range.
 */
export function cutTallRow(lines: number, line: number, pad: number, room: number, head = 0): Array<[number, number]> {
  const per = Math.max(1, head, Math.floor((room - pad) / line));
  const out: Array<[number, number]> = [];
  for (let start = 0; start < lines || out.length === 0; start += per) out.push([start, Math.min(lines, start + per)]);
  return out;
}
