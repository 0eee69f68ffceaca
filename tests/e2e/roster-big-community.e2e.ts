/**
 * One community with 64 people on duty, its week printed on A4 through the preview's print route (the app's own
 * 打印 uses Electron's printToPDF, which cannot run here: Chromium's print to PDF via Playwright stands in, as in
 * roster-figures.e2e.ts), read back from the PDF and rendered with pdftoppm -png -r 80 to be looked at. Every page
 * is A4 landscape, titled and headed, nothing past the margins; each post's names stay on one page with the post (one
 * taller than a page cut between its shifts, its name again with 「（续）」);
 * every name is printed as often as the calendar has them on duty; the 「缺 N 人」 sum to the calendar's open positions;
 * the fonts embedded are CJK ones.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Roster } from '../../electron/core/rota/report-types.shared';
import type { Calendar } from '../../electron/core/rota/types.shared';
import { ADMIN } from '../helpers/ledger';
import { UnlockPage } from './pages/auth-pages';
import { printRoster } from './pages/roster-print-page';
import { outsideMargins, readPdf } from './support/pdf-audit';
import { preparedLedgerForEachAttempt } from './support/prepared-ledger';
import { OUTPUT_DIR } from './support/preview';

const WEEK = { from: '2020-02-17', to: '2020-02-23' };
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭'];
const GIVEN = ['建华', '秀兰', '志强', '海燕'];
/** 64 names of three characters, none inside another. */
const NAMES = SURNAMES.flatMap((s) => GIVEN.map((g) => `${s}${g}`));

