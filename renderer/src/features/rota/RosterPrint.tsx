import type { RosterCommunity } from '../../../../electron/core/rota/report-types.shared';
import { useQuery } from '../../api/hooks';
import { useLayoutEffect, useRef, useState } from 'react';
import { dayHeader } from './common';
import { cutTallPost, cutTallRow, packWeek, type WeekHeights } from './roster-pages';

/**
 * XX社区疫情防控值守轮班表: A4 landscape, a sheet per community and week (titled, signed). The printed title is the
 * form's own, without the book-title marks 《》 a sentence quoting it would use.
 */
export function RosterPrint({ params }: { params: URLSearchParams }) {
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const communityId = Number(params.get('communityId')) || undefined;
  const phones = params.get('phones') === 'full' ? 'full' : 'masked';
  const roster = useQuery('rota.roster', { from, to, phones, ...(communityId ? { communityId } : {}) }, [from, to, communityId, phones]);
  const doc = useRef<HTMLDivElement>(null);
  // null: the first render, every week whole at the paper's width, to be measured; then each week's pages of pieces.
  const [cut, setCut] = useState<Map<string, Piece[][]> | null>(null);
  useLayoutEffect(() => setCut(null), [roster.data]);
  useLayoutEffect(() => {
    if (cut || !roster.data || !doc.current) return;
    // Runs before the browser paints, so neither the screen nor a print ever shows the unmeasured layout.
    const pages = new Map<string, Piece[][]>();
    for (const section of doc.current.querySelectorAll<HTMLElement>('section[data-week]')) pages.set(section.dataset.week!, paginate(measure(section)));
    setCut(pages);
  }, [cut, roster.data]);
  if (roster.error) return <p className="error">{roster.error}</p>;
  if (!roster.data) return <p>正在准备轮班表…</p>;
  if (roster.data.communities.length === 0) return <p className="error">这个期间没有可打印的岗位。</p>;
  const data = roster.data;
  let first = true;
  return (
    <div className="print-doc roster-doc" ref={doc}>
      <style>
        {
          '@page { size: A4 landscape; margin: 10mm; } .roster-doc td, .roster-doc th { font-size: 9pt; padding: 0.8mm 1.5mm; line-height: 1.25; } .roster-doc .shift { white-space: nowrap; } .roster-doc .phone { font-size: 8pt; color: #333; } .roster-doc h2 { text-align: center; font-size: 18pt; margin: 0 0 2mm; } .roster-doc .roster-missing { font-weight: bold; border: 1px dashed #000; padding: 0 1mm; display: inline-block; }'
        }
      </style>
      {data.communities.flatMap((c) =>
        weeks(c.days).flatMap((days) => {
          // Each week is a sheet of its own, posted on its own at the post: it says whose and which week, lists that
          // week's exceptions and carries the signature lines (week 2 printed with no title, nobody's roster). A week
          // longer than a page goes on under 「…轮班表（续）」 and the same week line.
          const key = `${c.communityId}-${days[0]}`;
          const pages = cut?.get(key) ?? [c.posts.map((_, j) => ({ post: j, shifts: c.shifts.map((_s, k) => k) }))];
          const overrides = c.overrides.filter((o) => days.includes(o.day));
          return pages.map((posts, n) => {
            const last = n === pages.length - 1;
            const breaks = !first;
            first = false;
            return (
              <section
                key={`${key}-${n}`}
                data-week={cut ? undefined : key}
                // Measured at the paper's width: A4 landscape less the 10 mm margins.
                style={cut ? undefined : { width: '277mm' }}
                className={breaks ? 'page-break' : ''}
                aria-label={`${c.communityName}轮班表${n > 0 ? '（续）' : ''}`}
              >
                <h2>
                  {c.communityName}疫情防控值守轮班表{n > 0 ? '（续）' : ''}
                </h2>
                <p className="subtitle">
                  {data.officeName} · 值守期间：{days[0]} 至 {days.at(-1)}
                  {data.phones === 'masked' ? ' · 电话已隐去中间位' : ''}
                </p>
                <RosterTable c={c} days={days} pieces={posts} leaders={n === 0} />
                {last && (
                  <div className="roster-tail">
                    {overrides.length > 0 && (
                      <p>
                        ※ 破例安排：
                        {overrides.map((o) => `${o.day} ${o.name}（${o.post}）：${o.reason}`).join('；')}
                      </p>
                    )}
                    <div className="signature">
                      <span>编制人：__________</span>
                      <span>社区负责人（签字）：__________</span>
                      <span>日期：______年____月____日</span>
                    </div>
                  </div>
                )}
              </section>
            );
          });
        }),
      )}
    </div>
  );
}

const MM = 96 / 25.4;
/** A4 landscape's 210 mm less the 10 mm margins, less 4 mm for rounding and font metrics between screen and print. */
const PAGE_PX = (210 - 20 - 4) * MM;

/**
 * Some of a post's shift rows (all of them unless the post is taller than a page); `lines`: of a single shift row taller
 * than a page, the lines of each day's cell this piece prints.
 */
interface Piece {
  post: number;
  shifts: number[];
  lines?: [number, number];
}

/** A row's lines: the most any day's cell has, the tallest one's height, and what the row takes beyond them. */
interface RowLines {
  count: number;
  line: number;
  pad: number;
}

