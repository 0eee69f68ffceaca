/**
 * The twenty-eighth attack run (session 42) on the printed roster (renderer/src/features/rota/RosterPrint.tsx): a
 * day's cell lists its names as React children keyed by the name (`key={n.name}`), so two people of one name on one
 * shift (two 王建华 in a big community: not rare) share a key, and a tall row is cut between its lines and rendered
 * again (cutTallRow). React warns of a shared key and may leave a child out, or one too many, when the list is rendered
 * again. Printed through the preview's print route (Chromium's PDF, as roster-tall-shift.e2e.ts): is every person
 * printed as often as the calendar has them on duty?
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Calendar } from '../../electron/core/rota/types.shared';
import { ADMIN } from '../helpers/ledger';
import { UnlockPage } from './pages/auth-pages';
import { readPdf } from './support/pdf-audit';
import { preparedLedgerForEachAttempt } from './support/prepared-ledger';
import { OUTPUT_DIR } from './support/preview';

const WEEK = { from: '2020-02-17', to: '2020-02-23' };
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙'];
const GIVEN = ['建华', '秀兰', '志强', '海燕'];
/** 48 names of three characters, none inside another, and a second 王建华. */
const NAMES = [...SURNAMES.flatMap((s) => GIVEN.map((g) => `${s}${g}`)), '王建华'];
const phoneOf = (i: number): string => `1390371${String(1000 + i)}`;

describe('the printed roster with two people of one name on one shift', () => {
  const app = preparedLedgerForEachAttempt({
    withLedger: async (t) => {
      const c = (await t.call('org.communities.save', { name: '幸福社区' })).id;
      const early = (await t.call('rota.shifts.list', {}))[0]!.id;
      await t.call('rota.posts.save', {
        communityId: c,
        name: '幸福家园封控值守',
        kind: 'duty',
        location: '幸福家园小区',
        requirements: [{ shiftId: early, headcount: 40 }],
      });
      for (const [i, name] of NAMES.entries()) await t.call('rota.staff.save', { name, kind: 'community_worker', communityId: c, phone: phoneOf(i) });
      await t.call('rota.generate', WEEK);
    },
  });

  it('held: each 王建华 printed as often as the calendar has them, every other name too', async () => {
    const { page, preview } = app;
    await page.goto(preview.url);
    await new UnlockPage(page).unlock(ADMIN.username, ADMIN.password);
    await page.getByText(`${ADMIN.displayName}（统筹负责人）`).waitFor();
    const cal = (await preview.rpc('rota.calendar', WEEK)) as Calendar;
    const twins = cal.assignments.filter((a) => a.staffName === '王建华');
    const days = new Map<string, number>();
    for (const a of twins) days.set(a.day, (days.get(a.day) ?? 0) + 1);
    // Both on duty the same day at least once: the shared key in one cell.
    expect(Math.max(...days.values())).toBe(2);

    await page.evaluate(([f, t]) => (window.location.hash = `#/print/rota-roster?from=${f}&to=${t}`), [WEEK.from, WEEK.to]);
    await page.getByRole('region', { name: '幸福社区轮班表', exact: true }).waitFor();
    const pdf = join(OUTPUT_DIR, 'session42-roster-twins.pdf');
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdf, format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true });
    await page.emulateMedia({ media: 'screen' });
    const all = readPdf(pdf)
      .map((p) => p.text)
      .join('');
    const count = (name: string) => all.split(name).length - 1;
    expect(count('王建华')).toBe(twins.length);
    for (const name of NAMES.slice(1, -1)) expect(count(name), name).toBe(cal.assignments.filter((a) => a.staffName === name).length);
  });
});
