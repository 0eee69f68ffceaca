/**
 * Fills a COPY of a district template: rows written below its header in the
 * mapped columns, more ruled rows inserted when the template has too few
 * (merged cells, print area and the 合计 row moved down with them), the
 * 合计 row summed, 填报单位 / 填报日期 lines completed. Formatting, merges,
 * widths, fonts and print setup are the template's own; a filled value wraps
 * (words) or shrinks (numbers, days) inside its column and its row grows to
 * its lines (fitRow). The template's bytes are only read.
 */
import type { Cell, Worksheet } from 'exceljs';
import { dayInWords } from '../../../dates.shared';
import { rowPointsAt, textUnits } from '../../../print-fit';
import type { CellValue, FormColumn, FormRow, Period } from '../forms/types';
import type { MappingSource } from './contract';
import { cellText, columnLetter, infoLabel, mergeBoxes, readLayout, type InfoKind, type TemplateLayout } from './layout';
import { loadWorkbook, sheetOf } from './workbook-file';

export interface FillContext {
  officeName: string;
  period: Period;
  /** The day the form is made, YYYY-MM-DD. */
  madeOn: string;
}

/** A row to write and the office it comes from (in a district merge, each office's own name). */
export interface FillRow {
  office: string;
  row: FormRow;
}

export interface FillRequest {
  bytes: Buffer;
  sheet: string;
  mapping: readonly MappingSource[];
  /** The base form's columns, to know which values are numbers to add up. */
  fields: readonly FormColumn[];
  rows: readonly FillRow[];
  ctx: FillContext;
  /** The 合计 row's unit when nothing is summed: 人 for name lists, 条 otherwise. */
  unit: string;
  /** A name list's own head count (「3 人（4 项关爱）」) where its rows are not one per person; else rows and unit. */
  headCount?: string | null;
}

function valueOf(source: MappingSource, r: FillRow, index: number, total: number, ctx: FillContext): CellValue {
  switch (source.kind) {
    case 'field':
      return r.row[source.key] ?? null;
    case 'serial':
      return index + 1;
    case 'office':
      return r.office;
    case 'reportDay':
      return ctx.madeOn;
    case 'period':
      return `${ctx.period.from} 至 ${ctx.period.to}`;
    case 'periodFrom':
      return ctx.period.from;
    case 'periodTo':
      return ctx.period.to;
    case 'rowCount':
      return total;
    case 'text':
      return source.text;
    case 'blank':
      return null;
  }
}

/** Inserts `count` rows before `at`, moving merged blocks and the print area below it down with them. */
function insertRows(ws: Worksheet, at: number, count: number): void {
  const below = mergeBoxes(ws).filter((b) => b.top >= at);
  for (const b of below) ws.unMergeCells(b.top, b.left, b.bottom, b.right);
  ws.spliceRows(at, 0, ...Array.from({ length: count }, () => []));
  for (const b of below) ws.mergeCells(b.top + count, b.left, b.bottom + count, b.right);
  const area = ws.pageSetup.printArea;
  const m = area ? /^(\$?[A-Z]+\$?)(\d+):(\$?[A-Z]+\$?)(\d+)$/.exec(area) : null;
  if (m && Number(m[4]) >= at) ws.pageSetup.printArea = `${m[1]}${m[2]}:${m[3]}${Number(m[4]) + count}`;
}

/** New rows look like the template's first ruled row (its borders, fonts, merges and height), or get thin borders. */
function styleLike(ws: Worksheet, layout: TemplateLayout, target: number, width: number): void {
  const modelRow = layout.blankRows > 0 ? layout.headerLast + 1 : null;
  const row = ws.getRow(target);
  for (let c = 1; c <= width; c++) {
    const cell = row.getCell(c);
    if (modelRow !== null) cell.style = { ...ws.getCell(modelRow, c).style };
    else cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
  }
  if (modelRow === null) return;
  const h = ws.getRow(modelRow).height;
  if (h) row.height = h;
  for (const b of mergeBoxes(ws)) if (b.top === modelRow && b.bottom === modelRow) ws.mergeCells(target, b.left, target, b.right);
}

