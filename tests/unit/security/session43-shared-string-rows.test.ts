/**
 * The twenty-ninth attack run (session 43) on #14's import surfaces: an .xlsx cell names a shared string by its number,
 * so a few bytes of sheet can stand for a long text as often as the file likes. A clerk previews and commits a file a
 * colleague sent: every row refused (its cells too long for any field), and every refused row is kept as written, for
 * the preview's list and 保存退回表格 (import_rejected_rows).
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_SENT_BACK_CHARS } from '../../../electron/core/io/import/cells';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { minimalWorkbook, SHEET_CLOSE, SHEET_OPEN } from '../hardening/zip';
import { scratch, seedOrg } from '../import/files';

let t: TestLedger;
afterEach(() => t?.close());

const MAPPING = ['community', 'grid', 'name', 'idNumber', 'phone', 'address', 'tags'];
const HEAD = ['社区', '网格', '姓名', '身份证号', '电话', '住址', '特殊人群'];
const COLS = 'ABCDEFG';

/** `rows` data rows whose every cell names shared string 0, `text`. */
function sharedStringBook(rows: number, text: string): string {
  const head = `<row r="1">${HEAD.map((h, i) => `<c r="${COLS[i]}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('')}</row>`;
  const parts = [SHEET_OPEN, head];
  for (let r = 2; r <= rows + 1; r++) parts.push(`<row r="${r}">${[...COLS].map((c) => `<c r="${c}${r}" t="s"><v>0</v></c>`).join('')}</row>`);
  parts.push(SHEET_CLOSE);
  const sst = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${rows * 7}" uniqueCount="1"><si><t>${text}</t></si></sst>`;
  const path = join(scratch(), '居民.xlsx');
  writeFileSync(
    path,
    minimalWorkbook({ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(parts.join('')) }, [{ name: 'xl/sharedStrings.xml', data: Buffer.from(sst) }]),
  );
  return path;
}

/** The ledger folder's bytes (database, its log, keyring, anchor). */
const ledgerBytes = (): number => readdirSync(t.dir).reduce((n, f) => n + statSync(join(t.dir, f)).size, 0);

describe('rows sent back, each naming one long shared string', () => {
  // S43-A4 (medium-low; a crafted file, disk and memory): a 17 KB .xlsx of 1,000 rows whose cells all name one
  // 32,000-character shared string (under Excel's cell limit, so read) previewed in 8 s into a 160 MB reply, and its
  // commit (41 s) grew the ledger folder by 2 GB (982 MB database, 987 MB log): about 1 MB a row, so a 300 KB file of
  // 20,000 such rows asked for some 40 GB. Now the refused rows' text is bounded (cells.ts MAX_SENT_BACK_CHARS) and the
  // file is refused in words naming the row, nothing imported.
  it('S43-A4 (fixed): a 17 KB file asking for gigabytes of refused rows is refused at the preview in words, the ledger unchanged', async () => {
    t = await openTestLedger();
    await seedOrg(t);
    await t.sessionAs('clerk', 'clerk1');
    const path = sharedStringBook(1000, '张'.repeat(32_000));
    expect(statSync(path).size).toBeLessThan(40_000);
    const before = ledgerBytes();
    const input = { path, target: 'residents' as const, mapping: MAPPING };
    const r = await t.raw('import.preview', input, 'clerk1');
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringMatching(/到第 \d+ 行，不能导入的行里的文字已超过 3000 万字.*本次没有导入任何内容/) },
    });
    expect(ledgerBytes()).toBeLessThan(before + 4_000_000);
    expect((await t.raw('import.commit', { ...input, previewId: 'none' }, 'clerk1')).ok).toBe(false);
    expect(t.core.services.ledger.handle().prepare(`SELECT count(*) FROM import_rejected_rows`).pluck().get()).toBe(0);
  }, 120_000);

  it('held: the same file with the string short (a community’s name named by every cell) reads and sends every row back as written', async () => {
    t = await openTestLedger();
    await seedOrg(t);
    await t.sessionAs('clerk', 'clerk1');
    const pre = await t.call('import.preview', { path: sharedStringBook(1000, '东风社区'), target: 'residents', mapping: MAPPING }, 'clerk1');
    expect(pre.counts.rejected).toBe(1000);
    expect(pre.rejected[0]!.cells).toEqual(Array(7).fill('东风社区'));
    expect(MAX_SENT_BACK_CHARS).toBeGreaterThan(100_000 * 14 * 10);
  }, 120_000);
});
