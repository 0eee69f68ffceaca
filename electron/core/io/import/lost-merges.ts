/**
 * A CSV keeps no merged cells. A community's sheet merges 网格 (小区, 楼栋) over the people it covers; saved from WPS
 * or Excel as CSV, the merge's value stays in its first row and the rows under it are empty, so those people were
 * imported under no grid without a word (w48-import's walk of issue 14: 「一网格」 merged over three people, two of them
 * filed under 青松里社区 alone). Nothing is filled in (a blank cell is never guessed from the one above:
 * merged-cells.ts); the preview says which rows are empty under a filled one, so the coordinator can check or ask for
 * the community's .xlsx/.et.
 */
import type { Cell, SourceRow } from './cells';
import type { FieldDef } from './fields.shared';

/** The columns a sheet merges down over the people they group. */
const GROUPING = new Set(['grid', 'estate', 'building']);
/** How many runs a note lists; past them only a count is kept (a CSV of 100,000 rows may have 50,000). */
const LISTED = 6;

const isEmpty = (c: Cell | undefined): boolean => c === undefined || c === null || (typeof c === 'string' && c.trim() === '');

interface Run {
  above: number;
  top: number;
  bottom: number;
  value: string;
}

/** One column's runs of empty cells under a filled one: the first LISTED named, the rest counted. */
interface Column {
  listed: Run[];
  more: number;
  /** The run the last row extended or began (listed or not): the next empty row under the same value extends it. */
  open: Run | null;
}

export function lostMerges(fields: readonly (FieldDef | null)[]): { see: (row: SourceRow) => void; notes: () => string[] } {
  const columns = fields.flatMap((f, i) => (f && GROUPING.has(f.key) ? [i] : []));
  const last = new Map<number, { row: number; value: string }>();
  const runs = new Map<number, Column>(columns.map((c) => [c, { listed: [], more: 0, open: null }]));
  const see = (row: SourceRow): void => {
    for (const c of columns) {
      const cell = row.cells[c];
      if (!isEmpty(cell)) {
        last.set(c, { row: row.rowNumber, value: String(cell).trim() });
        continue;
      }
      const filled = last.get(c);
      if (!filled) continue;
      const mine = runs.get(c)!;
      if (mine.open && mine.open.above === filled.row) {
        mine.open.bottom = row.rowNumber;
        continue;
      }
      mine.open = { above: filled.row, top: row.rowNumber, bottom: row.rowNumber, value: filled.value };
      if (mine.listed.length < LISTED) mine.listed.push(mine.open);
      else mine.more++;
    }
  };
  const notes = (): string[] =>
    columns.flatMap((c) => {
      const { listed, more } = runs.get(c)!;
      if (listed.length === 0) return [];
      const label = fields[c]!.label;
      const rows = listed.map((r) => (r.top === r.bottom ? `${r.top}` : `${r.top}–${r.bottom}`));
      const also = more > 0 ? `（另有 ${more} 处也是）` : '';
      const first = listed[0]!;
      const above = listed.length === 1 ? `上面的第 ${first.above} 行写着「${first.value}」` : `各自上面一行写着（如第 ${first.above} 行「${first.value}」）`;
      return [
        `第 ${rows.join('、')} 行的「${label}」是空的${also}，而${above}：CSV 不保存合并单元格，原表如果把这一列合并了，这些行会按空的「${label}」导入。请核对，或向社区要原来的 .xlsx/.et 表格。`,
      ];
    });
  return { see, notes };
}