/** A column's width in the sheet's units: its own, or the sheet's default (Excel's 8.43 when the sheet says none). */
const widthOf = (ws: Worksheet, column: number): number => ws.getColumn(column).width ?? ws.properties.defaultColWidth ?? 8.43;

/**
 * A filled row prints whole in the district's own columns: each value in words wraps inside its column (merged across
 * the columns its cell spans) and the row is as tall as its longest value's lines at the cell's font size, never lower than
 * the template's row. Before, a value wider than its column was cut on paper: the roster template's 街道 column printed
 * 「东风街道办事处」 as 「东风街道办事」 (LibreOffice → PDF, session 46). Widths, fonts and alignment stay the district's.
 */
function fitRow(ws: Worksheet, target: number, columns: readonly number[]): void {
  const row = ws.getRow(target);
  const spans = mergeBoxes(ws).filter((b) => b.top === target && b.bottom === target);
  const cells = columns.flatMap((column) => {
    const cell = ws.getCell(target, column);
    const text = cellText(cell);
    // A number, a day or an ID number is never broken over two lines (「2020-02-」 over 「16」): where the printer's
    // font is wider than the district's it is set a little smaller to fit its column instead.
    if (text === '') return [];
    const words = textUnits(text) > [...text].length;
    // The cell's own style: exceljs gives the cells a template styled alike one style object, and setting `alignment`
    // on one cell set it on all of them (the template's ruled rows then all shrank, their last cell's choice).
    const alignment = words ? { ...cell.alignment, wrapText: true, shrinkToFit: false } : { ...cell.alignment, wrapText: false, shrinkToFit: true };
    cell.style = { ...cell.style, alignment };
    if (!words) return [];
    const span = spans.find((b) => b.left === column);
    let width = 0;
    for (let c = column; c <= (span?.right ?? column); c++) width += widthOf(ws, c);
    return [{ text, width, size: cell.font?.size ?? 11 }];
  });
  const points = rowPointsAt(cells);
  if (!row.height || row.height < points) row.height = points;
}

/** The blanks after a label: spaces, underlines and an empty 年 月 日 (or two, joined by 至). */
const BLANK = '[\\s_\\u3000]*';
const EMPTY_DAY = '(?:\\d*\\s*年\\s*\\d*\\s*月\\s*\\d*\\s*日)?';
const INFO_LABELS: Record<InfoKind, RegExp> = {
  office: new RegExp(`(${infoLabel('office')})${BLANK}`),
  reportDay: new RegExp(`(${infoLabel('reportDay')})${BLANK}${EMPTY_DAY}${BLANK}`),
  period: new RegExp(`(${infoLabel('period')})${BLANK}(?:${EMPTY_DAY}\\s*(?:至|-|—)\\s*${EMPTY_DAY})?${BLANK}`),
};

function infoValue(kind: InfoKind, ctx: FillContext): string {
  if (kind === 'office') return ctx.officeName;
  if (kind === 'reportDay') return dayInWords(ctx.madeOn);
  return `${dayInWords(ctx.period.from)}至${dayInWords(ctx.period.to)}`;
}

function fillInfo(ws: Worksheet, layout: TemplateLayout, ctx: FillContext, shift: (row: number) => number): void {
  for (const info of layout.infoCells) {
    const cell = ws.getCell(shift(info.row), info.column);
    let t = cellText(cell);
    for (const kind of info.kinds) {
      const value = infoValue(kind, ctx);
      if (value !== '') t = t.replace(INFO_LABELS[kind], (_m, label: string) => `${label}${value}　　`);
    }
    cell.value = t.trimEnd();
  }
}

/**
 * A rate (percent with one decimal, 100 only when the whole is reached: percent.shared.ts) in the district's own cell
 * format: a percentage format (0%) holds the fraction, and a format that shows fewer decimals than the rate has gets
 * one, so 99.9 never prints 「100%」 nor 66.7 「6670%」 (template-percent.test). 常规 shows the rate as the form does.
 */
