/**
 * The twenty-eighth attack run (session 42): a CSV read in an encoding other than its own (session 41's "not tried"):
 * a GBK file with UTF-8 chosen in the wizard, a UTF-8 file with one stray byte (with its BOM: read as UTF-8; without:
 * `detectEncoding` finds it is not UTF-8 and reads GB18030). Previewed and committed by clerk1: is any name stored
 * changed, with no row error?
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { UNREADABLE_BYTES } from '../../../electron/core/io/import/cells';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { scratch, seedOrg } from '../import/files';

let t: TestLedger;
afterEach(() => t?.close());

const MAPPING = ['community', 'grid', 'name', 'idNumber'];
const HEAD = '社区,网格,姓名,身份证号\r\n';
const line = (name: string, i: number): string => `东风社区,一网格,${name},${makeIdNumber('420106', '1970-01-01', i + 1)}\r\n`;
type Encoding = 'auto' | 'utf-8' | 'gb18030';
const input = (path: string, encoding: Encoding, previewId?: string) => ({
  path,
  target: 'residents' as const,
  mapping: MAPPING,
  encoding,
  ...(previewId ? { previewId } : {}),
});

async function ledger(): Promise<void> {
  t = await openTestLedger();
  await seedOrg(t);
  await t.sessionAs('clerk', 'clerk1');
}

/** Preview and commit as clerk1: each rejected row's fields and words, and the names stored. */
async function imported(bytes: Buffer, encoding: Encoding): Promise<{ rejected: string[]; names: string[] }> {
  const path = join(scratch(), '居民.csv');
  writeFileSync(path, bytes);
  const pre = await t.call('import.preview', input(path, encoding), 'clerk1');
  if (pre.previewId) await t.call('import.commit', input(path, encoding, pre.previewId), 'clerk1');
  return {
    rejected: pre.rejected.map((r) => r.reasons.map((x) => `${x.field}:${x.message}`).join(';')),
    names: t.core.services.ledger.handle().prepare(`SELECT name FROM residents ORDER BY id`).pluck().all() as string[],
  };
}

describe('a CSV read in another encoding than its own', () => {
  it('held: a GBK file with UTF-8 chosen: every row refused (its cells unreadable), no name stored', async () => {
    await ledger();
    const r = await imported(iconv.encode(HEAD + line('张三', 0) + line('李四', 1), 'gbk'), 'utf-8');
    expect(r.names).toEqual([]);
    expect(r.rejected).toHaveLength(2);
    for (const why of r.rejected) expect(why).toContain(UNREADABLE_BYTES);
  }, 60_000);

  it('held: a UTF-8 file (with its BOM) and one stray byte in a name: that row refused on 姓名, the other imported', async () => {
    await ledger();
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(HEAD + line('张三', 0)),
      Buffer.from('东风社区,一网格,李'),
      Buffer.from([0xff]),
      Buffer.from(`四,${makeIdNumber('420106', '1970-01-01', 2)}\r\n`),
    ]);
    const r = await imported(bytes, 'auto');
    expect(r.names).toEqual(['张三']);
    expect(r.rejected).toEqual([`姓名:${UNREADABLE_BYTES}`]);
  }, 60_000);

  it('held: a UTF-8 file without a BOM and one stray byte: read as GB18030, so nothing matches its communities: every row refused, no name stored changed', async () => {
    await ledger();
    const bytes = Buffer.concat([
      Buffer.from(HEAD + line('张三', 0)),
      Buffer.from('东风社区,一网格,李'),
      Buffer.from([0xff]),
      Buffer.from(`四,${makeIdNumber('420106', '1970-01-01', 2)}\r\n`),
    ]);
    const r = await imported(bytes, 'auto');
    expect(r.names).toEqual([]);
    expect(r.rejected).toHaveLength(2);
  }, 60_000);
});
