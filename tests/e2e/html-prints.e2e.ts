/**
 * The app's HTML prints as paper (#/print/…, what 打印 and the app's PDF make): printed by Chromium to A4 with the
 * app's print CSS, read back word by word (pdftotext -bbox) and turned into PNGs in test-output/ to look at. On every
 * page: nothing past the right edge, the table's header, 「第 N 页 共 M 页」 in the foot, no row split over two pages;
 * 表彰推荐审批表 unnumbered on one page, numbered from its second when 主要事迹 runs long.
 * The data is the demo ledger's with the longest values the contract takes where a cell could run long.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { DEMO_USERS } from '../../electron/core/demo/build-demo';
import type { Page as ListPage } from '../../electron/core/contract';
import type { CaseListRow, ResidentListRow } from '../../electron/core/caseload/list-types.shared';
import type { Post } from '../../electron/core/rota/contract';
import type { MemorialDetail } from '../../electron/core/honours/contract';
import { UnlockPage } from './pages/auth-pages';
import { step } from './support/attempt';
import { demoLedgerForEachAttempt } from './support/demo-ledger';
import { OUTPUT_DIR } from './support/preview';
import { firstBodyLine, outsideMargins, pageFooter, readPdf, type PdfPage } from './support/pdf-audit';

const NOW = '2020-02-17T02:00:00.000Z'; // 10:00 in 郑州, a Monday
const SCREEN = { width: 1366, height: 768 };

/** Prints `hash` once `ready` shows, as the app's print does (A4, the page's own @page size and margins), and reads it back. */
async function print(page: Page, hash: string, ready: Locator, name: string, landscape: boolean): Promise<PdfPage[]> {
  await page.evaluate((h) => (window.location.hash = h), hash);
  await ready.first().waitFor();
  await page.evaluate(() => document.fonts.ready.then(() => true));
  const pdf = join(OUTPUT_DIR, `html-print-${name}.pdf`);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdf, format: 'A4', landscape, printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  // A longer print of an earlier run left pages this one has not: they go, so every PNG looked at is this print's.
  for (const f of readdirSync(OUTPUT_DIR)) if (f.startsWith(`html-print-${name}-`) && f.endsWith('.png')) rmSync(join(OUTPUT_DIR, f));
  execFileSync('pdftoppm', ['-png', '-r', '80', pdf, join(OUTPUT_DIR, `html-print-${name}`)]);
  return readPdf(pdf);
}

/** Every page whole: within its margins, numbered 「第 n 页 共 N 页」 (or as `footer` says), A4 the right way round. */
function expectWholePages(pages: PdfPage[], o: { marginMm: number; landscape: boolean; footer?: (n: number, of: number) => string }) {
  const footer = o.footer ?? ((n, of) => `第${n}页共${of}页`);
  for (const [i, p] of pages.entries()) {
    const where = `第 ${i + 1} 页`;
    expect(Math.round(o.landscape ? p.width : p.height), where).toBe(842);
    expect(
      outsideMargins(p, o.marginMm).map((w) => `${w.text}@${Math.round(w.xMax)}`),
      where,
    ).toEqual([]);
    expect(pageFooter(p, o.marginMm), where).toBe(footer(i + 1, pages.length));
  }
}

/** The longest text the contract takes for a field, in words a person could have written. */
const long = (n: number, words: string) => words.repeat(Math.ceil(n / [...words].length)).slice(0, n);

