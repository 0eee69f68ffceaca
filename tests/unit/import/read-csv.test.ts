/**
 * A CSV is split only when its rows are read (a commit that finds its preview
 * staged reads the bytes for their hash, not their rows), and its size for the
 * progress bar comes from the line breaks of the bytes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it, vi } from 'vitest';
import { countLines, csvRows, decodeSteps, decodeText, type TextEncodingName } from '../../../electron/core/io/import/read-csv';
import { openSource } from '../../../electron/core/io/import/source';
import { scratch } from './files';
import { gb18030Read } from './gb18030-reference';

describe('reading a CSV', () => {
  it('numbers the records as the file does, keeps a blank line inside, and drops the empty record a trailing newline leaves', () => {
    const rows = [...csvRows('姓名,电话\r\n张三,13803711002\r\n\r\n李四,\r\n')];
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['姓名', '电话'] },
      { rowNumber: 2, cells: ['张三', '13803711002'] },
      { rowNumber: 3, cells: [null] },
      { rowNumber: 4, cells: ['李四', null] },
    ]);
    expect([...csvRows('姓名\n张三')].map((r) => r.cells)).toEqual([['姓名'], ['张三']]);
  });

  it('a U+FEFF is a byte order mark only at the file’s start: one opening a record in the middle stays, whatever chunk it opens', () => {
    // 4,000 records are one chunk (read-csv.ts): record 4,001 opens the second. papaparse drops a U+FEFF opening what it is given.
    const lines = [
      '姓名,电话',
      ...Array.from({ length: 4_005 }, (_, i) => `${i === 3_999 || i === 10 ? '\uFEFF' : ''}张${i},1380371${String(i).padStart(4, '0')}`),
    ];
    const rows = [...csvRows(lines.join('\r\n'))];
    expect(rows[11]!.cells[0]).toBe('\uFEFF张10');
    expect(rows[4_000]).toEqual({ rowNumber: 4_001, cells: ['\uFEFF张3999', '13803713999'] });
  });

  it('decoded a piece at a time, the text is the one decoded whole: characters cut at a piece’s edge, marks, bad bytes', () => {
    /** As the bytes were decoded before (w50-import: in one go). */
    const whole = (buf: Buffer, e: TextEncodingName) =>
      e === 'utf-8'
        ? new TextDecoder('utf-8').decode(buf).replace(/^\uFEFF/, '')
        : e === 'gb18030'
          ? gb18030Read(buf)
          : iconv.decode(buf, e, { stripBOM: true });
    const stepped = (buf: Buffer, e: TextEncodingName, step: number) => {
      const steps = decodeSteps(buf, e, step);
      for (let s = steps.next(); ; s = steps.next()) if (s.done) return s.value;
    };
    const text = '\uFEFF姓名,住址\r\n张三,东风社区𠀀3号楼 ①\r\n\uFEFF李四,"幸福村\n2组"\r\n';
    const files: [TextEncodingName, Buffer][] = [
      ['utf-8', Buffer.from(text)],
      ['utf-8', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
      ['utf-8', Buffer.concat([Buffer.from('张三'), Buffer.from([0xe5, 0xbc]), Buffer.from(',李四\n')])],
      ['gb18030', iconv.encode(text, 'gb18030')],
      ['gb18030', Buffer.concat([iconv.encode('张三,', 'gb18030'), Buffer.from([0x81, 0x30, 0x81]), iconv.encode('李四', 'gb18030')])],
      ['utf-16le', iconv.encode(text, 'utf-16le', { addBOM: true })],
    ];
    let seed = 11;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
    const encodings = ['utf-8', 'gb18030', 'utf-16le'] as const;
    // iconv-lite lost a four-byte GB18030 character (𠀀, 😀, é) cut across pieces: such a piece now ends after a comma or line break.
    const letters = ['a', '张', '𠀀', '😀', 'é', '①', '\u3000', '\r\n', ',', '"'];
    for (let k = 0; k < 300; k++) {
      const e = encodings[k % 3]!;
      const random = Array.from({ length: 1 + (rnd() % 30) }, () => letters[rnd() % letters.length]).join('');
      files.push([e, k % 10 === 0 ? Buffer.from(Array.from({ length: 64 }, rnd)) : iconv.encode(random, e)]);
    }
    for (const [e, buf] of files)
      for (const step of [1, 2, 3, 4, 5, 7, 1 << 20]) expect(stepped(buf, e, step), `${e} ${buf.toString('hex').slice(0, 40)} /${step}`).toBe(whole(buf, e));
  });

  it('a GB18030 file with no comma or line break for megabytes is still decoded a piece at a time, each cut between characters (S33-A2)', () => {
    // A header line, then 8 MB of 东 (B6 AB): no byte below 0x30 after the first line, so a piece found no place to end.
    const buf = Buffer.concat([iconv.encode('姓名,住址\r\n', 'gb18030'), Buffer.alloc(8 << 20, Buffer.from([0xb6, 0xab]))]);
    const steps = decodeSteps(buf, 'gb18030');
    let pieces = 0;
    let s = steps.next();
    for (; !s.done; s = steps.next()) pieces++;
    expect(pieces).toBeGreaterThanOrEqual(8);
    expect(s.value).toBe(`姓名,住址\r\n${'东'.repeat(4 << 20)}`);
    // Cut by walking the characters: texts and bad bytes with no byte below 0x30 (digits, 0x30–0x39, open four-byte
    // characters), pieces of 1–7 bytes looking 0–3 bytes past them, decoded as whole.
    const stepped = (b: Buffer, step: number, search: number) => {
      const g = decodeSteps(b, 'gb18030', step, search);
      for (let x = g.next(); ; x = g.next()) if (x.done) return x.value;
    };
    let seed = 33;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
    const letters = ['a', '7', '张', '𠀀', '😀', 'é', '①', '\u3000', '东'];
    for (let k = 0; k < 300; k++) {
      const b =
        k % 3 === 0
          ? Buffer.from(Array.from({ length: 48 }, () => 0x30 + (rnd() % 0xd0)))
          : iconv.encode(Array.from({ length: 1 + (rnd() % 30) }, () => letters[rnd() % letters.length]).join(''), 'gb18030');
      for (const step of [1, 2, 3, 4, 5, 7])
        for (const search of [0, 1, 3]) expect(stepped(b, step, search), `${b.toString('hex')} /${step} +${search}`).toBe(gb18030Read(b));
    }
  });

  it('GB18030 read by the native decoder gives iconv-lite’s text, code by code: every one- and two-byte code, every four-byte one', () => {
    const stepped = (b: Buffer, step: number) => {
      const g = decodeSteps(b, 'gb18030', step);
      for (let x = g.next(); ; x = g.next()) if (x.done) return x.value;
    };
    // Each code alone in its piece (a piece ends after the comma past its step): the 18 two-byte codes the native
    // decoder reads otherwise (A6D9…, FE59…), stray and cut bytes (81 2C, FF), 0x80 (€ to both).
    const short: number[] = [];
    for (let a = 0; a < 256; a++) short.push(a, 0x2c);
    for (let a = 0x81; a <= 0xfe; a++) for (let b = 0; b < 256; b++) if (b !== 0x2c) short.push(a, b, 0x2c);
    const shortBuf = Buffer.from(short);
    expect(stepped(shortBuf, 1)).toBe(iconv.decode(shortBuf, 'gb18030'));
    // Four-byte codes, lead digit lead digit (1,587,600, a third of them no character: 84 31 A5 30…, E3…), ten to a piece.
    const four = Buffer.alloc(126 * 10 * 126 * 10 * 5);
    let at = 0;
    for (let a = 0x81; a <= 0xfe; a++)
      for (let b = 0x30; b <= 0x39; b++)
        for (let c = 0x81; c <= 0xfe; c++)
          for (let d = 0x30; d <= 0x39; d++) at = four.writeUInt8(0x2c, four.writeUInt8(d, four.writeUInt8(c, four.writeUInt8(b, four.writeUInt8(a, at)))));
    expect(stepped(four, 50)).toBe(gb18030Read(four));
    // A whole text: marks kept (iconv-lite drops none in GB18030), iconv-lite's private-use letter for A6D9 among names.
    const text = '\uFEFF姓名,住址\r\n张三,东风社区𠀀3号楼\r\n\uFEFF李四,\uE78D幸福村\r\n';
    expect(stepped(iconv.encode(text, 'gb18030'), 1 << 20)).toBe(text);
  });

  it('GB18030 four-byte codes that are no character read U+FFFD, never a character iconv-lite made of them (S41-A3); those on either side of each range read as they are', () => {
    const read = (...hex: string[]) => decodeText(Buffer.concat(hex.map((h) => Buffer.from(h, 'hex'))), 'gb18030');
    // The BMP's last (U+FFFF), the first and last with no character, U+10000, U+10FFFF, the first past it, the last code.
    expect([...read('8431a439', '2c', '8431a530', '2c', '8f39fe39', '2c', '90308130', '2c', 'e3329a35', '2c', 'e3329a36', '2c', 'fe39fe39')]).toEqual([
      '\uFFFF',
      ',',
      '\uFFFD',
      ',',
      '\uFFFD',
      ',',
      '\u{10000}',
      ',',
      '\u{10FFFF}',
      ',',
      '\uFFFD',
      ',',
      '\uFFFD',
    ]);
    // Beside characters in the same piece.
    expect(decodeText(Buffer.concat([iconv.encode('周', 'gb18030'), Buffer.from('8431a530', 'hex'), iconv.encode(',赵𠀀', 'gb18030')]), 'gb18030')).toBe(
      '周\uFFFD,赵𠀀',
    );
  });

  it('GB18030 with no native decoder (a runtime whose ICU lacks it) is read by iconv-lite alone, the same text', () => {
    const real = globalThis.TextDecoder;
    vi.stubGlobal(
      'TextDecoder',
      class extends real {
        constructor(label?: string, options?: ConstructorParameters<typeof TextDecoder>[1]) {
          if (label === 'gb18030') throw new RangeError(`The "${label}" encoding is not supported`);
          super(label, options);
        }
      },
    );
    try {
      const buf = Buffer.concat([iconv.encode('姓名,住址\r\n张三,东风社区𠀀3号楼\r\n', 'gb18030'), Buffer.from([0xa6, 0xd9, 0x81, 0x2c])]);
      const steps = decodeSteps(buf, 'gb18030', 4);
      let s = steps.next();
      while (!s.done) s = steps.next();
      expect(s.value).toBe(iconv.decode(buf, 'gb18030'));
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('counts lines from the bytes, with or without a final line break', () => {
    expect(countLines(Buffer.from('a\nb\nc\n'))).toBe(3);
    expect(countLines(Buffer.from('a\r\nb\r\nc'))).toBe(3);
    expect(countLines(iconv.encode('姓名\r\n张三\r\n', 'gbk'))).toBe(2);
  });

  it('opens a GBK file with its size from the bytes, and gives the same rows each time they are read', async () => {
    const path = join(scratch(), '东风社区.csv');
    writeFileSync(path, iconv.encode('姓名,身份证号\r\n张三,410105196203120178\r\n王五,\r\n', 'gbk'));
    const source = openSource({ path });
    expect(source).toMatchObject({ format: 'csv', encoding: 'gb18030', estimatedRows: 3 });
    const read: (string | null)[][] = [];
    for await (const r of source.rows()) read.push(r.cells as (string | null)[]);
    expect(read).toEqual([
      ['姓名', '身份证号'],
      ['张三', '410105196203120178'],
      ['王五', null],
    ]);
    // A second reading (preview, then a commit without a staged preview) gives the same rows.
    let again = 0;
    for await (const _ of source.rows()) again++;
    expect(again).toBe(3);
  });
});
