/**
 * Hostile .xlsx: 1,000+ generated zips (random entries, and a valid
 * workbook with flipped bytes, truncated, or with its entries swapped or
 * renamed) through import.inspect and import.preview. Every file gets a
 * result or a typed Chinese refusal, never a crash and never INTERNAL.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listZipEntries, readZipEntry } from '../../../electron/core/io/import/zip-probe';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { scratch, seedOrg, writeXlsx } from '../import/files';
import { expectAnsweredOrTypedRefusal } from './hostile';
import { buildZip, type RawEntry } from './zip';

let t: TestLedger;
let dir: string;
let valid: Buffer;
let validEntries: RawEntry[];
beforeAll(async () => {
  t = await openTestLedger();
  await seedOrg(t);
  dir = scratch();
  const path = await writeXlsx(join(dir, 'valid.xlsx'), [
    {
      name: '志愿者',
      rows: [
        ['姓名', '类别'],
        ['欧阳娜娜', '志愿者'],
        ['龚鑫', '社工'],
        [{ formula: 'A2' }, 42],
      ],
    },
  ]);
  valid = readFileSync(path);
  validEntries = listZipEntries(valid).map((e) => ({ name: e.name, data: readZipEntry(valid, e) }));
});
afterAll(() => t.close());

const NAMES = [
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  'xl/worksheets/sheet1.xml',
  'xl/sharedStrings.xml',
  '[Content_Types].xml',
  'xl/worksheets/sheet2.xml',
];
const XML_BITS = [
  '<sheet name="S" r:id="rId1"/>',
  '<Relationship Id="rId1" Target="worksheets/sheet1.xml"/>',
  '<row r="1">',
  '</row>',
  '<c r="A1" t="s"><v>0</v></c>',
  '<c t="inlineStr"><is><t>李</t></is></c>',
  '<si><t>姓名</t></si>',
  '&#x1F600;',
  '&#99999999;',
  '_x0000_',
  '<v>1e999</v>',
  '<c r="XFD1048576"><v>1</v></c>',
  '<',
  '>',
];
const randomEntry = fc.record({
  name: fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 20 })),
  data: fc.oneof(
    fc.array(fc.oneof(fc.constantFrom(...XML_BITS), fc.string({ maxLength: 8 })), { maxLength: 30 }).map((p) => Buffer.from(p.join(''))),
    fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
  ),
  method: fc.constantFrom<0 | 8>(0, 8),
});

type Mutation =
  | { kind: 'random'; entries: RawEntry[] }
  | { kind: 'flip'; flips: [number, number][] }
  | { kind: 'truncate'; at: number }
  | { kind: 'swap'; a: number; b: number; renameOnly: boolean };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.array(randomEntry, { maxLength: 5 }).map((entries) => ({ kind: 'random' as const, entries })),
  fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 6 }).map((flips) => ({ kind: 'flip' as const, flips })),
  fc.nat().map((at) => ({ kind: 'truncate' as const, at })),
  fc.record({ a: fc.nat(), b: fc.nat(), renameOnly: fc.boolean() }).map((s) => ({ kind: 'swap' as const, ...s })),
);

function apply(m: Mutation): Buffer {
  switch (m.kind) {
    case 'random':
      return buildZip(m.entries);
    case 'flip': {
      const out = Buffer.from(valid);
      for (const [pos, x] of m.flips) out[pos % out.length] = out[pos % out.length]! ^ x;
      return out;
    }
    case 'truncate':
      return valid.subarray(0, 1 + (m.at % (valid.length - 1)));
    case 'swap': {
      const entries = validEntries.map((e) => ({ ...e }));
      const a = entries[m.a % entries.length]!;
      const b = entries[m.b % entries.length]!;
      if (m.renameOnly) [a.name, b.name] = [b.name, a.name];
      else [a.data, b.data] = [b.data, a.data];
      return buildZip(entries);
    }
  }
}

describe('hostile .xlsx files', () => {
  it('1,000 random and mutated workbooks: inspect and preview answer or refuse with a typed Chinese error, never crash', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const path = join(dir, `m${n++ % 8}.xlsx`);
        writeFileSync(path, apply(m));
        expectAnsweredOrTypedRefusal(await t.raw('import.inspect', { path, target: 'staff' }), `import.inspect (${m.kind})`);
        expectAnsweredOrTypedRefusal(await t.raw('import.preview', { path, target: 'staff', mapping: ['name', 'kind'] }), `import.preview (${m.kind})`);
      }),
      { numRuns: 1000 },
    );
    expect((t.core.services.ledger.handle().prepare('SELECT count(*) AS n FROM staff').get() as { n: number }).n).toBe(0);
  });
});
