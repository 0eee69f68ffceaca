/**
 * The printed forms on the demo ledger, as the coordinator prints them: A4 PDFs through Chromium, read back page
 * by page (pdftotext) and turned into PNGs in test-output/ to look at. Each form: one community per sheet where it
 * says so, its header repeated, its signature lines on the page of its table, its figures the core's.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { DEMO_USERS } from '../../electron/core/demo/build-demo';
import type { Requisition } from '../../electron/core/supplies/contract';
import { UnlockPage } from './pages/auth-pages';
import { step } from './support/attempt';
import { demoLedgerForEachAttempt } from './support/demo-ledger';
import { OUTPUT_DIR } from './support/preview';

const NOW = '2020-02-17T02:00:00.000Z'; // 10:00 in 郑州, a Monday
const SCREEN = { width: 1366, height: 768 };

/** Prints the document at `hash` once `ready` shows (text, or a locator for what only the new document has), and gives its pages' text (spaces removed), page by page. */
async function printPages(page: Page, hash: string, ready: string | Locator, name: string, landscape = false): Promise<string[]> {
  await page.evaluate((h) => (window.location.hash = h), hash);
  await (typeof ready === 'string' ? page.getByText(ready) : ready).first().waitFor();
  const pdf = join(OUTPUT_DIR, `forms-${name}.pdf`);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdf, format: 'A4', landscape, printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  execFileSync('pdftoppm', ['-png', '-r', '80', pdf, join(OUTPUT_DIR, `forms-${name}`)]);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())![1]);
  return Array.from({ length: pages }, (_, i) =>
    execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), pdf, '-'])
      .toString()
      .replace(/[ \t]+/g, ''),
  );
}

const count = (text: string, words: string) => text.split(words).length - 1;

describe('the printed forms at A4, on the demo ledger', () => {
  const app = demoLedgerForEachAttempt(NOW, 500, SCREEN);

  it('each form: a sheet per community, headers repeated, signature lines with their table, the core’s figures', async () => {
    const { page, preview } = app;
    const admin = DEMO_USERS[0];
    await new UnlockPage(page).unlock(admin.username, admin.password);
    await page.getByText(`${admin.displayName}（统筹负责人）`).waitFor();

    step('今日随访清单：每个社区一页，签字栏与本社区的表在同一页');
    const followUp = await printPages(page, '#/print/caseload-followup', '今日随访清单', 'followup');
    expect(followUp.length).toBeGreaterThan(3);
    for (const [n, text] of followUp.entries()) {
      expect(count(text, '今日随访清单'), `第 ${n + 1} 页`).toBe(1);
      // The office's own sheet is signed by the office (街道负责人), each community's by the community.
      const signer = text.includes('街道本级事项') ? '街道负责人：' : '社区负责人：';
      expect(count(text, signer), `第 ${n + 1} 页`).toBe(1);
      expect(count(text, '负责人：'), `第 ${n + 1} 页`).toBe(1);
      // 序号 and 网格 on one line each: the narrow columns are not squeezed to a character a line.
      expect(text, `第 ${n + 1} 页`).toContain('序号');
    }
    // The office's own items (honours reports) are the office's sheet, not a community called 「—」.
    expect(followUp[0]).toContain('街道本级事项');
    // A late line says, as a person would, when it was due and how late it is (it printed no due day at all), and the
    // report of a death names the day of the death rather than 「（应于 <that day>）」.
    const sheets = followUp.join('');
    // (The 说明 cell wraps, and the PDF's text interleaves the columns of a wrapped row: the start of the note is checked.)
    expect(sheets).toMatch(/（应于\d+月\d+日，已/);
    expect(sheets).not.toMatch(/应于\s*\d{4}-/);

    step('物资需求申请：表头每页重复，合计与各社区相符，申请单位留联系电话');
    const req = (await preview.rpc('supplies.requisition', {})) as Requisition;
    expect(req.items.length).toBeGreaterThan(0);
    const requisition = await printPages(page, '#/print/supplies-requisition', '防控物资需求申请', 'requisition');
    for (const [n, text] of requisition.entries()) if (n < requisition.length - 1 || text.includes('缺口合计')) expect(text).toContain('缺口数量');
    const all = requisition.join('');
    for (const item of req.items) {
      expect(item.communities.reduce((s, c) => s + c.shortfall, 0)).toBe(item.totalShortfall);
      expect(all).toContain(`缺口合计${item.totalShortfall}${item.unit}`);
      expect(all).toContain(`申请数量${item.requested}${item.unit}`);
    }
    expect(requisition.at(-1)).toContain('联系电话：');
    expect(requisition.at(-1)).toContain('申请单位（盖章）');

    step('轮班表：两周，每页有表头，每个社区的签字栏在其最后一页');
    const roster = await printPages(
      page,
      '#/print/rota-roster?from=2020-02-10&to=2020-02-23',
      page.getByRole('columnheader', { name: /^02-10/ }),
      'roster',
      true,
    );
    for (const [n, text] of roster.entries()) expect(text, `第 ${n + 1} 页`).toContain('岗位（地点）');
    expect(count(roster.join(''), '社区负责人（签字）')).toBe(count(roster.join(''), '疫情防控值守轮班表》'));
  });
});
