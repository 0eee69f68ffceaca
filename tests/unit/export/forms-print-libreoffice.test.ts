/**
 * forms.xlsx printed for real: LibreOffice (headless) turns the memorial form and the observation roster, 30 rows of
 * the office's kind each, into PDF, and the PDF's text is read page by page (poppler's pdftotext). Skipped where
 * LibreOffice or poppler is not installed (CI has neither): tests/unit/export/forms-print.test.ts holds the page setup
 * these pages come from. The scale is read only where Carlito (Calibri's metric twin) is installed: without it
 * LibreOffice measures columns in a wider fallback font and prints every sheet smaller than Excel or WPS would.
 * WPS, the office's own program, is not on the test machine.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { caseloadSummaryForm } from '../../../electron/core/io/export/forms/caseload-summary';
import { memorialCommendationsForm } from '../../../electron/core/io/export/forms/memorial-commendations';
import { observationRosterForm } from '../../../electron/core/io/export/forms/observation-roster';
import type { FormDef } from '../../../electron/core/io/export/forms/types';
import { writeFormsWorkbook } from '../../../electron/core/io/export/workbook';
import { sampleRows } from '../../helpers/print-samples';

const has = (cmd: string, args: string[]): boolean => {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const OFFICE = has('soffice', ['--version']) && has('pdftotext', ['-v']);
const CARLITO = OFFICE && has('sh', ['-c', 'fc-list | grep -qi carlito']);
const dir = mkdtempSync(join(tmpdir(), 'forms-print-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The two widest forms, and the narrowest (portrait, 88 of 98 units): the one 水平居中 shows on. */
const FORMS: FormDef[] = [memorialCommendationsForm, observationRosterForm, caseloadSummaryForm];
const MULTI_PAGE = new Set([memorialCommendationsForm.id, observationRosterForm.id]);

/** Each form in a workbook of its own, printed to `<id>.pdf`; the PDF's pages as text. */
async function printAll(): Promise<Map<string, string[]>> {
  const files: string[] = [];
  for (const form of FORMS) {
    const bytes = await writeFormsWorkbook([{ form, rows: sampleRows(form, 30), headCount: '30 人' }], {
      officeName: '东风街道幸福里社区所在的东风街道办事处',
      period: { from: '2020-02-10', to: '2020-02-16' },
      madeOn: '2020-02-17',
      correction: false,
    });
    const file = join(dir, `${form.id}.xlsx`);
    writeFileSync(file, bytes);
    files.push(file);
  }
  execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files], {
    stdio: 'ignore',
    timeout: 170_000,
  });
  const pages = new Map<string, string[]>();
  for (const form of FORMS) {
    const text = execFileSync('pdftotext', ['-layout', join(dir, `${form.id}.pdf`), '-'], { encoding: 'utf8' });
    pages.set(
      form.id,
      text.split('\f').filter((p) => p.trim() !== ''),
    );
  }
  return pages;
}

describe.skipIf(!OFFICE)('forms.xlsx printed by LibreOffice', () => {
  let pages: Map<string, string[]>;

  it('prints every page with the title, 填报单位, every column’s header, and its page number', { timeout: 180_000 }, async () => {
    pages = await printAll();
    for (const form of FORMS) {
      const printed = pages.get(form.id)!;
      if (MULTI_PAGE.has(form.id)) expect(printed.length, form.title).toBeGreaterThan(1);
      printed.forEach((page, i) => {
        const flat = page.replace(/\s+/g, '');
        expect(flat, `${form.title} 第 ${i + 1} 页`).toContain(form.title);
        expect(flat).toContain('填报单位：');
        // A column cut onto a page of its own would leave the first column's header off that page, or the last's.
        for (const c of form.columns) expect(flat, `${form.title} 第 ${i + 1} 页「${c.header}」`).toContain(c.header.slice(0, 2));
        expect(flat).toContain(`第${i + 1}页`);
      });
      expect(printed.at(-1)!.replace(/\s+/g, '')).toContain('填报日期：2020-02-17');
    }
  });

  // Session 25: exceljs's streaming writer dropped 水平居中 and the narrow summary printed against the left margin.
  it('centres a narrow form on the paper, and breaks headers between words', () => {
    const words = (id: string) =>
      [
        ...execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', join(dir, `${id}.pdf`), '-'], { encoding: 'utf8' }).matchAll(
          /xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]+)</g,
        ),
      ].map((m) => ({ xMin: Number(m[1]), xMax: Number(m[2]), text: m[3]! }));
    const pageWidth = 595.3; // A4 portrait, points
    // The title is centred over the whole table: centred on the page, so is the table.
    const title = words(caseloadSummaryForm.id).find((w) => w.text === caseloadSummaryForm.title)!;
    expect(Math.abs((title.xMin + title.xMax) / 2 - pageWidth / 2), '标题（表格）中线与纸张中线之差，磅').toBeLessThan(3);
    // 「本期已监测（天）」 in a column 7 wide: 「本期」「已监测」「（天）」, never 「本期已监测（」 over 「天）」.
    const roster = words(observationRosterForm.id).map((w) => w.text);
    expect(roster).toEqual(expect.arrayContaining(['已监测', '漏检', '（天）']));
    expect(roster.filter((t) => /^本期.*（$|^天）$/.test(t))).toEqual([]);
  });

  // The header row is 11-point bold: its words' width on the page against 11 points a character is the print scale.
  it.skipIf(!CARLITO)('prints at 90 % or more of full size', { timeout: 60_000 }, () => {
    for (const form of FORMS) {
      const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', join(dir, `${form.id}.pdf`), '-'], { encoding: 'utf8' });
      const headers = new Set(form.columns.map((c) => c.header));
      const word = [...html.matchAll(/xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]+)</g)].find(
        (m) => headers.has(m[3]!) && /^[\u4e00-\u9fff]{4,}$/.test(m[3]!),
      );
      expect(word, `${form.title}: a four-character header on page 1`).toBeDefined();
      const scale = (Number(word![2]) - Number(word![1])) / (word![3]!.length * 11);
      expect(scale, `${form.title} 打印比例`).toBeGreaterThanOrEqual(0.9);
    }
  });
});