describe('the HTML prints on A4, read back as paper', () => {
  const app = demoLedgerForEachAttempt(NOW, 500, SCREEN);

  it('观察人员名单, 轮班表, 今日随访清单 and 事迹材料: whole on every page, numbered, no row split', async () => {
    const { page, preview } = app;
    const admin = DEMO_USERS[0];
    await new UnlockPage(page).unlock(admin.username, admin.password);
    await page.getByText(`${admin.displayName}（统筹负责人）`).waitFor();

    step('一个社区 40 人居家观察，来源地、交通方式、包保责任人都写满');
    const residents = ((await preview.rpc('residents.list', { limit: 500 })) as ListPage<ResidentListRow>).rows;
    const sizes = new Map<number, number>();
    for (const r of residents) sizes.set(r.communityId, (sizes.get(r.communityId) ?? 0) + 1);
    const community = [...sizes.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    const already = (await preview.rpc('cases.list', {
      filter: { communityId: community, category: 'home_observation', active: true },
      limit: 1000,
    })) as ListPage<CaseListRow>;
    const busyPeople = new Set(already.rows.map((c) => c.residentId));
    const ours = residents.filter((r) => r.communityId === community && !busyPeople.has(r.id)).slice(0, 40);
    expect(ours.length).toBe(40);
    for (const r of ours) {
      await preview.rpc('cases.open', {
        residentId: r.id,
        category: 'home_observation',
        obsStartOn: '2020-02-12',
        origin: long(60, '新疆维吾尔自治区伊犁哈萨克自治州霍城县清水河镇'),
        arrivedOn: '2020-02-11',
        transport: long(20, '长途客车转乘出租车'),
        transportNo: long(30, 'K1234次第12车厢'),
        teamGridWorker: long(40, '欧阳秀英'),
        teamDoctor: '司马文华',
        teamPolice: '上官建国',
      });
    }
    const observed = (await preview.rpc('cases.list', {
      filter: { communityId: community, category: 'home_observation' },
      limit: 1000,
    })) as ListPage<CaseListRow>;
    expect(observed.total).toBeGreaterThanOrEqual(40);

    step('居家（医学）观察人员名单：横向 A4，最后一列在每页上，表头每页重复，行不跨页');
    const roster = await print(page, '#/print/observation-roster', page.getByRole('columnheader', { name: '来源地' }), 'observation-roster', true);
    expect(roster.length).toBeGreaterThan(3);
    expectWholePages(roster, { marginMm: 10, landscape: true });
    for (const [i, p] of roster.entries()) {
      const where = `第 ${i + 1} 页`;
      for (const header of ['序号', '来源地', '包保责任人']) expect(p.text, where).toContain(header);
      // A row starts with its 序号: a row split over two pages would start the next page with its lower lines only.
      const first = firstBodyLine(p, '序号', ['（天）']);
      const seq = p.words.find((w) => w.text === '序号')!;
      expect(
        first.some((w) => /^\d+$/.test(w.text) && w.xMax <= seq.xMax + 2),
        `${where} 第一行：${first.map((w) => w.text).join(' ')}`,
      ).toBe(true);
    }
    // The header breaks at its bracket, never inside the word: 「本期已监测」 over 「（天）」.
    expect(roster[0]!.words.map((w) => w.text)).toEqual(expect.arrayContaining(['本期已监测', '（天）', '本期漏检']));
    // Every row on paper: as many masked ID numbers as the pages' 「共 n 人」 add up to.
    const people = roster.reduce((n, p) => n + Number(/共(\d+)人/.exec(p.text)?.[1] ?? 0), 0);
    expect(people).toBeGreaterThanOrEqual(40);
    expect(roster.flatMap((p) => p.words).filter((w) => /^4101\*+\d{3}[\dX]$/.test(w.text)).length).toBe(people);

    step('轮班表：一个社区岗位多到一周两页：每周一张，标题与签字栏在其上，一个岗位的各班不跨页');
    const posts = (await preview.rpc('rota.posts.list', {})) as Post[];
    const busy = posts[0]!.communityId;
    for (let n = 1; n <= 6; n++) {
      await preview.rpc('rota.posts.save', {
        communityId: busy,
        name: `临时卡点${n}号`,
        kind: 'checkpoint',
        location: `${n}号楼西侧`,
        requirements: posts[0]!.requirements.map((r) => ({ shiftId: r.shiftId, headcount: r.headcount, weekdays: r.weekdays })),
      });
    }
    const rota = await print(
      page,
      `#/print/rota-roster?from=2020-02-10&to=2020-02-23&communityId=${busy}`,
      page.getByRole('columnheader', { name: /^02-10/ }),
      'rota-roster',
      true,
    );
    expectWholePages(rota, { marginMm: 10, landscape: true });
    // Two weeks, each a sheet of its own with its title, its own dates and its signature lines; a week longer than a
    // page goes on under 「…轮班表（续）」 and the same week (Chromium repeats only the table's header row).
    const week = (p: PdfPage) => /值守期间：(\d{4}-\d{2}-\d{2})至(\d{4}-\d{2}-\d{2})/.exec(p.text)?.slice(1).join('～');
    const titles = rota.filter((p) => p.text.includes('疫情防控值守轮班表') && !p.text.includes('轮班表（续）'));
    expect(titles.map(week)).toEqual(['2020-02-10～2020-02-16', '2020-02-17～2020-02-23']);
    expect(rota.length).toBeGreaterThan(titles.length);
    for (const [i, p] of rota.entries()) {
      if (titles.includes(p)) continue;
      expect(p.text, `第 ${i + 1} 页`).toContain('疫情防控值守轮班表（续）');
      expect(week(p), `第 ${i + 1} 页`).toBe(week(rota[i - 1]!));
    }
    const signatures = rota.filter((p) => p.text.includes('社区负责人（签字）')).length;
    expect(signatures).toBe(2);
    for (const [i, p] of rota.entries()) {
      expect(p.text, `第 ${i + 1} 页`).toContain('岗位（地点）');
      // A page's first row names its post: a post's shifts split over two pages would leave the 岗位 cell empty there.
      const shift = p.words.find((w) => w.text === '班次')!;
      const first = firstBodyLine(p, '岗位（地点）');
      expect(
        first.some((w) => w.xMax < shift.xMin),
        `第 ${i + 1} 页 第一行：${first.map((w) => w.text).join(' ')}`,
      ).toBe(true);
    }

    step('今日随访清单：纵向 A4，每页有页码');
    const followUp = await print(page, '#/print/caseload-followup', page.getByRole('heading', { name: '今日随访清单' }), 'followup', false);
    expectWholePages(followUp, { marginMm: 12, landscape: false });

    step('事迹材料：长的牺牲经过印满两页以上，页码如公文「— n —」，标题不落在页底');
    const memorial = (await preview.rpc('honours.memorials.save', {
      name: '孙海燕',
      sex: '女',
      post: '专职社区工作者、第二网格网格员',
      diedAt: '2020-02-15T16:05:00.000Z',
      place: '和平社区第二网格卡点',
      circumstances: Array.from(
        { length: 12 },
        (_, n) => `第${n + 1}天，${long(150, '她白天入户排查，夜间在卡点值守，逐户登记返程人员，为独居老人送菜送药。')}`,
      ).join('\n'),
      cause: '突发疾病',
      deeds: long(800, '疫情发生后，她主动放弃春节休假，第一时间返回岗位，负责网格内六百余户居民的排查登记。'),
    })) as MemorialDetail;
    const deeds = await print(page, `#/print/honours-memorial?id=${memorial.id}`, page.getByRole('heading', { name: '孙海燕同志事迹材料' }), 'memorial', false);
    expect(deeds.length).toBeGreaterThan(1);
    expectWholePages(deeds, { marginMm: 12, landscape: false, footer: (n) => `—${n}—` });
    for (const [i, p] of deeds.entries()) {
      // A section heading is never the last line of a page.
      const heading = p.words.find((w) => /^[一二三四]、/.test(w.text));
      if (heading)
        expect(
          p.words.some((w) => w.yMin > heading.yMax + 1 && w.yMin < p.height - 12 * (72 / 25.4)),
          `第 ${i + 1} 页 ${heading.text}`,
        ).toBe(true);
    }

    step('表彰推荐审批表：一页的不印页码；主要事迹写满 8000 字时，第 2 页起印「第 n 页 共 N 页」，罕用字照印');
    const commend = (fill: number) =>
      preview.rpc('honours.commendations.save', {
        subjectKind: 'person',
        subjectName: '𠮷㐂欧阳娜娜',
        proposedTitle: '全省疫情防控先进个人',
        deeds: long(fill, '疫情发生后，𠮷㐂她主动放弃春节休假，第一时间返回岗位，负责网格内六百余户居民的排查登记。\n'),
        proposer: '和平社区居民委员会',
      }) as Promise<{ id: number }>;
    const formOf = async (id: number, name: string) =>
      print(page, `#/print/honours-commendation-form?id=${id}`, page.getByRole('heading', { name: '表彰推荐审批表' }), name, false);
    const short = await formOf((await commend(200)).id, 'commendation-short');
    expect(short.length).toBe(1);
    expect(pageFooter(short[0]!, 12)).toBeNull();
    const longForm = await formOf((await commend(8000)).id, 'commendation-long');
    expect(longForm.length).toBeGreaterThan(1);
    for (const [i, p] of longForm.entries()) {
      const where = `第 ${i + 1} 页`;
      expect(
        outsideMargins(p, 12).map((w) => w.text),
        where,
      ).toEqual([]);
      expect(pageFooter(p, 12), where).toBe(i === 0 ? null : `第${i + 1}页共${longForm.length}页`);
    }
    expect(longForm[0]!.text).toContain('𠮷㐂欧阳娜娜');
    // The first page is filled: 主要事迹 starts under the first rows and runs to the foot of page 1, not moved whole to
    // page 2 and leaving page 1 with a title and two rows (a row that may not split, print.css).
    const first = longForm[0]!;
    expect(first.text).toContain('疫情发生后');
    const lowest = Math.max(...first.words.map((w) => w.yMax));
    expect(first.height - lowest, '第 1 页的空白（点）').toBeLessThan(12 * (72 / 25.4) + 40);
  });
});
