/**
 * Eleventh attack run (session 25, docs/security/attack-run-session25.md, T1): what a pasted 接龙 or cells copied from
 * a chat can carry that no one sees: NUL, BEL and terminal escapes, a right-to-left override (U+202E) and a
 * zero-width space (U+200B). Today they are stored as they came, in names and addresses, from a paste and from
 * 登记 alike: 「李四\u200B」 is another name than 「李四」 to every exact match (the import's name checks, a
 * coordinator's search for the name as typed), and U+202E turns the rest of the name round wherever it is shown
 * (张‮三 reads as 张三 reversed from the override on: a name that is not what it shows). Exports are not broken by
 * them (ExcelJS drops C0 controls from the XML). Fixed by the lead: dropped at the door (electron/core/invisible.shared.ts), in
 * the contract's text fields and in every imported cell (normalise.ts cleanText).
 */
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger } from '../import/files';
import { residentsOf } from '../../helpers/sealed-residents';

const L = useImportLedger();
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;

describe('characters no one sees, pasted', () => {
  it('a pasted name or address with NUL, an escape, U+202E or U+200B is not stored with them (T1, fixed)', async () => {
    const text = [
      '姓名\t身份证号\t手机\t住址',
      `张\u202E三\t${makeIdNumber('410105', '1962-03-12', 17)}\t13803711002\t3号楼\u0000\u0007\u001b[31m红`,
      `李四\u200B\t${makeIdNumber('420106', '1990-07-01', 23)}\t13803711003\t幸福小区`,
    ].join('\n');
    const a = await L.t.call('import.inspect', { text, target: 'residents' });
    const mapping = a.mapping.map((m, i) => (i === 3 ? 'address' : m));
    const done = await L.t.raw('import.commit', { text, target: 'residents', mapping, constants: { community: '东风社区' } });
    // Refused (naming the row) or cleaned: either way nothing hidden is stored.
    const stored = residentsOf(L.t).flatMap((r) => [r.name, (r as { address?: string | null }).address ?? '']);
    expect(done.ok === false || stored.every((s) => !HIDDEN.test(s))).toBe(true);
    expect(stored.some((s) => HIDDEN.test(s))).toBe(false);
  });

  it('登记 by hand: a name with U+202E is not stored with it (T1, fixed)', async () => {
    const saved = await L.t.raw('residents.save', { communityId: L.org.dongfeng, name: '赵\u202E六', idNumber: makeIdNumber('410102', '1970-01-01', 51) });
    expect(saved.ok === true && HIDDEN.test((saved.value as { name: string }).name)).toBe(false);
  });
});
