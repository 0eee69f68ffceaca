/**
 * Writes a blank collection sheet for one community: its title and the
 * office and community in the header lines, an instructions row in plain
 * Chinese, then one header row and ruled rows in which the ID and phone
 * columns are text (Excel cannot turn them into 4.10101E+17), dates are
 * dates, and grid, category, method and yes/no columns are drop-down lists.
 * A4 landscape with the header repeated, so it prints as it is.
 */
import ExcelJS from 'exceljs';
import { dayInWords } from '../../dates.shared';
import type { FieldDef } from '../import/fields.shared';
import { COLLECTION_TITLES, type CollectionKind } from './contract';
import { choiceWords, fieldsOf } from './kinds';
import { encodeMarker, MARKER_NAME, MARKER_VERSION } from './marker';

/** Ruled rows ready for a community's list; more can be added below by copying a row. */
export const DATA_ROWS = 300;
export const HEADER_ROW = 5;
const THIN = { style: 'thin' as const };
const BOX = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const LISTS_SHEET = '下拉选项';
/** The first words of the instructions row (the return trip leaves it out of the titles it shows). */
export const INSTRUCTIONS_HEAD = '填写说明：';

export interface SheetRequest {
  kind: CollectionKind;
  office: string;
  community: { id: number; name: string };
  /** The community's grids (网格 drop-down). */
  grids: string[];
  /** The office's supply items (物资名称 drop-down). */
  items: string[];
  issuedOn: string;
}

function widthOf(f: FieldDef): number {
  if (f.kind === 'id_number') return 22;
  if (f.kind === 'phone') return 15;
  if (f.kind === 'day') return 13;
  if (f.key === 'address' || f.key === 'notes' || f.key === 'symptoms') return 26;
  return Math.max(10, f.label.length * 2 + 4);
}

function listFor(f: FieldDef, req: SheetRequest): string[] | null {
  if (f.kind === 'grid') return req.grids;
  if (f.key === 'item') return req.items;
  if (f.kind === 'choice' || f.kind === 'tags' || f.kind === 'yes_no') return choiceWords(f);
  return null;
}

function instructions(kind: CollectionKind, fields: readonly FieldDef[]): string {
  const points = [`每行填${kind === 'stock' ? '一种物资' : '一人'}，从表头下面第一行开始，中间不要空行。`];
  if (fields.some((f) => f.kind === 'id_number')) points.push('身份证号请完整填写 18 位，本列已设为文本格式，直接输入即可，不要加空格或撇号。');
  if (fields.some((f) => f.kind === 'day')) points.push('日期写成 2020-02-17 这样的格式。');
  points.push('带下拉箭头的格子，请点箭头从列表中选择。');
  points.push('不要改动表头，不要删除、增加或调换列；填好后保存（Excel 或 WPS 格式都可以），直接发回街道，不用改文件名。');
  // Numbered as printed: a sheet without ID or date columns has no gap in its list.
  return [INSTRUCTIONS_HEAD, ...points.map((p, i) => `${i + 1}. ${p}`)].join('\n');
}

function validationFor(f: FieldDef, list: { ref: string } | null): ExcelJS.DataValidation | null {
  if (list)
    return {
      type: 'list',
      allowBlank: true,
      formulae: [list.ref],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: f.label,
      error: `请从下拉列表中选择「${f.label}」。`,
    };
  if (f.kind === 'day') {
    return {
      type: 'date',
      operator: 'between',
      allowBlank: true,
      formulae: [new Date(Date.UTC(2019, 0, 1)), new Date(Date.UTC(2035, 11, 31))],
      showErrorMessage: true,
      errorTitle: f.label,
      error: '请填写日期，例如 2020-02-17。',
    };
  }
  if (f.key === 'temperature')
    return {
      type: 'decimal',
      operator: 'between',
      allowBlank: true,
      formulae: [34, 43],
      showErrorMessage: true,
      errorTitle: '体温',
      error: '体温应在 34 到 43 之间，例如 36.5。',
    };
  if (f.kind === 'id_number')
    return {
      type: 'textLength',
      operator: 'between',
      allowBlank: true,
      formulae: [15, 18],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: '身份证号',
      error: '身份证号应为 18 位。',
    };
  return null;
}

export async function writeCollectionSheet(req: SheetRequest): Promise<{ bytes: Buffer; columns: string[] }> {
  const fields = fieldsOf(req.kind);
  const title = `${req.community.name} ${COLLECTION_TITLES[req.kind]}`;
  const wb = new ExcelJS.Workbook();
  wb.creator = req.office;
  wb.title = title;
  const ws = wb.addWorksheet(COLLECTION_TITLES[req.kind], {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: `${title}　第 &P 页，共 &N 页` },
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
  });
  ws.pageSetup.printTitlesRow = `${HEADER_ROW}:${HEADER_ROW}`;
  ws.columns = fields.map((f) => ({ width: widthOf(f) }));
  const last = fields.length;

  const marker = ws.getCell(1, 1);
  marker.value = encodeMarker({
    v: MARKER_VERSION,
    kind: req.kind,
    office: req.office,
    community: req.community.name,
    communityId: req.community.id,
    issuedOn: req.issuedOn,
  });
  marker.font = { color: { argb: 'FFFFFFFF' }, size: 6 };
  ws.getRow(1).hidden = true;
  wb.definedNames.add(`'${ws.name}'!$A$1`, MARKER_NAME);

  const line = (row: number, text: string, font: Partial<ExcelJS.Font>, height: number) => {
    ws.mergeCells(row, 1, row, last);
    const c = ws.getCell(row, 1);
    c.value = text;
    c.font = font;
    c.alignment = { vertical: 'middle', horizontal: row === 2 ? 'center' : 'left', wrapText: true };
    ws.getRow(row).height = height;
  };
  line(2, title, { bold: true, size: 16 }, 28);
  line(
    3,
    `街道办事处：${req.office}　　社区：${req.community.name}　　下发日期：${dayInWords(req.issuedOn)}　　填表人：__________　　联系电话：__________`,
    { size: 11 },
    20,
  );
  line(4, instructions(req.kind, fields), { size: 10, color: { argb: 'FF7A5A00' } }, 86);

  const lists = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  let listCol = 0;
  const header = ws.getRow(HEADER_ROW);
  header.height = 22;
  for (const [i, f] of fields.entries()) {
    const c = header.getCell(i + 1);
    c.value = f.label;
    c.font = { bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = BOX;
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: f.required ? 'FFFCE8C8' : 'FFEFEFEF' } };
    const words = listFor(f, req);
    let list: { ref: string } | null = null;
    if (words && words.length > 0) {
      listCol++;
      words.forEach((w, k) => (lists.getCell(k + 1, listCol).value = w));
      const letter = lists.getColumn(listCol).letter;
      list = { ref: `'${LISTS_SHEET}'!$${letter}$1:$${letter}$${words.length}` };
    }
    const check = validationFor(f, list);
    for (let r = HEADER_ROW + 1; r <= HEADER_ROW + DATA_ROWS; r++) {
      const cell = ws.getCell(r, i + 1);
      cell.border = BOX;
      if (f.kind === 'id_number' || f.kind === 'phone') cell.numFmt = '@';
      if (f.kind === 'day') cell.numFmt = 'yyyy-mm-dd';
      if (check) cell.dataValidation = check;
    }
  }
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), columns: fields.map((f) => f.label) };
}
