/**
 * The printed A4 roster (排班 › 打印轮班表) as Chromium prints it to PDF through the preview's print route: the app's
 * 打印 uses Electron's printToPDF, which cannot run here. And the ledger the big-shift tests print: one community, one
 * post whose 早班 wants 40 people, the given names on it, a week planned by 自动排班.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { TestLedger } from '../../helpers/ledger';
import { OUTPUT_DIR } from '../support/preview';

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙'];
const GIVEN = ['建华', '秀兰', '志强', '海燕'];
/** 48 names of three characters, none inside another (a count of one in a page's text is a count of that person). */
export const FORTY_EIGHT_NAMES: readonly string[] = SURNAMES.flatMap((s) => GIVEN.map((g) => `${s}${g}`));
export const BIG_SHIFT_POST = '幸福家园封控值守';

/** 幸福社区 with one post of 40 on its first shift, `names` as its community workers, `week` planned. */
export async function ledgerWithOneBigShift(
  t: TestLedger,
  names: readonly string[],
  week: { from: string; to: string },
  location = '幸福家园小区',
): Promise<void> {
  const c = (await t.call('org.communities.save', { name: '幸福社区' })).id;
  const early = (await t.call('rota.shifts.list', {}))[0]!.id;
  await t.call('rota.posts.save', { communityId: c, name: BIG_SHIFT_POST, kind: 'duty', location, requirements: [{ shiftId: early, headcount: 40 }] });
  for (const [i, name] of names.entries())
    await t.call('rota.staff.save', { name, kind: 'community_worker', communityId: c, phone: `1390371${String(1000 + i)}` });
  await t.call('rota.generate', week);
}

/** Opens the print route for `week`, waits for `community`'s roster, and prints it to test-output/<name>.pdf (its path). */
export async function printRoster(page: Page, week: { from: string; to: string }, name: string, community = '幸福社区'): Promise<string> {
  await page.evaluate(([f, t]) => (window.location.hash = `#/print/rota-roster?from=${f}&to=${t}`), [week.from, week.to]);
  await page.getByRole('region', { name: `${community}轮班表`, exact: true }).waitFor();
  const pdf = join(OUTPUT_DIR, `${name}.pdf`);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdf, format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  return pdf;
}
