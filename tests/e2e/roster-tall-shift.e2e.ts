/**
 * One shift row of ≈ 40 names (a closed compound's 白班 at one post), taller than an A4 landscape page, printed through
 * the preview's print route (the app's 打印 uses Electron's printToPDF, which cannot run here: Chromium's print to
 * PDF via Playwright stands in, as in roster-big-community.e2e.ts) and rendered with pdftoppm -png -r 80. The row is
 * cut between names: each page repeats the title, the header (the dates), the post and the shift, 「（续）」 on the
 * rest; no name is cut through by a page's foot; every name is printed as often as the calendar has it on duty.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Roster } from '../../electron/core/rota/report-types.shared';
import type { Calendar } from '../../electron/core/rota/types.shared';
import { ADMIN } from '../helpers/ledger';
import { UnlockPage } from './pages/auth-pages';
import { BIG_SHIFT_POST, FORTY_EIGHT_NAMES, ledgerWithOneBigShift, printRoster } from './pages/roster-print-page';
import { outsideMargins, readPdf } from './support/pdf-audit';
import { preparedLedgerForEachAttempt } from './support/prepared-ledger';
import { OUTPUT_DIR } from './support/preview';

const WEEK = { from: '2020-02-17', to: '2020-02-23' };
const NAMES = FORTY_EIGHT_NAMES;
const POST = BIG_SHIFT_POST;

describe('the printed roster with one shift row of 40 names', () => {
  const app = preparedLedgerForEachAttempt({
    withLedger: (t) => ledgerWithOneBigShift(t, NAMES, WEEK, '幸福家园小区（12栋）'),
  });

  it('cuts the row between names, every page titled with its post and shift, every name as often as on the calendar', async () => {
    const { page, preview } = app;
    await page.goto(preview.url);
    await new UnlockPage(page).unlock(ADMIN.username, ADMIN.password);
    await page.getByText(`${ADMIN.displayName}（统筹负责人）`).waitFor();
    const cal = (await preview.rpc('rota.calendar', WEEK)) as Calendar;
    // The shift as the roster labels it (「早班 08:00–16:00」): only the label is taken from there, no figure.
    const shift = ((await preview.rpc('rota.roster', WEEK)) as Roster).communities[0]!.shifts[0]!.name;
    // The day with most people on the shift: the row is as tall as that day's cell.
    const perDay = new Map<string, number>();
    for (const a of cal.assignments) perDay.set(a.day, (perDay.get(a.day) ?? 0) + 1);
    expect(Math.max(...perDay.values())).toBeGreaterThanOrEqual(35);

    const pdf = await printRoster(page, WEEK, 'roster-tall-shift');
    execFileSync('pdftoppm', ['-png', '-r', '80', pdf, join(OUTPUT_DIR, 'roster-tall-shift')]);
    const pages = readPdf(pdf);
    expect(pages.length).toBeGreaterThan(1);
    const count = (text: string, name: string) => text.split(name).length - 1;
    for (const [i, p] of pages.entries()) {
      const at = `第 ${i + 1} 页`;
      expect([Math.round(p.width), Math.round(p.height)], at).toEqual([842, 595]);
      expect(
        outsideMargins(p, 10).map((w) => w.text),
        at,
      ).toEqual([]);
      const more = i === 0 ? '' : '（续）';
      expect(p.text, at).toContain(`幸福社区疫情防控值守轮班表${more}`);
      for (const head of ['岗位（地点）', '班次', '02-17周一', '02-23周日']) expect(p.text, `${at} 表头`).toContain(head);
      expect(p.text, `${at} 岗位`).toContain(`${POST}${more}`);
      // The shift's label, and on a continuation 「（续）」 three times: the title's, the post's and the shift's (on a
      // line under its label, so the column keeps its width).
      expect(p.text, `${at} 班次`).toContain(shift.replace(/\s/g, ''));
      expect(p.text.split('（续）').length - 1, `${at} （续）`).toBe(i === 0 ? 0 : 3);
      // Below the bottom margin only the page number: a name cut at the page's foot would run into it.
      expect(
        p.words
          .filter((w) => w.yMax > p.height - 10 * (72 / 25.4) + 1)
          .map((w) => w.text)
          .join(''),
        `${at} 页脚`,
      ).toBe(`第${i + 1}页共${pages.length}页`);
    }
    // Every name (and its phone, on the same line) as often as the calendar has it on duty, counted from the calendar's
    // own assignments, not the roster query.
    const all = pages.map((p) => p.text).join('');
    for (const name of NAMES) expect(count(all, name), name).toBe(cal.assignments.filter((a) => a.staffName === name).length);
    const gaps = [...all.matchAll(/缺(\d+)人/g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(gaps).toBe(cal.open.reduce((n, o) => n + o.missing, 0));
  });
});
