/**
 * The twenty-eighth attack run (session 42) on the printed roster (renderer/src/features/rota/RosterPrint.tsx): a
 * day's cell lists its names as React children keyed by the name (`key={n.name}`), so two people of one name on one
 * shift (two 王建华 in a big community: not rare) share a key, and a tall row is cut between its lines and rendered
 * again (cutTallRow). React warns of a shared key and may leave a child out, or one too many, when the list is rendered
 * again. Printed through the preview's print route (Chromium's PDF, as roster-tall-shift.e2e.ts): is every person
 * printed as often as the calendar has them on duty?
 */
import { describe, expect, it } from 'vitest';
import type { Calendar } from '../../electron/core/rota/types.shared';
import { ADMIN } from '../helpers/ledger';
import { UnlockPage } from './pages/auth-pages';
import { FORTY_EIGHT_NAMES, ledgerWithOneBigShift, printRoster } from './pages/roster-print-page';
import { readPdf } from './support/pdf-audit';
import { preparedLedgerForEachAttempt } from './support/prepared-ledger';

const WEEK = { from: '2020-02-17', to: '2020-02-23' };
/** 48 names of three characters, none inside another, and a second 王建华. */
const NAMES = [...FORTY_EIGHT_NAMES, '王建华'];

describe('the printed roster with two people of one name on one shift', () => {
  const app = preparedLedgerForEachAttempt({
    withLedger: (t) => ledgerWithOneBigShift(t, NAMES, WEEK),
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

    const pdf = await printRoster(page, WEEK, 'session42-roster-twins');
    const all = readPdf(pdf)
      .map((p) => p.text)
      .join('');
    const count = (name: string) => all.split(name).length - 1;
    expect(count('王建华')).toBe(twins.length);
    for (const name of NAMES.slice(1, -1)) expect(count(name), name).toBe(cal.assignments.filter((a) => a.staffName === name).length);
  });
});
