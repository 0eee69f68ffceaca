/**
 * A CSV file's rows were read in one turn of the core: decoded whole (an 80 MB GB18030 file 1.7 s), then split with the
 * pipeline breathing only every 2,000 rows, and import.inspect's head not at all: three rows of 32 million letters
 * (96 MB) held every other window 3.9 s (S31-A3b's unquoted control, seventeenth attack run). Now decoded a megabyte at a
 * time and split a chunk of records at a time, the thread given back between (source.ts, jobs.ts inSteps), as a paste is.
 * Not timed: the tests ask whether another window's call is answered before the reading ends (pasted-list-steps.test.ts).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { useImportLedger } from './files';

const L = useImportLedger();

/** A header and three rows of 200 cells of 10,000 letters each: 6 million letters, few rows (a breath every 2,000 rows never came). */
function fewLongRows(): string {
  const long = Array.from({ length: 200 }, () => '东'.repeat(10_000)).join(',');
  const rows = ['张三', '李四', '王五'].map((name, i) => `${name},1380371100${i},${long}`);
  return ['姓名,联系电话,住址', ...rows, ''].join('\r\n');
}

/** Whether another window's auth.whoami is answered before `reading` ends; what the reading answered. */
async function answeredWhile(reading: (clerk: string) => Promise<unknown>): Promise<{ answeredFirst: boolean; result: unknown }> {
  const clerk = await L.t.sessionAs('clerk', 'wangwu');
  const viewer = await L.t.sessionAs('viewer', 'zhaoliu');
  let done = false;
  const read = reading(clerk).finally(() => (done = true));
  await new Promise<void>((resolve) => setImmediate(resolve));
  expect(await L.t.raw('auth.whoami', {}, viewer)).toMatchObject({ ok: true });
  const answeredFirst = !done;
  return { answeredFirst, result: await read };
}

describe('a CSV file is read in steps', () => {
  // Red before (w50-import): the inspection answered first, the viewer after it.
  it('a GBK file of three rows of 2 million letters: another window is answered while import.inspect reads it', async () => {
    const path = join(L.dir, '东风社区.csv');
    writeFileSync(path, iconv.encode(fewLongRows(), 'gbk'));
    const { answeredFirst, result } = await answeredWhile((clerk) => L.t.raw('import.inspect', { path, target: 'residents' }, clerk));
    expect(result).toMatchObject({ ok: true, value: { format: 'csv', encoding: 'gb18030', headers: ['姓名', '联系电话', '住址'] } });
    expect(answeredFirst).toBe(true);
  }, 120_000);

  // Red before: the preview's own breath comes every 2,000 rows; these three were read, decoded and split in one turn.
  it('the same rows in UTF-8: another window is answered while import.preview reads them, and the rows are the file’s', async () => {
    const path = join(L.dir, '东风社区.csv');
    writeFileSync(path, fewLongRows());
    const { mapping } = await L.t.call('import.inspect', { path, target: 'residents' });
    const input = { path, target: 'residents' as const, mapping, constants: { community: '东风社区' } };
    const { answeredFirst, result } = await answeredWhile((clerk) => L.t.raw('import.preview', input, clerk));
    expect(result).toMatchObject({ ok: true });
    expect(answeredFirst).toBe(true);
    // Each row read whole, numbered as the file's: its 住址 of 10,000 letters is too long for the field.
    const pre = await L.t.call('import.preview', input);
    expect(pre.counts).toMatchObject({ total: 3, rejected: 3 });
    expect(pre.rejected.map((r) => [r.rowNumber, r.reasons])).toEqual(
      [2, 3, 4].map((row) => [row, [{ field: '住址', message: '最多 200 个字，这里有 10000 个' }]]),
    );
  }, 120_000);
});
