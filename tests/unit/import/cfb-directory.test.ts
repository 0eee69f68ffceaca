/**
 * cfb-directory.ts: an .xls or .et's compound-file directory looked at in one linear pass before SheetJS reads it
 * (S30-A4: SheetJS's cost grows with the square of the directory's depth). Real workbooks pass with room to spare;
 * deep or huge directories and broken chains are refused in Chinese, naming the file.
 */
import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { cfbDirectoryShape, MAX_CFB_DEPTH, MAX_CFB_ENTRIES, oddDirectory } from '../../../electron/core/io/import/cfb-directory';
import { checkOleWorkbook, readXlsRows } from '../../../electron/core/io/import/read-xls';
import { biff8Bytes, macroBiff8, oleWith, STAFF_LIST, type LegacySheet } from './legacy-files';

const CFB = XLSX.CFB as {
  read: (data: Buffer, opts: { type: 'buffer' }) => unknown;
  write: (cfb: unknown, opts: { type: 'buffer' }) => Buffer;
  utils: { cfb_add: (cfb: unknown, path: string, content: Buffer) => void };
};

/** A real workbook with one more stream at each path (storages made on the way, as Excel makes them for embedded objects). */
function workbookWith(paths: string[], sheets: readonly LegacySheet[] = STAFF_LIST, bytes = (_path: string) => Buffer.from('x')): Buffer {
  const cfb = CFB.read(biff8Bytes(sheets), { type: 'buffer' });
  for (const path of paths) CFB.utils.cfb_add(cfb, path, bytes(path));
  return CFB.write(cfb, { type: 'buffer' });
}

/** `levels` storages one inside the next, a stream at the bottom. */
const nested = (levels: number): string => `${Array.from({ length: levels }, (_, i) => `/S${i + 1}`).join('')}/data`;

describe('cfb-directory: the directory of an .xls looked at before SheetJS reads it', () => {
  it('a real .xls, one with macros and one with an embedded object pass, their shape small and shallow', () => {
    for (const file of [biff8Bytes(STAFF_LIST), macroBiff8(STAFF_LIST), workbookWith(['/MBD0001/Ole', '/MBD0001/CONTENTS'])]) {
      const shape = cfbDirectoryShape(file);
      expect(shape).toMatchObject({ entries: expect.any(Number), depth: expect.any(Number) });
      if ('unreadable' in shape) throw new Error(shape.unreadable);
      expect(shape.entries).toBeGreaterThanOrEqual(2);
      expect(shape.entries).toBeLessThan(20);
      expect(shape.depth).toBeLessThanOrEqual(3);
      expect(oddDirectory(file)).toBeNull();
    }
    // Past this check the old refusals still speak: the macro workbook is refused as one.
    expect(() => checkOleWorkbook(macroBiff8(STAFF_LIST), '名单.xls')).toThrow(/含有宏/);
    expect(checkOleWorkbook(biff8Bytes(STAFF_LIST), '名单.xls')).toEqual([false]);
  });

  // S31-A2's check (every chain read from the FAT walked once, no sector met twice) on a file whose streams have chains
  // of their own: the Workbook stream, three embedded objects of 5,000 bytes and two small ones in the mini stream.
  it('a real .xls with several streams in the FAT and in the mini stream passes the chain check and reads as ever', () => {
    const sheets: LegacySheet[] = [{ name: '名单', rows: [['姓名', '类别'], ...Array.from({ length: 400 }, (_, i) => [`人员${i}`, '网格员'])] }];
    const big = ['/MBD0001/Ole', '/MBD0002/Ole', '/ObjectPool/_1/Ole10Native'];
    const file = workbookWith([...big, '/MBD0001/CONTENTS', '/MBD0002/CONTENTS'], sheets, (p) => Buffer.alloc(big.includes(p) ? 5000 : 100, 7));
    const entries = (CFB.read(file, { type: 'buffer' }) as { FileIndex: Array<{ type: number; size: number }> }).FileIndex.filter((e) => e.type === 2);
    expect(entries.filter((e) => e.size >= 4096).length).toBeGreaterThanOrEqual(4);
    expect(entries.filter((e) => e.size > 0 && e.size < 4096).length).toBeGreaterThanOrEqual(2);
    expect(oddDirectory(file)).toBeNull();
    const { rows } = readXlsRows(file, '名单.xls', '名单');
    expect([rows.length, rows[400]?.cells]).toEqual([401, ['人员399', '网格员']]);
  });

  it('entries nested deeper than the bound are refused before SheetJS, naming the file and the depth; at the bound they pass', () => {
    // `nested(n)` puts its stream n + 1 levels below the root.
    expect(oddDirectory(workbookWith([nested(MAX_CFB_DEPTH - 1)]))).toBeNull();
    const deep = workbookWith([nested(MAX_CFB_DEPTH)]);
    expect(cfbDirectoryShape(deep)).toMatchObject({ depth: MAX_CFB_DEPTH + 1 });
    expect(() => checkOleWorkbook(deep, '青松里社区名单.xls')).toThrow(
      new RegExp(`「青松里社区名单.xls」的内部目录异常（\\d+ 项、${MAX_CFB_DEPTH + 1} 层.*不是 Excel 工作簿。请在 WPS 中另存为 .xlsx 后再导入`),
    );
  });

  it('a directory of more entries than the bound is refused, whether linked or side by side', () => {
    const names = Object.fromEntries(Array.from({ length: MAX_CFB_ENTRIES + 5 }, (_, i) => [`s${i}`, Buffer.from('x')]));
    const wide = oleWith(names);
    // The root, the streams and SheetJS's own placeholder stream.
    const shape = cfbDirectoryShape(wide);
    expect('entries' in shape && shape.entries).toBeGreaterThan(MAX_CFB_ENTRIES + 5);
    expect(() => checkOleWorkbook(wide, '名单.et')).toThrow(/「名单.et」的内部目录异常（5\d\d 项、1 层/);
  });

  it('a directory chain that loops or a file cut short is refused as damaged, not walked for ever', () => {
    const file = Buffer.from(biff8Bytes(STAFF_LIST));
    const sectorSize = 1 << file.readUInt16LE(0x1e);
    const dirSector = file.readUInt32LE(0x30);
    const firstFatSector = file.readUInt32LE(0x4c);
    // The directory's first sector followed by itself.
    file.writeUInt32LE(dirSector, (firstFatSector + 1) * sectorSize + dirSector * 4);
    expect(cfbDirectoryShape(file)).toEqual({ unreadable: '目录链断开或循环' });
    expect(() => checkOleWorkbook(file, '名单.xls')).toThrow('「名单.xls」是损坏的 Office 文件（目录链断开或循环），无法读取');
    expect(() => checkOleWorkbook(biff8Bytes(STAFF_LIST).subarray(0, 300), '名单.xls')).toThrow(/是损坏的 Office 文件（文件头不完整）/);
  });
});
