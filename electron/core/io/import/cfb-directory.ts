/**
 * The directory of an OLE compound file (.xls, .et), looked at in one linear pass before SheetJS's CFB reader sees it.
 * That reader builds every entry's full path by walking up to the root and then lowers each path, so its time and
 * memory grow with the square of the directory's depth (and, more slowly, of its length): 6,000 storages nested one
 * inside the next (a 776 KB file) held the core thread 26 s and took 1.2 GB of heap (sixteenth attack run, S30-A4).
 * A real workbook's directory has a handful of entries (Root Entry, Workbook, the two summary streams, a few more for
 * embedded objects) two or three levels deep; the bounds below are far above that and far below any cost.
 *
 * Layout ([MS-CFB] 2.2, 2.6): a 512-byte header (sector shift at 0x1E, the number of FAT sectors at 0x2C, the first
 * directory sector at 0x30, the first DIFAT sector and their number at 0x44 / 0x48, the first 109 FAT sector numbers at
 * 0x4C); sector n starts at (n + 1) × sector size; the FAT says which sector follows which; a directory entry is 128
 * bytes: its type at 66 (0 unused, 1 storage, 2 stream, 5 root), left and right siblings at 68 / 72, child at 76.
 */

/** Entries in use a directory may hold: a real .xls has fewer than 20, one with many embedded pictures a few dozen. */
export const MAX_CFB_ENTRIES = 512;
/** Levels below the root: a workbook's streams are one, a VBA project's or an embedded object's contents two or three. */
export const MAX_CFB_DEPTH = 12;

const HEADER_BYTES = 512;
const ENTRY_BYTES = 128;
const FAT_SECTORS_AT = 0x2c;
const FIRST_DIR_SECTOR_AT = 0x30;
const FIRST_DIFAT_SECTOR_AT = 0x44;
const DIFAT_SECTORS_AT = 0x48;
const HEADER_DIFAT_AT = 0x4c;
const HEADER_DIFAT_COUNT = 109;
/** Sector numbers above this are markers (end of chain, free, FAT, DIFAT), never a sector. */
const MAX_SECTOR_NUMBER = 0xfffffffa;
const NO_ENTRY = 0xffffffff;
/** End of chain and a free sector, as SheetJS reads sector numbers (signed). */
const END_OF_CHAIN_SIGNED = -2;
const FREE_SIGNED = -1;
/**
 * An entry of this size or more is read by SheetJS from the FAT chain at its start, whatever its type (`o.size >= 4096`
 * in read_directory); a start that is not where its own reading of the chains began is followed by get_sector_list,
 * which has no loop check and copies the rest of the chain for each such start (seventeenth attack run, S31-A2).
 */
const FAT_STREAM_MIN_BYTES = 4096;
const ROOT_ENTRY = 5;

/** What the directory holds, or why it could not be read (the caller refuses the file either way). */
export type CfbDirectoryShape = { entries: number; depth: number } | { unreadable: string };

/**
 * The number of entries in use in the directory's sectors (SheetJS reads every one, linked or not) and how many levels
 * below the root the deepest entry reached through child links is. Linear in the file's size; a loop in any chain stops it.
 */
export function cfbDirectoryShape(buf: Buffer): CfbDirectoryShape {
  if (buf.length < HEADER_BYTES) return { unreadable: '文件头不完整' };
  const shift = buf.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) return { unreadable: '扇区大小不正确' };
  const sectorSize = 1 << shift;
  const sectors = Math.floor((buf.length - HEADER_BYTES + sectorSize - 1) / sectorSize);
  const at = (sector: number): number | null => (sector >= 0 && sector < sectors ? (sector + 1) * sectorSize : null);
  if (!fatSectors(buf, sectorSize, at, sectors)) return { unreadable: '分配表不完整' };
  // The chains are followed through the FAT sectors as SheetJS lists them, not as the header's count says: it takes
  // every header entry up to the first negative one, whatever the count, so a count of 1 hid a loop in a second FAT
  // sector from this walk while SheetJS followed it (found on S31-A2's fix).
  const fatSectorList = fatAsSheetJsReadsIt(buf, sectorSize, at);
  if (!fatSectorList) return { unreadable: '分配表循环' };
  const perSector = sectorSize / 4;
  const next = (sector: number): number => {
    const fatSector = fatSectorList[Math.floor(sector / perSector)];
    const start = fatSector === undefined ? null : at(fatSector);
    if (start === null || start + sectorSize > buf.length) return NO_ENTRY;
    return buf.readUInt32LE(start + (sector % perSector) * 4);
  };
  // The directory's sectors, in chain order; a chain longer than the file has sectors is a loop.
  const entryAt: number[] = [];
  const seen = new Set<number>();
  for (let s = buf.readUInt32LE(FIRST_DIR_SECTOR_AT); s <= MAX_SECTOR_NUMBER; s = next(s)) {
    const start = at(s);
    if (start === null || seen.has(s)) return { unreadable: '目录链断开或循环' };
    seen.add(s);
    for (let e = start; e + ENTRY_BYTES <= Math.min(buf.length, start + sectorSize); e += ENTRY_BYTES) entryAt.push(e);
  }
  let entries = 0;
  for (const e of entryAt) if (buf[e + 66] !== 0) entries++;
  const chains = streamChains(buf, entryAt, next, at);
  if (chains) return { unreadable: chains };
  return { entries, depth: storageDepth(buf, entryAt) };
}

