/**
 * The cells of one sheet of a BIFF8 Workbook stream (Excel 97–2003, and the .et files that hold one), read straight
 * from its records into rows. SheetJS builds an object for every cell and deletes two of its properties, which leaves
 * each in V8's dictionary mode: about 500 bytes a cell, 460 MB of heap and a 590 MB peak for the 65,535 × 14 sheet a
 * community keeps, before a single row was ours (session 25, w41-speed; the bench's "import xls" rows). Here a cell is
 * its value in the row's array, and the shared strings are one string each.
 *
 * Read: the globals' BOUNDSHEET (where each sheet starts) and SST (shared strings, continued over CONTINUE records),
 * then from the chosen sheet's BOF to its EOF the value records (LABELSST, LABEL, RSTRING, NUMBER, RK, MULRK, BOOLERR,
 * FORMULA with its cached result and the STRING after it) and MERGEDCELLS; records inside an embedded substream (a
 * chart's BOF…EOF) are skipped, as SheetJS skips them. Formatting is not read: dates stay Excel serial numbers, as
 * with SheetJS's cellDates off. Anything that runs past its record or the stream is a damaged file (`Damaged`).
 */
import { checkedText, type Cell, type MergeRange, type SourceRow } from './cells';
import { readGlobals, type Globals } from './biff8-globals';
import {
  BOF,
  BOOLERR,
  Damaged,
  EOF,
  FORMULA,
  LABEL,
  LABELSST,
  MERGEDCELLS,
  MULRK,
  NUMBER,
  RK,
  ROW,
  RSTRING,
  STRING,
  StringReader,
  withContinues,
} from './biff8-records';

/** BOF's version field for BIFF8; BIFF5 (Excel 95, text in the PC's code page) is left to SheetJS. */
const BIFF8_VERSION = 0x0600;