/** A whole week's blocks as laid out at the paper's width (rectangles, so margins between blocks count). */
function measure(section: HTMLElement): WeekHeights & { rows: number[][]; lines: RowLines[][] } {
  const box = (e: Element | null) => e?.getBoundingClientRect() ?? new DOMRect();
  const table = box(section.querySelector('table'));
  const bodies = [...section.querySelectorAll('tbody')];
  return {
    title: table.top - box(section).top,
    head: box(section.querySelector('thead')).height,
    leaders: bodies[0] ? box(bodies[0]).height : 0,
    posts: bodies.slice(1).map((b) => box(b).height),
    rows: bodies.slice(1).map((b) => [...b.querySelectorAll('tr')].map((r) => box(r).height)),
    lines: bodies.slice(1).map((b) => [...b.querySelectorAll('tr')].map((r) => rowLines(r, box))),
    tail: box(section).bottom - table.bottom,
    page: PAGE_PX,
  };
}

/** The day cells' lines of a shift row (a name, or the 「缺 N 人」 mark, each a block of its own). */
function rowLines(row: Element, box: (e: Element | null) => DOMRect): RowLines {
  const cells = [...row.querySelectorAll(':scope > td.day')].map((td) => [...td.children].map((d) => box(d).height));
  const line = Math.max(1, ...cells.flat());
  const count = Math.max(0, ...cells.map((c) => c.length));
  return { count, line, pad: Math.max(0, box(row).height - Math.max(0, ...cells.map((c) => c.reduce((n, x) => n + x, 0)))) };
}

/** The week's posts, a tall one cut between its shifts (a shift row taller than a page between its lines), packed into pages. */
function paginate(h: WeekHeights & { rows: number[][]; lines: RowLines[][] }): Piece[][] {
  const room = h.page - h.title - h.head - h.leaders;
  const pieces: Array<Piece & { height: number }> = h.rows.flatMap((rows, post) => {
    if (h.posts[post]! <= room) return [{ post, shifts: rows.map((_, k) => k), height: h.posts[post]! }];
    return cutTallPost(rows, room).flatMap((shifts) => {
      const height = shifts.reduce((n, k) => n + rows[k]!, 0);
      if (shifts.length !== 1 || height <= room) return [{ post, shifts, height }];
      // One shift row taller than the page: cut between its lines, each piece as tall as its lines (the post's own
      // cell, its name and kind on three lines at most, never taller than a piece).
      const r = h.lines[post]![shifts[0]!]!;
      return cutTallRow(r.count, r.line, r.pad, room, 3).map((lines) => ({ post, shifts, lines, height: r.pad + (lines[1] - lines[0]) * r.line }));
    });
  });
  return packWeek({ ...h, posts: pieces.map((p) => p.height) }).map((page) => page.map((i) => pieces[i]!));
}

/** A day's cell as lines: each name on duty, then 「缺 N 人」 when the shift is short (a tall row is cut between them). */
function cellLines(cell: RosterCommunity['posts'][number]['cells'][string] | undefined) {
  const names = (cell?.names ?? []).map((n) => (
    <div key={n.name}>
      {n.name}
      {n.override ? '※' : ''}
      {n.away ? <span className="roster-away">（{n.away}）</span> : null} <span className="phone">{n.phone}</span>
    </div>
  ));
  return (cell?.missing ?? 0) > 0
    ? [
        ...names,
        <div key="缺" className="roster-missing">
          缺 {cell!.missing} 人
        </div>,
      ]
    : names;
}

function weeks(days: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < days.length; i += 7) out.push(days.slice(i, i + 7));
  return out;
}

/**
 * A week's table. Each post's shifts are one group that moves to the next page whole (a post taller than a page: each
 * piece of it): a post's name is in its first row only (rowSpan), with 「（续）」 on a piece after the first.
 */
function RosterTable({ c, days, pieces, leaders }: { c: RosterCommunity; days: string[]; pieces: Piece[]; leaders: boolean }) {
  return (
    <table style={{ marginBottom: '4mm' }}>
      <thead>
        <tr>
          <th style={{ width: '14%' }}>岗位（地点）</th>
          <th style={{ width: '11%' }}>班次</th>
          {days.map((d) => (
            <th key={d}>{dayHeader(d)}</th>
          ))}
        </tr>
      </thead>
      {leaders && (
        <tbody>
          <tr>
            <td colSpan={2}>
              <strong>带班领导</strong>
            </td>
            {days.map((d) => (
              <td key={d}>{c.leaders[d] || ''}</td>
            ))}
          </tr>
        </tbody>
      )}
      {pieces
        .map((piece) => ({
          p: c.posts[piece.post]!,
          shifts: piece.shifts.map((k) => c.shifts[k]!),
          lines: piece.lines,
          more: piece.shifts[0]! > 0 || (piece.lines?.[0] ?? 0) > 0,
        }))
        .map(({ p, shifts, lines, more }) => (
          <tbody key={`${p.id}-${shifts[0]?.id ?? ''}-${lines?.[0] ?? ''}`} className="keep">
            {shifts.map((s, k) => (
              <tr key={`${p.id}-${s.id}`}>
                {k === 0 && (
                  <td rowSpan={shifts.length}>
                    {p.name}
                    {more ? '（续）' : ''}
                    <br />
                    <span className="phone">
                      {p.kindLabel}
                      {p.location ? `（${p.location}）` : ''}
                    </span>
                  </td>
                )}
                <td className="shift">
                  {s.name}
                  {/* On a line of its own: the column keeps the width the row was measured at, so no name wraps anew. */}
                  {(lines?.[0] ?? 0) > 0 && (
                    <>
                      <br />
                      （续）
                    </>
                  )}
                </td>
                {days.map((d) => (
                  <td key={d} className="day">
                    {cellLines(p.cells[`${d}|${s.id}`]).slice(...(lines ?? [0]))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        ))}
    </table>
  );
}
