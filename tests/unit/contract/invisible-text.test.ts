/**
 * Every typed text field drops the characters nobody sees (electron/core/invisible.shared.ts; eleventh attack run,
 * T1) before its length is checked, and keeps what people do see: rare characters, their variation selectors, emoji.
 */
import { describe, expect, it } from 'vitest';
import { requiredText, text } from '../../../electron/core/contract';
import { dropInvisible } from '../../../electron/core/invisible.shared';
import { cleanText } from '../../../electron/core/io/import/normalise';

describe('characters nobody sees', () => {
  it('are dropped from typed text, and text of nothing else is empty', () => {
    expect(text(40).parse(' 张\u202E三\u200B ')).toBe('张三');
    expect(requiredText(40).parse('\u0000李\u001b[31m四\u2066')).toBe('李[31m四');
    expect(requiredText(40).safeParse('\u200B\u202E\uFEFF').success).toBe(false);
    // Counted after: 40 characters of name and one override fit in 40.
    expect(requiredText(40).safeParse('一'.repeat(40) + '\u202E').success).toBe(true);
  });

  it('keeps rare characters, variation selectors, line breaks and emoji (their zero-width joiners dropped)', () => {
    const seen = '𠮷野家 䶮\u{E0100} 葛\u{E0101}\n第二行 👨‍👩‍👧';
    expect(dropInvisible(seen)).toBe(seen.replace('\u200D', '').replace('\u200D', ''));
    expect(dropInvisible('堃')).toBe('堃');
  });

  it('are dropped from every imported cell', () => {
    expect(cleanText('3号楼\u0000\u0007 红\u200F')).toBe('3号楼 红');
    expect(cleanText('李四\u200B')).toBe('李四');
  });
});
