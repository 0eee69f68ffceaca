/**
 * A 周五 重点人员周报 set up on Thursday 20 February, the ledger then opened on Monday 2 March, 10:00 in Beijing, with a
 * folder for the packages: the office of report-answer-choice.test.ts and security/session49-report-answers.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { seedSmallOffice } from './fixture';

export const WEEKLY = { title: '重点人员周报', recipient: '区疫情防控指挥部', formIds: ['caseload-summary'], dueTime: '17:00' };

export interface WeeklyReportOffice {
  t: TestLedger;
  /** The folder packages are written to. */
  out: string;
  /** The 周五 report's schedule. */
  id: number;
  close: () => void;
}

export async function weeklyReportOffice(folderPrefix: string): Promise<WeeklyReportOffice> {
  const t = await openTestLedger({ now: '2020-02-20T02:00:00.000Z' });
  seedSmallOffice(t);
  const out = mkdtempSync(join(tmpdir(), folderPrefix));
  const s = await t.call('export.schedules.save', { ...WEEKLY, weekday: 4 });
  await admitAt(t, '2020-03-02T02:00:00.000Z');
  return {
    t,
    out,
    id: s.id,
    close: () => {
      t.close();
      rmSync(out, { recursive: true, force: true });
    },
  };
}