/**
 * The FAT chain of every entry SheetJS reads from the FAT, each sector met at most once across all of them: in a real
 * file no two streams share a sector and no chain loops. A loop (2.5 KB: SheetJS appended the same sectors until the
 * heap ran out and the process aborted) or chains that overlap (500 starts along one 2 MB chain: 1.8 GB copied) are
 * refused, as is a chain that leaves the file. Linear: the walk stops at the first sector met twice.
 */
function streamChains(buf: Buffer, entryAt: number[], next: (sector: number) => number, at: (sector: number) => number | null): string | null {
  const taken = new Set<number>();
  for (const e of entryAt) {
    if (buf[e + 66] === ROOT_ENTRY || buf.readInt32LE(e + 120) < FAT_STREAM_MIN_BYTES) continue;
    for (let s = buf.readInt32LE(e + 116); s >= 0; s = next(s) | 0) {
      if (taken.has(s)) return '数据链循环或重叠';
      if (at(s) === null) return '数据链指向文件之外';
      taken.add(s);
    }
  }
  return null;
}

/** The FAT's sector numbers: the header's 109, then the DIFAT chain's; null when a number points outside the file. */
function fatSectors(buf: Buffer, sectorSize: number, at: (sector: number) => number | null, sectors: number): number[] | null {
  const count = buf.readUInt32LE(FAT_SECTORS_AT);
  if (count > sectors) return null;
  const list: number[] = [];
  for (let i = 0; i < HEADER_DIFAT_COUNT && list.length < count; i++) list.push(buf.readUInt32LE(HEADER_DIFAT_AT + i * 4));
  let difat = buf.readUInt32LE(FIRST_DIFAT_SECTOR_AT);
  for (let n = buf.readUInt32LE(DIFAT_SECTORS_AT); list.length < count && n > 0 && difat <= MAX_SECTOR_NUMBER; n--) {
    const start = at(difat);
    if (start === null || start + sectorSize > buf.length) return null;
    for (let i = 0; i < sectorSize / 4 - 1 && list.length < count; i++) list.push(buf.readUInt32LE(start + i * 4));
    difat = buf.readUInt32LE(start + sectorSize - 4);
  }
  return list.every((s) => at(s) !== null) ? list : null;
}

/**
 * The FAT's sector numbers as SheetJS's CFB reader collects them (xlsx.mjs: the header's entries up to the first
 * negative one, then each DIFAT sector's entries up to an end-of-chain mark, following the chain while its count
 * lasts); null when the DIFAT chain loops. Linear: each DIFAT sector read once.
 */
function fatAsSheetJsReadsIt(buf: Buffer, sectorSize: number, at: (sector: number) => number | null): number[] | null {
  const list: number[] = [];
  for (let i = 0; i < HEADER_DIFAT_COUNT; i++) {
    const q = buf.readInt32LE(HEADER_DIFAT_AT + i * 4);
    if (q < 0) break;
    list.push(q);
  }
  const seen = new Set<number>();
  let left = buf.readInt32LE(DIFAT_SECTORS_AT);
  for (let difat = buf.readInt32LE(FIRST_DIFAT_SECTOR_AT); difat !== END_OF_CHAIN_SIGNED && difat !== FREE_SIGNED; left--) {
    const start = at(difat);
    if (start === null || start + sectorSize > buf.length) break;
    if (seen.has(difat)) return null;
    seen.add(difat);
    for (let i = 0; i < sectorSize / 4 - 1; i++) {
      const q = buf.readInt32LE(start + i * 4);
      if (q === END_OF_CHAIN_SIGNED) break;
      list.push(q);
    }
    if (left < 1) break;
    difat = buf.readInt32LE(start + sectorSize - 4);
  }
  return list;
}

/** Why the file is refused before SheetJS reads it (the words after its name), or null when its directory is ordinary. */
export function oddDirectory(buf: Buffer): string | null {
  const shape = cfbDirectoryShape(buf);
  if ('unreadable' in shape) return `是损坏的 Office 文件（${shape.unreadable}），无法读取`;
  if (shape.entries <= MAX_CFB_ENTRIES && shape.depth <= MAX_CFB_DEPTH) return null;
  return `的内部目录异常（${shape.entries} 项、${shape.depth} 层；Excel 工作簿的目录只有几项到几十项、两三层），不是 Excel 工作簿`;
}

/** How many levels deep the tree under the root goes (siblings at one level, a child one below); each entry met once. */
function storageDepth(buf: Buffer, entryAt: number[]): number {
  if (entryAt.length === 0) return 0;
  const level = new Map<number, number>([[0, 0]]);
  const queue = [0];
  let deepest = 0;
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    const e = entryAt[id]!;
    const here = level.get(id)!;
    deepest = Math.max(deepest, here);
    const links: [number, number][] = [
      [buf.readUInt32LE(e + 68), here],
      [buf.readUInt32LE(e + 72), here],
      [buf.readUInt32LE(e + 76), here + 1],
    ];
    for (const [to, depth] of links) {
      if (to < entryAt.length && !level.has(to)) {
        level.set(to, depth);
        queue.push(to);
      }
    }
  }
  return deepest;
}
