/**
 * The district's rule for one office's packages (io/export/audit-heads.ts), on heads written out:
 * the cases the packages made by a ledger reach only slowly (a full list, a head kept without its
 * list, a row gone). The attacks themselves run on real ledgers in
 * tests/integration/export/district-audit-heads.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { EarlierHead } from '../../../electron/core/audit/contract';
import { auditHeadFlags, EARLIER_HEADS_LISTED, type SeenHead } from '../../../electron/core/io/export/audit-heads';

const period = { from: '2020-02-10', to: '2020-02-16' };
function pkg(key: string, day: string, lastId: number, earlier?: EarlierHead[], extra: Partial<SeenHead> = {}): SeenHead {
  const generatedAt = `${day}T01:00:00.000Z`;
  const head = { lastId, lastHash: `h${lastId}-${key}`, rows: lastId, at: generatedAt, intact: true, ...(earlier ? { earlier } : {}) };
  return { key, fingerprint: 'fp', officeName: '东风街道办事处', period, generatedAt, head, ...extra };
}
const entryFor = (p: SeenHead, hash: string | null = p.head.lastHash): EarlierHead => ({ at: p.generatedAt, lastId: p.head.lastId, hash });

describe('auditHeadFlags', () => {
  it('nothing to say when the later package lists the earlier one with the same hash', () => {
    const a = pkg('a', '2020-11-20', 100, []);
    const b = pkg('b', '2020-11-27', 150, [entryFor(a)]);
    expect(auditHeadFlags([a, b]).size).toBe(0);
  });

  it('another hash (or none: the row is gone) at the earlier package’s row is a fork, though the later log is longer', () => {
    const a = pkg('a', '2020-11-20', 100, []);
    for (const hash of ['other', null]) {
      const b = pkg('b', '2020-11-27', 150, [entryFor(a, hash)]);
      expect(auditHeadFlags([a, b]).get('b')).toContain('在第 100 条对不上');
    }
  });

  it('an earlier package with a list of its own must be listed by the later one', () => {
    const a = pkg('a', '2020-11-20', 100, []);
    const b = pkg('b', '2020-11-27', 150, []);
    expect(auditHeadFlags([a, b]).get('b')).toContain('这个包没有记着 11月20日 报送的包');
  });

  it('a head kept from an earlier 核验 (stored without its list) must be listed only when the list reaches past it', () => {
    const older = pkg('z', '2020-11-13', 50, []);
    const kept = pkg('a', '2020-11-20', 100, undefined, { earlier: true });
    expect(auditHeadFlags([pkg('b', '2020-11-27', 150, [])], [kept]).size).toBe(0);
    expect(auditHeadFlags([pkg('b', '2020-11-27', 150, [entryFor(older)])], [kept]).get('b')).toContain('以前核验过）：街道台账里那次上报的记录不见了');
  });

  it('a full list that does not reach back to the earlier package says nothing about it', () => {
    const a = pkg('a', '2020-11-20', 100, []);
    const full = Array.from({ length: EARLIER_HEADS_LISTED }, (_, i) => ({ at: `2020-11-2${1 + (i % 6)}T0${i % 10}:00:00.000Z`, lastId: 101 + i, hash: 'x' }));
    expect(auditHeadFlags([a, pkg('b', '2020-11-27', 400, full)]).size).toBe(0);
    expect(auditHeadFlags([a, pkg('b', '2020-11-27', 400, full.slice(1))]).get('b')).toContain('没有记着');
  });

  it('packages made before the lists are compared by their heads only; other keys not at all', () => {
    const a = pkg('a', '2020-11-20', 100);
    expect(auditHeadFlags([a, pkg('b', '2020-11-27', 150)]).size).toBe(0);
    expect(auditHeadFlags([a, pkg('b', '2020-11-27', 90)]).get('b')).toContain(
      '操作日志比 11月20日 报送的包（统计期 2月10日—2月16日）短（第 100 条 → 第 90 条）',
    );
    expect(auditHeadFlags([a, pkg('b', '2020-11-27', 90, undefined, { fingerprint: 'other' })]).size).toBe(0);
  });
});
