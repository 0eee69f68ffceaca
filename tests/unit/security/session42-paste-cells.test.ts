/**
 * The twenty-eighth attack run (session 42): S41-A3's cell check (cells.ts checkedText) on the pasted list (import.preview
 * with `text`, 粘贴的名单): a name holding U+FFFD or half a surrogate pair, pasted by clerk1 (a Windows clipboard is
 * UTF-16 and carries a lone surrogate as well as any other code unit). Refused naming 姓名, or silently changed?
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { seedOrg } from '../import/files';

let t: TestLedger;
afterEach(() => t?.close());

const MAPPING = ['community', 'grid', 'name', 'idNumber'];
const pasted = (names: string[]): string =>
  ['社区\t网格\t姓名\t身份证号', ...names.map((n, i) => `东风社区\t一网格\t${n}\t${makeIdNumber('420106', '1970-01-01', i + 1)}`)].join('\n');

describe('a pasted list with characters no file decoder would pass', () => {
  it('a name with U+FFFD or half a surrogate pair: its row refused on 姓名, never stored changed', async () => {
    t = await openTestLedger();
    await seedOrg(t);
    await t.sessionAs('clerk', 'clerk1');
    const text = pasted(['张\ufffd三', '李\ud800四', '王五']);
    const pre = await t.call('import.preview', { text, target: 'residents', mapping: MAPPING }, 'clerk1');
    if (pre.previewId) await t.call('import.commit', { text, target: 'residents', mapping: MAPPING, previewId: pre.previewId }, 'clerk1');
    const names = t.core.services.ledger.handle().prepare(`SELECT name FROM residents ORDER BY id`).pluck().all() as string[];
    const rejected = pre.rejected.map((r) => `${r.rowNumber}:${r.reasons.map((x) => x.field).join()}`);
    expect(names).toEqual(['王五']);
    expect(rejected).toEqual(['2:姓名', '3:姓名']);
  }, 60_000);
});