describe('the printed roster of one community with 64 people on duty', () => {
  const app = preparedLedgerForEachAttempt({
    withLedger: async (t) => {
      const c = (await t.call('org.communities.save', { name: '幸福社区' })).id;
      const [early, late, night] = (await t.call('rota.shifts.list', {})).map((s) => s.id) as [number, number, number];
      const all = [early, late, night];
      const posts: Array<{ name: string; kind: 'checkpoint' | 'screening' | 'duty' | 'fever' | 'delivery'; location: string; shifts: number[]; n: number }> = [
        { name: '北门卡点', kind: 'checkpoint', location: '幸福小区北门', shifts: all, n: 3 },
        { name: '南门卡点', kind: 'checkpoint', location: '幸福小区南门', shifts: all, n: 3 },
        { name: '入户排查组', kind: 'screening', location: '', shifts: [early], n: 6 },
        { name: '发热哨点', kind: 'fever', location: '社区卫生服务站', shifts: [early, late], n: 2 },
        { name: '物资配送组', kind: 'delivery', location: '', shifts: [early], n: 5 },
        // A large closed compound: its three shifts of names are taller than a page.
        { name: '幸福家园封控值守', kind: 'duty', location: '幸福家园小区（12栋）', shifts: all, n: 20 },
      ];
      for (const p of posts)
        await t.call('rota.posts.save', {
          communityId: c,
          name: p.name,
          kind: p.kind,
          location: p.location,
          requirements: p.shifts.map((shiftId) => ({ shiftId, headcount: p.n })),
        });
      for (const [i, name] of NAMES.entries())
        await t.call('rota.staff.save', {
          name,
          kind: 'community_worker',
          communityId: c,
          phone: `1390371${String(1000 + i)}`,
          ...(i < 2 ? { isLeader: true } : {}),
        });
      await t.call('rota.generate', WEEK);
    },
  });

  it('prints every page A4, titled and headed, each post whole on a page, every name as often as on the calendar', async () => {
    const { page, preview } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(preview.url);
    await new UnlockPage(page).unlock(ADMIN.username, ADMIN.password);
    await page.getByText(`${ADMIN.displayName}（统筹负责人）`).waitFor();
    const roster = (await preview.rpc('rota.roster', WEEK)) as Roster;
    const cal = (await preview.rpc('rota.calendar', WEEK)) as Calendar;
    expect(roster.people).toBeGreaterThanOrEqual(60);
    const community = roster.communities[0]!;

    const pdf = await printRoster(page, WEEK, 'roster-big-community');
    const pages = readPdf(pdf);
    expect(pages.length).toBeGreaterThan(1);
    for (const [i, p] of pages.entries()) {
      const at = `第 ${i + 1} 页`;
      expect([Math.round(p.width), Math.round(p.height)], at).toEqual([842, 595]);
      expect(
        outsideMargins(p, 10).map((w) => w.text),
        at,
      ).toEqual([]);
      expect(p.text, at).toContain(i === 0 ? '幸福社区疫情防控值守轮班表' : '幸福社区疫情防控值守轮班表（续）');
      expect(p.text, at).toContain('值守期间：2020-02-17至2020-02-23');
      for (const head of ['岗位（地点）', '班次', '02-17周一', '02-23周日']) expect(p.text, `${at} 表头`).toContain(head);
      // Below the bottom margin (10 mm) only the page number: a row cut at the page's foot would run into it.
      expect(
        p.words
          .filter((w) => w.yMax > p.height - 10 * (72 / 25.4) + 1)
          .map((w) => w.text)
          .join(''),
        `${at} 页脚`,
      ).toBe(`第${i + 1}页共${pages.length}页`);
    }
    // Each post on one page with all its names, but the compound's, taller than a page: cut between its shifts, its
    // name printed again with 「（续）」 over the rest (before, Chromium carried its 夜班 to a page with no title and no
    // post). Pages joined by a post go together: they print the names of the posts they name, no others.
    const count = (text: string, name: string) => text.split(name).length - 1;
    const pagesOf = community.posts.map((p) => pages.flatMap((pg, i) => (pg.text.includes(p.name) ? [i] : [])));
    expect(pagesOf.every((ps) => ps.length > 0)).toBe(true);
    const tall = pagesOf[community.posts.findIndex((p) => p.name === '幸福家园封控值守')]!;
    expect(tall).toHaveLength(2);
    expect(pages[tall[1]!]!.text).toContain('幸福家园封控值守（续）');
    expect(pagesOf.filter((ps) => ps.length > 1)).toHaveLength(1);
    const together = (i: number) => pagesOf.find((ps) => ps.includes(i) && ps.length > 1) ?? [i];
    for (const [i] of pages.entries()) {
      const group = together(i);
      if (group[0] !== i) continue;
      for (const name of NAMES) {
        const want = community.posts
          .filter((_, j) => group.includes(pagesOf[j]![0]!))
          .reduce((n, p) => n + Object.values(p.cells).reduce((m, cell) => m + cell.names.filter((x) => x.name === name).length, 0), 0);
        // The 带班领导 row (first page) names leaders once a day besides their shifts.
        const leading = group.includes(0) ? Object.values(community.leaders).filter((l) => l.split(' ')[0] === name).length : 0;
        const printed = group.reduce((n, k) => n + count(pages[k]!.text, name), 0);
        expect(printed, `第 ${group.map((k) => k + 1).join('、')} 页 ${name}`).toBe(want + leading);
      }
    }
    // Every shift on the calendar is printed, and the gaps printed are the calendar's open positions.
    const printed = pages.reduce((n, pg) => n + NAMES.reduce((m, name) => m + count(pg.text, name), 0), 0);
    const leaders = Object.values(community.leaders).filter(Boolean).length;
    expect(printed - leaders).toBe(cal.assignments.length);
    const gaps = [
      ...pages
        .map((p) => p.text)
        .join('')
        .matchAll(/缺(\d+)人/g),
    ].reduce((n, m) => n + Number(m[1]), 0);
    expect(gaps).toBe(cal.open.reduce((n, o) => n + o.missing, 0));
    // Every font embedded (Chromium writes them as unnamed Type 3 fonts, so the name says nothing) and the Chinese reads
    // back as Chinese, not boxes; the rendered pages were looked at.
    const fonts = execFileSync('pdffonts', [pdf]).toString().split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f.split(/\s+/).slice(-5, -4)[0], f).toBe('yes');
    expect(pages[0]!.text).toContain('带班领导');
    execFileSync('pdftoppm', ['-png', '-r', '80', pdf, join(OUTPUT_DIR, 'roster-big-community')]);
  });
});
