/**
 * Looks inside a zip before any library unpacks it: the central directory
 * gives every entry's sizes, so a zip bomb or a giant shared-string table is
 * refused without inflating a byte, and xl/workbook.xml tells the sheets.
 */
import { inflateRawSync } from 'node:zlib';
import { badInput } from '../../errors';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;

const BROKEN_ZIP = '文件是损坏的压缩包，无法读取。请在 WPS 或 Excel 中重新另存为 .xlsx。';
/** A real workbook has a few dozen entries; tens of thousands means a crafted file meant to exhaust memory. */
const MAX_ENTRIES = 10_000;

/** Entry names that could climb out of a folder if anyone ever unpacked them: refused outright. */
export function unsafeEntryName(name: string): boolean {
  return name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name) || name.split(/[\\/]/).includes('..') || name.includes('\0');
}

export function listZipEntries(buf: Buffer): ZipEntry[] {
  const min = Math.max(0, buf.length - 65_557);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw badInput('文件是损坏的压缩包（找不到目录），无法读取。请在 WPS 或 Excel 中重新另存为 .xlsx。');
  const count = buf.readUInt16LE(eocd + 10);
  if (count > MAX_ENTRIES) throw badInput(`压缩包里有 ${count} 个文件，不像正常的 Excel 工作簿，已拒绝读取。`);
  let p = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CEN_SIG) throw badInput(BROKEN_ZIP);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    if (p + 46 + nameLen > buf.length) throw badInput(BROKEN_ZIP);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (unsafeEntryName(name)) throw badInput(`压缩包里有指向文件夹之外的路径「${name.slice(0, 80)}」，这是恶意构造的文件，已拒绝读取。`);
    entries.push({
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      localHeaderOffset: buf.readUInt32LE(p + 42),
      name,
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The stored bytes of an entry, after checking its local header lies inside the file (a damaged or crafted zip may point anywhere). */
export function entryBody(buf: Buffer, e: ZipEntry): Buffer {
  const p = e.localHeaderOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== 0x04034b50)
    throw badInput(`压缩包中的「${e.name}」已损坏，无法读取。请在 WPS 或 Excel 中重新另存为 .xlsx。`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  if (start + e.compressedSize > buf.length) throw badInput(`压缩包中的「${e.name}」不完整（文件可能被截断），无法读取。`);
  if (e.method !== 0 && e.method !== 8) throw badInput('工作簿使用了不支持的压缩方式。请在 WPS 或 Excel 中重新另存为 .xlsx。');
  return buf.subarray(start, start + e.compressedSize);
}

/**
 * Inflates a small entry. The output may not exceed what the directory
 * declares: the declared size is what the bomb checks looked at, so an entry
 * that lies about it is refused rather than inflated.
 */
export function readZipEntry(buf: Buffer, e: ZipEntry): Buffer {
  const raw = entryBody(buf, e);
  if (e.method === 0) return Buffer.from(raw);
  try {
    return inflateRawSync(raw, { maxOutputLength: Math.max(e.uncompressedSize, 1) + 1024 });
  } catch (err) {
    if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw badInput(`压缩包中的「${e.name}」解压后比目录中登记的大小还大（压缩炸弹或恶意构造的文件），已拒绝读取。`);
    throw badInput(`压缩包中的「${e.name}」已损坏，无法解压。请在 WPS 或 Excel 中重新另存为 .xlsx。`);
  }
}

export interface SheetInfo {
  name: string;
  /** 1-based N of xl/worksheets/sheetN.xml, which exceljs's streaming reader reports. */
  fileNumber: number;
  /** Uncompressed size of the sheet's XML, for the memory check. */
  xmlBytes: number;
  /** Hidden in Excel or WPS (state="hidden" or "veryHidden"): a template's lists of choices, not the data. */
  hidden?: boolean;
}

/**
 * What an XML entity between `&` and `;` stands for (lt … apos, #65, #x41): here and in read-xlsx.ts's cell text. A
 * reference past U+10FFFF (&#x110000;, a long run of digits) or a name in capitals (&LT;, which the sheet names'
 * expression lets through) is no character: U+FFFD, so a cell holding it is refused naming its row (cells.ts
 * checkedText). String.fromCodePoint's RangeError failed the whole file as 程序内部出错 (S42-A1).
 */
export function xmlEntity(e: string): string {
  if (e === 'lt') return '<';
  if (e === 'gt') return '>';
  if (e === 'amp') return '&';
  if (e === 'quot') return '"';
  if (e === 'apos') return "'";
  const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
  return code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
}

const decodeXml = (s: string): string => s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => xmlEntity(e));

/**
 * An entry's text up to its last '>': every tag the expressions below find ends at a '>', so none is lost, and an
 * opening left without one (`<sheet` × 30,000 at the end: each attempt scanned to the end, 12 s for 180 KB, S29-A2)
 * is no longer tried at all.
 */
const tagsText = (bytes: Buffer): string => {
  const text = bytes.toString('utf8');
  return text.slice(0, text.lastIndexOf('>') + 1);
};

/** An attribute's value in a tag, in double or single quotes as XML allows (S52-A3: single ones were not read). */
function attribute(tag: string, name: string, empty = false): string | undefined {
  const m = new RegExp(`\\b${name}=(?:"([^"]${empty ? '*' : '+'})"|'([^']${empty ? '*' : '+'})')`).exec(tag);
  return m ? (m[1] ?? m[2]) : undefined;
}

const unreadableSheet = (name: string | null): string =>
  `工作簿里的工作表${name === null ? '（没有表名）' : `「${name}」`}存放的方式本程序读不了，它的行不会被导入也不会被列出：本次没有读取这个文件。请在 WPS 或 Excel 里打开，另存为 .xlsx 后再导入。`;

/** The visible order of sheets with the file each one lives in. */
export function workbookSheets(buf: Buffer, entries: ZipEntry[]): SheetInfo[] {
  return workbookInfo(buf, entries).sheets;
}

/**
 * The sheets, and whether the workbook counts its days from 1904: xl/workbook.xml inflated once for both (session 47
 * inflated it a second time for the date count).
 */
export function workbookInfo(buf: Buffer, entries: ZipEntry[]): { sheets: SheetInfo[]; date1904: boolean } {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const wb = byName.get('xl/workbook.xml');
  const rels = byName.get('xl/_rels/workbook.xml.rels');
  if (!wb || !rels) throw badInput('文件是压缩包，但不是 Excel 工作簿（里面没有 xl/workbook.xml）。请选择 .xlsx 或 .csv 文件。');
  if (wb.uncompressedSize > 5_000_000 || rels.uncompressedSize > 5_000_000) throw badInput('工作簿的目录异常庞大，不像正常的登记表，已拒绝读取。');
  const relTargets = new Map<string, string>();
  for (const m of tagsText(readZipEntry(buf, rels)).matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attribute(m[0], 'Id');
    const target = attribute(m[0], 'Target');
    if (id && target) relTargets.set(id, target.replace(/^\/?xl\//, ''));
  }
  const text = tagsText(readZipEntry(buf, wb));
  const sheets: SheetInfo[] = [];
  for (const m of text.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attribute(m[0], 'name', true);
    const rid = attribute(m[0], 'r:id') ?? attribute(m[0], 'id');
    const target = rid ? relTargets.get(rid) : undefined;
    // A chart sheet (or an old dialog or macro sheet) holds no cells: not a list of anyone.
    if (target !== undefined && /(?:^|\/)(chartsheets|dialogsheets|macrosheets)\//.test(target)) continue;
    // Anchored on a folder, not the start: a Target written 「./worksheets/sheet1.xml」 or 「../xl/worksheets/…」 still reads.
    const num = target ? /(?:^|\/)worksheets\/sheet(\d+)\.xml$/.exec(target) : null;
    // A sheet the reader cannot find (its part not named sheetN.xml, as some programs write it, or no part at all) was
    // left out of every list, its people in no count and nothing said (attack run 52, S52-A3): the file is refused, named.
    if (name === undefined || !num) throw badInput(unreadableSheet(name === undefined ? null : decodeXml(name)));
    const entry = byName.get(`xl/worksheets/sheet${num[1]}.xml`);
    const hidden = /^(hidden|veryHidden)$/.test(attribute(m[0], 'state') ?? '');
    sheets.push({ name: decodeXml(name), fileNumber: Number(num[1]), xmlBytes: entry?.uncompressedSize ?? 0, ...(hidden ? { hidden } : {}) });
  }
  if (sheets.length === 0) throw badInput('工作簿里没有可读取的工作表。');
  return { sheets, date1904: date1904In(text) };
}

/**
 * Whether the workbook counts its days from 1904-01-01 (`<workbookPr date1904="1"/>`, a workbook made in Excel for Mac):
 * a date cell then holds 1,462 days fewer than the same day in a 1900 workbook, and read as 1900's it was four years and
 * a day early (2020-02-03 stored as 2016-02-02). The first workbookPr only, found by indexOf: no expression runs over
 * the rest of a crafted workbook.xml.
 */
function date1904In(text: string): boolean {
  // <workbookPr …>, not <workbookProtection>.
  let at = text.indexOf('<workbookPr');
  while (at >= 0 && /[A-Za-z]/.test(text.charAt(at + 11))) at = text.indexOf('<workbookPr', at + 11);
  if (at < 0) return false;
  const end = text.indexOf('>', at);
  return /\bdate1904="(1|true)"/.test(text.slice(at, end < 0 ? at : end));
}
