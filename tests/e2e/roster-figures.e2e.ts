/**
 * The demo office's whole A4 roster on paper (every community, 130 people on duty), read back from the PDF and
 * recounted against the calendar the 排班 screen shows: A4 landscape pages, nothing past the margins, each page
 * titled, and the 「缺 N 人」 printed summing to the positions the calendar counts open. A person who went on leave
 * after the rota was made is printed 「（请假）」 and their position counted open, as the calendar does.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../electron/core/demo/build-demo';
import type { Calendar } from '../../electron/core/rota/types.shared';
import { UnlockPage } from './pages/auth-pages';
import { demoLedgerForEachAttempt } from './support/demo-ledger';
import { outsideMargins, readPdf } from './support/pdf-audit';
import { OUTPUT_DIR } from './support/preview';

/** Sunday 1 March 2020, 10:00 in Beijing: the demo's fortnight runs 24 February – 8 March. */
const NOW = '2020-03-01T02:00:00.000Z';
const WEEK = { from: '2020-03-02', to: '2020-03-08' };

describe('the printed roster of the demo office, recounted', () => {
  const app = demoLedgerForEachAttempt(NOW, 300, { width: 1366, height: 768 });

  it('prints next week for every community on A4 with the calendar’s gaps, and a person gone on leave marked', async () => {
    const { page, preview } = app;
    await new UnlockPage(page).unlock(DEMO_USERS[0].username, DEMO_USERS[0].password);
    await page.getByText(`${DEMO_USERS[0].displayName}（统筹负责人）`).waitFor();
    const before = (await preview.rpc('rota.calendar', WEEK)) as Calendar;
    const one = before.assignments.find((a) => a.day === '2020-03-03')!;
    await preview.rpc('rota.leave.add', { staffId: one.staffId, from: '2020-03-03', to: '2020-03-03', reason: '病假' });
    const cal = (await preview.rpc('rota.calendar', WEEK)) as Calendar;
    const open = cal.open.reduce((n, o) => n + o.missing, 0);
    expect(open).toBe(before.open.reduce((n, o) => n + o.missing, 0) + 1);

    await page.evaluate(([f, t]) => (window.location.hash = `#/print/rota-roster?from=${f}&to=${t}`), [WEEK.from, WEEK.to]);
    await page.getByText(`${one.staffName}（请假）`).waitFor();
    const pdf = join(OUTPUT_DIR, 'roster-figures.pdf');
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdf, format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true });
    await page.emulateMedia({ media: 'screen' });
    const pages = readPdf(pdf);
    const communities = new Set(cal.posts.map((p) => p.communityId)).size;
    expect(pages.length).toBeGreaterThanOrEqual(communities);
    for (const [i, p] of pages.entries()) {
      expect([Math.round(p.width), Math.round(p.height)], `第 ${i + 1} 页`).toEqual([842, 595]);
      expect(
        outsideMargins(p, 10).map((w) => w.text),
        `第 ${i + 1} 页`,
      ).toEqual([]);
      expect(p.text, `第 ${i + 1} 页`).toMatch(/疫情防控值守轮班表/);
    }
    const all = pages.map((p) => p.text).join('');
    const printedGaps = [...all.matchAll(/缺(\d+)人/g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(printedGaps).toBe(open);
    expect(all).toContain(`${one.staffName}（请假）`);
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '2', pdf, join(OUTPUT_DIR, 'roster-figures')]);
  });
});