/** Excel's error codes as it shows them. */
const ERRORS: Record<number, string> = { 0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A' };

/** Excel 97–2003 sheets have 256 columns (A to IV). */
export const BIFF8_COLUMNS = 256;

/**
 * A cell past column IV, which no real BIFF8 sheet has: refused at once, before its row is padded out to it (one on
 * every row would make each row 65,536 cells wide, gigabytes).
 */
export class FarColumn extends Error {
  constructor(
    readonly rowNumber: number,
    readonly columns: number,
  ) {
    super('far column');
  }
}

export const isBiff8 = (stream: Buffer): boolean => stream.length >= 8 && stream.readUInt16LE(0) === BOF && stream.readUInt16LE(4) === BIFF8_VERSION;

/** An RK number: a 30-bit integer or the top of a double, perhaps divided by 100. */
function rk(v: number): number {
  const n = v & 2 ? v >> 2 : rkDouble(v);
  return v & 1 ? n / 100 : n;
}
const rkScratch = Buffer.alloc(8);
function rkDouble(v: number): number {
  rkScratch.writeUInt32LE(0, 0);
  rkScratch.writeInt32LE(v & ~3, 4);
  return rkScratch.readDoubleLE(0);
}

const errorCell = (code: number, fromFormula: boolean): Cell => {
  const shown = ERRORS[code] ?? '#错误';
  return { problem: `${fromFormula ? '公式的结果是' : '单元格是'}错误值 ${shown}`, shown };
};

/**
 * The rows of the sheet named `sheet` (null when the workbook has none by that name) and its merged ranges, against
 * the workbook's `globals` (read-xls.ts reads them once per file; read here when not given).
 */
export function readBiff8Sheet(
  stream: Buffer,
  sheet: string,
  globals: Globals = readGlobals(stream, true),
): { rows: SourceRow[]; merges: MergeRange[]; hiddenRows?: number[] } | null {
  const { sheets, sst } = globals;
  const start = sheets.find((s) => s.name === sheet)?.pos;
  if (start === undefined) return null;
  if (start + 4 > stream.length || stream.readUInt16LE(start) !== BOF) throw new Damaged();
  const lines: Cell[][] = [];
  const merges: MergeRange[] = [];
  const hiddenRows: number[] = [];
  const put = (row: number, col: number, cell: Cell) => {
    if (col >= BIFF8_COLUMNS) throw new FarColumn(row + 1, col + 1);
    const line = (lines[row] ??= []);
    while (line.length < col) line.push(null);
    line[col] = cell;
  };
  /** The FORMULA whose string result the next STRING record holds. */
  let pending: { row: number; col: number } | null = null;
  let depth = 0;
  for (let p = start; p + 4 <= stream.length;) {
    const type = stream.readUInt16LE(p);
    const size = stream.readUInt16LE(p + 2);
    const d = p + 4;
    if (d + size > stream.length) throw new Damaged();
    p = d + size;
    if (type === BOF) depth++;
    else if (type === EOF && --depth === 0) break;
    if (depth !== 1) continue;
    const cellAt = (minSize: number): [number, number] => {
      if (size < minSize) throw new Damaged();
      return [stream.readUInt16LE(d), stream.readUInt16LE(d + 2)];
    };
    switch (type) {
      case LABELSST: {
        const [row, col] = cellAt(10);
        const s = sst[stream.readUInt32LE(d + 6)];
        if (s === undefined) throw new Damaged();
        put(row, col, checkedText(s));
        break;
      }
      case LABEL:
      case RSTRING: {
        const [row, col] = cellAt(9);
        const { body, breaks, next } = withContinues(stream, d - 4);
        p = next;
        put(row, col, checkedText(new StringReader(body, breaks, 6).unicodeString()));
        break;
      }
      case NUMBER: {
        const [row, col] = cellAt(14);
        const v = stream.readDoubleLE(d + 6);
        put(row, col, Number.isFinite(v) ? v : null);
        break;
      }
      case RK: {
        const [row, col] = cellAt(10);
        put(row, col, rk(stream.readInt32LE(d + 6)));
        break;
      }
      case MULRK: {
        const [row, first] = cellAt(6);
        const count = Math.floor((size - 6) / 6);
        for (let i = 0; i < count; i++) put(row, first + i, rk(stream.readInt32LE(d + 4 + 6 * i + 2)));
        break;
      }
      case BOOLERR: {
        const [row, col] = cellAt(8);
        const v = stream[d + 6]!;
        put(row, col, stream[d + 7] === 1 ? errorCell(v, false) : v === 1);
        break;
      }
      case FORMULA: {
        const [row, col] = cellAt(14);
        pending = null;
        if (stream.readUInt16LE(d + 12) !== 0xffff) {
          const v = stream.readDoubleLE(d + 6);
          put(row, col, Number.isFinite(v) ? v : null);
        } else if (stream[d + 6] === 0) pending = { row, col };
        else if (stream[d + 6] === 1) put(row, col, stream[d + 8] === 1);
        else if (stream[d + 6] === 2) put(row, col, errorCell(stream[d + 8]!, true));
        else if (stream[d + 6] === 3) put(row, col, '');
        break;
      }
      case STRING: {
        if (!pending) break;
        const { body, breaks, next } = withContinues(stream, d - 4);
        p = next;
        put(pending.row, pending.col, checkedText(new StringReader(body, breaks, 0).unicodeString()));
        pending = null;
        break;
      }
      case ROW: {
        // Hidden by hand or by an autofilter (fDyZero): read as any row, said in the preview (pipeline.ts).
        if (size >= 14 && stream.readUInt16LE(d + 12) & 0x20) hiddenRows.push(stream.readUInt16LE(d) + 1);
        break;
      }
      case MERGEDCELLS: {
        const count = size >= 2 ? Math.min(stream.readUInt16LE(d), Math.floor((size - 2) / 8)) : 0;
        for (let i = 0; i < count; i++) {
          const m = d + 2 + 8 * i;
          merges.push({
            top: stream.readUInt16LE(m) + 1,
            bottom: stream.readUInt16LE(m + 2) + 1,
            left: stream.readUInt16LE(m + 4),
            right: stream.readUInt16LE(m + 6),
          });
        }
        break;
      }
    }
  }
  const rows: SourceRow[] = [];
  lines.forEach((cells, r) => rows.push({ rowNumber: r + 1, cells }));
  return hiddenRows.length > 0 ? { rows, merges, hiddenRows } : { rows, merges };
}
