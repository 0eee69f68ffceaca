/**
 * Hostile CSV: 1,000+ generated files (random bytes, and random text full of
 * separators, quotes, BOMs and GBK bytes) through import.inspect and
 * import.preview. Every file gets an answer: a result or a typed refusal
 * in Chinese, never a crash and never INTERNAL; nothing is imported.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { scratch, seedOrg } from '../import/files';
import { expectAnsweredOrTypedRefusal } from './hostile';

let t: TestLedger;
let dir: string;
beforeAll(async () => {
  t = await openTestLedger();
  await seedOrg(t);
  dir = scratch();
});
afterAll(() => t.close());

const PIECES = [
  '姓名',
  '类别',
  '志愿者',
  '社工',
  '欧阳娜娜',
  ',',
  ',',
  '\t',
  ';',
  '|',
  '"',
  '""',
  '\r\n',
  '\n',
  '\r',
  ' ',
  '\uFEFF',
  '=1+1',
  '\u0000',
  '\u00e9',
  '𠮷',
  '\\',
  "'",
  '李',
];
const textish = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 60 })
  .map((parts) => parts.join(''));
const header = fc.constantFrom('', '姓名,类别\r\n', '姓名\t类别\n', '"姓名";"类别"\n');

/** The bytes of a hostile file: raw bytes, or text encoded as UTF-8 (with or without BOM), GBK or UTF-16LE, sometimes with a few bytes corrupted. */
const csvBytes = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 400 }).map((b) => Buffer.from(b)),
  fc
    .tuple(
      header,
      textish,
      fc.constantFrom('utf-8', 'utf-8-bom', 'gbk', 'utf-16le'),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
    )
    .map(([h, body, enc, flips]) => {
      const text = h + body;
      const bytes =
        enc === 'gbk'
          ? iconv.encode(text, 'gbk')
          : enc === 'utf-16le'
            ? Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')])
            : Buffer.from((enc === 'utf-8-bom' ? '\uFEFF' : '') + text, 'utf8');
      for (const [pos, v] of flips) if (bytes.length) bytes[pos % bytes.length] = v;
      return bytes.length ? bytes : Buffer.from(' ');
    }),
);

const staffCount = (): number => (t.core.services.ledger.handle().prepare('SELECT count(*) AS n FROM staff').get() as { n: number }).n;

describe('hostile CSV files', () => {
  it('1,000 generated files: inspect and preview answer or refuse with a typed Chinese error, never crash', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(csvBytes, fc.constantFrom('auto', 'utf-8', 'gb18030', 'utf-16le'), async (bytes, encoding) => {
        const path = join(dir, `f${n++ % 8}.csv`);
        writeFileSync(path, bytes);
        expectAnsweredOrTypedRefusal(await t.raw('import.inspect', { path, target: 'staff', encoding }), 'import.inspect');
        expectAnsweredOrTypedRefusal(await t.raw('import.preview', { path, target: 'staff', mapping: ['name', 'kind'], encoding }), 'import.preview');
      }),
      { numRuns: 1000 },
    );
    expect(staffCount()).toBe(0);
  });
});
