/**
 * Legacy workbooks made by the tests: BIFF8 .xls written by @e965/xlsx's own
 * writer (title row, merged header cells, ID numbers stored as numbers as
 * Excel keeps them), WPS .et files holding BIFF8 or OOXML or neither, and
 * OLE containers with a password, a VBA project or a Word document inside.
 */
import { writeFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';

type AoaCell = string | number | boolean | null;

interface CfbEntry {
  name: string;
  content: Buffer | Uint8Array | number[];
  size: number;
}
interface CfbApi {
  read: (data: Buffer, opts: { type: 'buffer' }) => unknown;
  find: (cfb: unknown, path: string) => CfbEntry | null;
  write: (cfb: unknown, opts: { type: 'buffer' }) => Buffer;
  utils: { cfb_new: () => unknown; cfb_add: (cfb: unknown, path: string, content: Buffer) => void };
}
const CFB = XLSX.CFB as CfbApi;

export interface LegacySheet {
  name: string;
  rows: AoaCell[][];
  /** 'A1:E1' style ranges. */
  merges?: string[];
  /** Hidden in Excel (a template's lists of choices). */
  hidden?: boolean;
}

function workbook(sheets: readonly LegacySheet[]): XLSX.WorkBook {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) {
    const ws = XLSX.utils.aoa_to_sheet(s.rows);
    if (s.merges) ws['!merges'] = s.merges.map((m) => XLSX.utils.decode_range(m));
    XLSX.utils.book_append_sheet(wb, ws, s.name);
  }
  if (sheets.some((s) => s.hidden)) wb.Workbook = { Sheets: sheets.map((s) => ({ Hidden: s.hidden ? 1 : 0 })) };
  return wb;
}

export const biff8Bytes = (sheets: readonly LegacySheet[]): Buffer => XLSX.write(workbook(sheets), { type: 'buffer', bookType: 'biff8' }) as Buffer;
export const ooxmlBytes = (sheets: readonly LegacySheet[]): Buffer => XLSX.write(workbook(sheets), { type: 'buffer', bookType: 'xlsx' }) as Buffer;

export function writeBytes(path: string, bytes: Buffer): string {
  writeFileSync(path, bytes);
  return path;
}

/** A BIFF8 workbook with a FILEPASS record after its BOF: what Excel writes for a workbook with an open password. */
export function passwordedBiff8(sheets: readonly LegacySheet[]): Buffer {
  const filepass = Buffer.from([0x2f, 0x00, 0x06, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00]);
  return withWorkbookStream(sheets, (body) => {
    const bofEnd = 4 + body.readUInt16LE(2);
    return Buffer.concat([body.subarray(0, bofEnd), filepass, body.subarray(bofEnd)]);
  });
}

/** A BIFF8 workbook that also carries a VBA project (what an .xls with macros holds). */
export function macroBiff8(sheets: readonly LegacySheet[]): Buffer {
  const cfb = CFB.read(biff8Bytes(sheets), { type: 'buffer' });
  CFB.utils.cfb_add(cfb, '/_VBA_PROJECT_CUR/VBA/dir', Buffer.from('Attribute VB_Name = "Module1"'));
  return CFB.write(cfb, { type: 'buffer' });
}

/** An OLE container with the given streams and nothing else (an encrypted .xlsx, a Word document, WPS's own .et). */
export function oleWith(streams: Record<string, Buffer>): Buffer {
  const cfb = CFB.utils.cfb_new();
  for (const [name, content] of Object.entries(streams)) CFB.utils.cfb_add(cfb, `/${name}`, content);
  return CFB.write(cfb, { type: 'buffer' });
}

/** A BIFF8 workbook of `sheets` with raw BIFF `records` put before the stream's last EOF (the last sheet's end): crafted cells. */
export const biff8WithRecords = (sheets: readonly LegacySheet[], records: Buffer): Buffer => withWorkbookStream(sheets, beforeLastEof(records));

/** An Excel 5.0/95 workbook of `sheets` (SheetJS's BIFF5 writer: a `Book` stream) with `records` added before its last EOF. */
export const biff5WithRecords = (sheets: readonly LegacySheet[], records: Buffer): Buffer => editStream(biff5Bytes(sheets), 'Book', beforeLastEof(records));

/** An Excel 5.0/95 workbook of `sheets` as SheetJS's BIFF5 writer makes it (its text in the writer's code page: keep it ASCII). */
export const biff5Bytes = (sheets: readonly LegacySheet[]): Buffer => XLSX.write(workbook(sheets), { type: 'buffer', bookType: 'biff5' }) as Buffer;

/** A BIFF8 workbook of `sheets` whose Workbook stream (the BIFF records) is replaced by what `edit` makes of it: crafted files. */
export const withWorkbookStream = (sheets: readonly LegacySheet[], edit: (body: Buffer) => Buffer): Buffer => editStream(biff8Bytes(sheets), 'Workbook', edit);

function editStream(file: Buffer, name: string, edit: (body: Buffer) => Buffer): Buffer {
  const cfb = CFB.read(file, { type: 'buffer' });
  const stream = CFB.find(cfb, name)!;
  stream.content = edit(Buffer.from(stream.content as Uint8Array));
  stream.size = stream.content.length;
  return CFB.write(cfb, { type: 'buffer' });
}

/** `records` put before a BIFF stream's last EOF: the end of its last sheet. */
const beforeLastEof =
  (records: Buffer) =>
  (body: Buffer): Buffer => {
    let lastEof = -1;
    for (let p = 0; p + 4 <= body.length; p += 4 + body.readUInt16LE(p + 2)) if (body.readUInt16LE(p) === 0x000a) lastEof = p;
    return Buffer.concat([body.subarray(0, lastEof), records, body.subarray(lastEof)]);
  };

/** A staff list (sheet 名单: 姓名, 类别; one row), the real workbook the crafted .xls files of the security tests start from. */
export const STAFF_LIST: readonly LegacySheet[] = [
  {
    name: '名单',
    rows: [
      ['姓名', '类别'],
      ['张三', '网格员'],
    ],
  },
];
