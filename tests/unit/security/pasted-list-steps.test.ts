/**
 * The thirteenth attack run (session 27), P1: a pasted 接龙 list is read in one go (io/import/paste.ts parsePasted).
 * The contract takes 5,000,000 letters: 990,000 lines of 「1.张三」 held the core thread 5.3 s at import.inspect (load 14),
 * no other window answered meanwhile, and again at import.preview (whose later steps give the thread back: 300,000
 * lines, 15 s, the longest wait beside it 2 s). A file of as many rows is read in steps. Not timed: the test asks
 * whether another window's call is answered before the inspection ends.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { splitPasted } from '../../../electron/core/io/import/paste';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t.close());

describe('a long pasted list', () => {
  // Fixed (w43-fixes): read in steps of PASTE_STEP_LINES lines (io/import/paste.ts pastedSteps), the thread given back between.
  it('300,000 numbered lines: another window is answered while import.inspect reads them', async () => {
    t = await openTestLedger();
    await t.call('org.communities.save', { name: '东风社区' });
    const clerk = await t.sessionAs('clerk', 'wangwu');
    const viewer = await t.sessionAs('viewer', 'zhaoliu');
    let inspected = false;
    const inspect = t.raw('import.inspect', { target: 'residents', text: '1.张三\n'.repeat(300_000) }, clerk).finally(() => (inspected = true));
    await new Promise<void>((resolve) => setImmediate(resolve));
    const who = await t.raw('auth.whoami', {}, viewer);
    expect(who).toMatchObject({ ok: true });
    const answeredFirst = !inspected;
    expect(await inspect).toMatchObject({ ok: true, value: { format: 'paste' } });
    expect(answeredFirst).toBe(true);
  }, 120_000);

  // w45-import: pasted cells were split by papaparse over the whole text in one turn (800,000 rows ~2.6 s); now a step
  // at a time (paste.ts pastedRecords). 1,500 rows of 3,000 letters were read without one breath: fewer than a step's rows.
  it('1,500 pasted rows of cells, 4.5 million letters: another window is answered while import.inspect reads them', async () => {
    t = await openTestLedger();
    const clerk = await t.sessionAs('clerk', 'wangwu');
    const viewer = await t.sessionAs('viewer', 'zhaoliu');
    const row = (i: number) => `张${'三四五六七'[i % 5]}\t1380371${String(i).padStart(4, '0')}\t${'东'.repeat(2_980)}`;
    const text = ['姓名\t联系电话\t住址', ...Array.from({ length: 1_500 }, (_, i) => row(i))].join('\n');
    let inspected = false;
    const inspect = t.raw('import.inspect', { target: 'residents', text }, clerk).finally(() => (inspected = true));
    await new Promise<void>((resolve) => setImmediate(resolve));
    const who = await t.raw('auth.whoami', {}, viewer);
    expect(who).toMatchObject({ ok: true });
    const answeredFirst = !inspected;
    expect(await inspect).toMatchObject({ ok: true, value: { format: 'paste', headers: ['姓名', '联系电话', '住址'] } });
    expect(answeredFirst).toBe(true);
  }, 120_000);

  it('cells or a 接龙 list: decided letter by letter as the split lines decided it (blank as trim() says, a tab in half the rest)', () => {
    const pastes = ['a\u2029\tb\n\u3000', 'a\tb\n\u3000\n c', 'a\n\n\tb\nc\td', ' \t \n1. 张三', '\r\n\r\nx\ty\r\n', 'a\tb\nc\n\u00a0\t\n', '\ufeff1\t2\r3\r'];
    for (const raw of pastes) {
      const lines = raw
        .replace(/^\uFEFF/, '')
        .replace(/\r\n?/g, '\n')
        .split('\n');
      const filled = lines.filter((l) => l.trim() !== '');
      const kind = filled.filter((l) => l.includes('\t')).length * 2 >= filled.length ? 'cells' : 'list';
      expect(splitPasted(raw), JSON.stringify(raw)).toMatchObject({ kind, lines: lines.length });
    }
    expect(() => splitPasted(' \t\u3000\r\n\u2028')).toThrow('没有粘贴任何内容');
  });
});
