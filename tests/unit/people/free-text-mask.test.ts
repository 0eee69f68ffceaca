/**
 * The one rule for an ID number or phone typed into free text (people/free-text-mask.ts): each shape the 接龙 reader
 * reads is masked as the ID and phone fields are; what only looks like digits (dates, timestamps, counts, hashes,
 * masks already made) is left as written.
 */
import { describe, expect, it } from 'vitest';
import { maskNumbersInReply, maskNumbersInText } from '../../../electron/core/people/free-text-mask';

describe('an ID number or phone in free text, masked', () => {
  it.each([
    ['已联系家属 13803711002', '已联系家属 138****1002'],
    ['已联系家属13803711002，明天复查', '已联系家属138****1002，明天复查'],
    ['电话 138 0371 1002', '电话 138****1002'],
    ['电话 138-0371-1002', '电话 138****1002'],
    ['电话 138\u30000371\u30001002', '电话 138****1002'],
    ['电话 138－0371－1002', '电话 138****1002'],
    ['身份证 410102－19710101－0511', '身份证 4101**********0511'],
    ['+86 13803711002', '+86 138****1002'],
    ['008613803711002', '0086138****1002'],
    ['电话：１３８０３７１１００２', '电话：138****1002'],
    ['هاتف ١٣٨٠٣٧١١٠٠٢', 'هاتف 138****1002'],
    ['身份证410102197101010511已核', '身份证4101**********0511已核'],
    ['身份证 410102 19710101 0511', '身份证 4101**********0511'],
    ['身份证 41010219710101051x', '身份证 4101**********051X'],
    ['身份证 41010219710101051Ｘ', '身份证 4101**********051X'],
    ['老证 410102710101051', '老证 4101*******1051'],
    ['座机 0371-66668888 转 2', '座机 037******8888 转 2'],
    ['两个：13803711002、13903712003', '两个：138****1002、139****2003'],
  ])('%s → %s', (typed, shown) => {
    expect(maskNumbersInText(typed)).toBe(shown);
  });

  it.each([
    '2020-02-14 复查阴性',
    '2020-02-14T08:00:00.000Z',
    '20200214083000123',
    '202002140830001',
    '共 12345678 元',
    '138****1002',
    '4101**********0511',
    'a3f13803711002bc9e13803711002aa77e0d1c2b3a4f5e6d7c8b9a0',
    '3号楼2单元1101室',
    '',
  ])('%s is left as written', (text) => {
    expect(maskNumbersInText(text)).toBe(text);
  });

  it('walks a reply at any depth and copies only what changes', () => {
    const untouched = { id: 7, rows: [{ note: '无' }], at: '2020-02-14' };
    const typed = { id: 1, reason: '已联系 13803711002' };
    const reply = { page: { rows: [typed, untouched], total: 2 }, n: 13803711002 };
    const shown = maskNumbersInReply(reply);
    expect(shown.page.rows[0]).toEqual({ id: 1, reason: '已联系 138****1002' });
    expect(shown.page.rows[1]).toBe(untouched);
    expect(typed.reason).toBe('已联系 13803711002');
    expect(maskNumbersInReply(untouched)).toBe(untouched);
  });
});
