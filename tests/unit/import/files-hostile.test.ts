import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { scratch, seedOrg, writeCsv, writeXlsx } from './files';

let t: TestLedger;
let dir: string;
beforeEach(async () => {
  t = await openTestLedger();
  await seedOrg(t);
  dir = scratch();
});
afterEach(() => t.close());

const mapping = ['name', 'kind'];
const staffCount = (): number => (t.core.services.ledger.handle().prepare('SELECT count(*) AS n FROM staff').get() as { n: number }).n;

async function refusal(path: string): Promise<string> {
  const e = await t.fail('import.preview', { path, target: 'staff', mapping });
  expect(e.code).not.toBe('INTERNAL');
  const c = await t.fail('import.commit', { path, target: 'staff', mapping });
  expect(c.code).not.toBe('INTERNAL');
  expect(staffCount()).toBe(0);
  return e.message;
}

describe('hostile and broken files', () => {
  it('refuses an empty file, a header-only file and binary garbage with a clear message', async () => {
    writeFileSync(join(dir, 'empty.xlsx'), '');
    expect(await refusal(join(dir, 'empty.xlsx'))).toContain('是空的');
    const header = await writeXlsx(join(dir, 'h.xlsx'), [{ name: 'S', rows: [['姓名', '类别']] }]);
    expect(await refusal(header)).toContain('只有表头');
    writeFileSync(join(dir, 'junk.csv'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    expect(await refusal(join(dir, 'junk.csv'))).toContain('不是表格文件');
  });

  it('tells old .xls/.et apart by their bytes and asks to save as .xlsx', async () => {
    writeFileSync(join(dir, '名单.xlsx'), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2000)]));
    expect(await refusal(join(dir, '名单.xlsx'))).toMatch(/另存为.*xlsx/);
  });

  it('refuses a zip that is not a workbook', async () => {
    const { deflateRawSync } = await import('node:zlib');
    const data = deflateRawSync(Buffer.from('hello'));
    const name = Buffer.from('readme.txt');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(5, 22);
    local.writeUInt16LE(name.length, 26);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(8, 10);
    cen.writeUInt32LE(data.length, 20);
    cen.writeUInt32LE(5, 24);
    cen.writeUInt16LE(name.length, 28);
    const cdOffset = local.length + name.length + data.length;
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(1, 8);
    eocd.writeUInt16LE(1, 10);
    eocd.writeUInt32LE(cen.length + name.length, 12);
    eocd.writeUInt32LE(cdOffset, 16);
    writeFileSync(join(dir, 'z.xlsx'), Buffer.concat([local, name, data, cen, name, eocd]));
    expect(await refusal(join(dir, 'z.xlsx'))).toContain('不是 Excel 工作簿');
  });

  it('uses a formula cell’s saved result and rejects one without a result', async () => {
    const path = await writeXlsx(join(dir, 'f.xlsx'), [
      {
        name: 'S',
        rows: [
          ['姓名', '类别'],
          [{ formula: 'CONCAT("李","娜")', result: '李娜' }, '志愿者'],
          [{ formula: 'A2' }, '志愿者'],
        ],
      },
    ]);
    const pre = await t.call('import.preview', { path, target: 'staff', mapping });
    expect(pre.counts).toMatchObject({ created: 1, rejected: 1 });
    expect(pre.rejected[0]!.reasons[0]!.message).toContain('公式');
  });

  it('rejects a row with a 50 MB cell without failing the rest', async () => {
    const path = join(dir, 'big.csv');
    writeFileSync(path, `姓名,类别\n李娜,志愿者\n${'长'.repeat((50 * 1024 * 1024) / 3)},志愿者\n`);
    const pre = await t.call('import.preview', { path, target: 'staff', mapping });
    expect(pre.counts).toMatchObject({ created: 1, rejected: 1 });
    expect(pre.rejected[0]!.reasons[0]!.message).toContain('超过 Excel 单元格上限');
    expect(pre.rejected[0]!.cells[0]!.length).toBeLessThan(300);
  });

  it('refuses dates out of range and impossible dates per cell', async () => {
    const { parseDay } = await import('../../../electron/core/io/import/normalise');
    expect(parseDay('2020年2月30日').ok).toBe(false);
    const { readField } = await import('../../../electron/core/io/import/values');
    const f = { key: 'd', label: '返程日期', kind: 'day', synonyms: [] } as const;
    const lookups = { communities: new Map<string, number>(), communityNames: new Map<number, string>(), grids: new Map<string, number>() };
    expect(readField(f, '1850-01-01', lookups)).toMatchObject({ ok: false });
    expect(readField(f, 3_000_000, lookups)).toMatchObject({ ok: false });
    expect(readField(f, 43878, lookups)).toEqual({ ok: true, value: '2020-02-17' });
  });

  it('reads GBK and UTF-8 (with and without BOM) CSV alike, and lets the user override', async () => {
    const rows = [
      ['姓名', '类别'],
      ['欧阳娜娜', '志愿者'],
      ['龚鑫', '社工'],
    ];
    for (const enc of ['gbk', 'utf-8', 'utf-8-bom'] as const) {
      const path = writeCsv(join(dir, `${enc}.csv`), rows, enc);
      const ins = await t.call('import.inspect', { path, target: 'staff' });
      expect(ins.sample[0]![0]).toBe('欧阳娜娜');
      expect(ins.encoding).toBe(enc === 'gbk' ? 'gb18030' : 'utf-8');
    }
    const forced = await t.call('import.inspect', { path: join(dir, 'gbk.csv'), target: 'staff', encoding: 'utf-8' });
    expect(forced.encoding).toBe('utf-8');
    expect(forced.sample[0]![0]).not.toBe('欧阳娜娜');
  });
});
