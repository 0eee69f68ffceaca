import { UNASSIGNED_GRID_NAME, type GridCoverage } from '../../../../electron/core/caseload/coverage-types.shared';
import { DUPLICATE_LABELS } from '../../../../electron/core/io/import/contract';
import { TARGETS } from '../../../../electron/core/io/import/fields.shared';

/**
 * What 排查覆盖 says of a community's households that belong to no grid (the 「未分网格」 line). A sheet imported
 * without 网格 files its households under the community alone: the grids then read 「未录入住户」, which is right,
 * but reads as if nothing had been imported. One sentence per community says what happened and how to give them a
 * grid, in the words of the screens that do it (导入's 全表统一的值, a 网格 column and 重复处理; 入户登记).
 */
export function ungriddedNotes(grids: readonly GridCoverage[]): string[] {
  const notes: string[] = [];
  for (const line of grids) {
    if (line.gridId !== null || line.loaded === 0) continue;
    const empty = grids.filter((g) => g.communityId === line.communityId && g.gridId !== null && g.loaded === 0).map((g) => `「${g.gridName}」`);
    const why = empty.length > 0 ? `；${empty.join('、')}显示「未录入住户」，是因为还没有住户分到${empty.length > 1 ? '这些' : '这个'}网格，不是没有导入` : '';
    notes.push(
      `${line.communityName}有 ${line.loaded} 户已录入台账，但没有网格（导入的表里没有「网格」列，也没有在「全表统一的值」里选网格），` +
        `计在「${UNASSIGNED_GRID_NAME}」一行${why}。` +
        `要分到网格：按「${TARGETS.residents.label}」再导入这些住户的名单（表中加「网格」列；整张表是同一个网格的，也可以在「全表统一的值」里给「网格」选一个），` +
        `已在台账中的居民选「${DUPLICATE_LABELS.update}」；也可以在「入户登记」里按住址逐户选网格。`,
    );
  }
  return notes;
}