function writeRate(cell: Cell, pct: number): void {
  const format = cell.numFmt ?? '';
  // What the format shows as it is (「"%"」, 「\\%」), a colour or locale ([Red], [$-804]), a space the width of a sign
  // (_%) or a fill (*%): none scales the value. Only a % outside them does (S48-A4: 「0.0"%"」 printed 99.9 as 「1.0%」).
  const bare = format.replace(/"[^"]*"|\\.|\[[^\]]*\]|[_*]./g, '');
  const fraction = bare.includes('%');
  const signShown = !fraction && format.includes('%');
  cell.value = fraction ? Math.round(pct * 10) / 1000 : pct;
  const decimals = /[0#]/.test(bare) ? (/\.([0#]+)/.exec(bare)?.[1]?.length ?? 0) : null;
  if (decimals === 0 && !Number.isInteger(pct)) cell.style = { ...cell.style, numFmt: fraction ? '0.0%' : signShown ? '0.0"%"' : '0.0' };
}

export async function fillTemplate(req: FillRequest): Promise<{ bytes: Buffer; rows: number }> {
  const wb = await loadWorkbook(req.bytes);
  const ws = sheetOf(wb, req.sheet);
  const layout = readLayout(ws)!;
  const width = Math.max(ws.columnCount, ...layout.columns.map((c) => c.column));
  const n = req.rows.length;
  const first = layout.headerLast + 1;
  const stop = first + layout.blankRows;
  const hasBelow = layout.totalRow !== null || stop <= ws.rowCount;
  const added = hasBelow ? Math.max(0, n - layout.blankRows) : 0;
  if (added > 0) insertRows(ws, stop, added);
  const shift = (row: number): number => (added > 0 && row >= stop ? row + added : row);
  const rates = new Set(req.fields.filter((f) => f.kind === 'percent').map((f) => f.key));
  for (let i = 0; i < n; i++) {
    const r = first + i;
    if (i >= layout.blankRows) styleLike(ws, layout, r, width);
    for (const [k, col] of layout.columns.entries()) {
      const source = req.mapping[k]!;
      const v = valueOf(source, req.rows[i]!, i, n, req.ctx);
      if (typeof v === 'number' && source.kind === 'field' && rates.has(source.key)) writeRate(ws.getCell(r, col.column), v);
      else ws.getCell(r, col.column).value = v === null ? null : v;
    }
    fitRow(
      ws,
      r,
      layout.columns.map((c) => c.column),
    );
  }
  const lastData = first + Math.max(n, layout.blankRows, 1) - 1;
  if (layout.totalRow !== null) writeTotals(ws, layout, req, shift(layout.totalRow), first, lastData);
  fillInfo(ws, layout, req.ctx, shift);
  const out = Buffer.from(await wb.xlsx.writeBuffer());
  return { bytes: out, rows: n };
}

function writeTotals(ws: Worksheet, layout: TemplateLayout, req: FillRequest, row: number, first: number, last: number): void {
  const numeric = new Set(req.fields.filter((f) => f.kind === 'number').map((f) => f.key));
  const labelCell = ws.getCell(row, layout.columns[0]!.column).master;
  let summed = 0;
  for (const [k, col] of layout.columns.entries()) {
    const m = req.mapping[k]!;
    if (m.kind !== 'field' || !numeric.has(m.key)) continue;
    const cell = ws.getCell(row, col.column);
    if (cell.master.address === labelCell.address) continue;
    const result = req.rows.reduce((s, r) => s + (Number(r.row[m.key]) || 0), 0);
    const letter = columnLetter(col.column);
    cell.value = { formula: `SUM(${letter}${first}:${letter}${last})`, result: Math.round(result * 100) / 100 };
    summed++;
  }
  if (summed === 0) labelCell.value = `${cellText(labelCell)}：${req.headCount ?? `${req.rows.length} ${req.unit}`}`;
}
