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
/** How many runs a note lists before 「等 N 处」. */
const LISTED = 6;

const isEmpty = (c: Cell | undefined): boolean => c === undefined || c === null || (typeof c === 'string' && c.trim() === '');

interface Run {
  above: number;
  top: number;
  bottom: number;
  value: string;
}

export function lostMerges(fields: readonly (FieldDef | null)[]): { see: (row: SourceRow) => void; notes: () => string[] } {
  const columns = fields.flatMap((f, i) => (f && GROUPING.has(f.key) ? [i] : []));
  const last = new Map<number, { row: number; value: string }>();
  const runs = new Map<number, Run[]>(columns.map((c) => [c, []]));
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
      const open = mine[mine.length - 1];
      if (open && open.above === filled.row) open.bottom = row.rowNumber;
      else mine.push({ above: filled.row, top: row.rowNumber, bottom: row.rowNumber, value: filled.value });
    }
  };
  const notes = (): string[] =>
    columns.flatMap((c) => {
      const mine = runs.get(c)!;
      if (mine.length === 0) return [];
      const label = fields[c]!.label;
      const rows = mine.slice(0, LISTED).map((r) => (r.top === r.bottom ? `${r.top}` : `${r.top}–${r.bottom}`));
      const more = mine.length > LISTED ? ` 等 ${mine.length} 处` : '';
      const first = mine[0]!;
      const above = mine.length === 1 ? `上面的第 ${first.above} 行写着「${first.value}」` : `各自上面一行写着（如第 ${first.above} 行「${first.value}」）`;
      return [
        `第 ${rows.join('、')}${more} 行的「${label}」是空的，而${above}：CSV 不保存合并单元格，原表如果把这一列合并了，这些行会按空的「${label}」导入。请核对，或向社区要原来的 .xlsx/.et 表格。`,
      ];
    });
  return { see, notes };
}
