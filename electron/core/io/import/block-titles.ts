/**
 * Title lines met among the data (blocks pasted together, each under its own sheet's title) checked against the
 * whole-file values: a file titled 「青松里社区…」 with a second block under 「红旗社区…」 must not file the second
 * block's people under 青松里 because the user confirmed 青松里 from the first title. The preview refuses the file,
 * naming the line, rather than guess where each block begins.
 */
import { badInput } from '../../errors';
import type { TargetDef } from './fields.shared';
import { squash } from './normalise';
import { communitiesIn } from './suggest';
import type { Lookups, Values } from './values';

function gridsNamedIn(text: string, communityId: number, lookups: Lookups): string[] {
  const out: string[] = [];
  for (const key of lookups.grids.keys()) {
    const [c, name = ''] = key.split('|');
    if (Number(c) !== communityId || name === '') continue;
    if (text.includes(name.endsWith('网格') ? name : `${name}网格`)) out.push(name);
  }
  return out;
}

export function checkBlockTitles(titles: readonly { rowNumber: number; text: string }[], def: TargetDef, fixed: Values, lookups: Lookups): void {
  const communityField = def.fields.find((f) => f.kind === 'community');
  const gridField = def.fields.find((f) => f.kind === 'grid');
  const community = communityField ? fixed[communityField.key] : undefined;
  if (typeof community !== 'number') return;
  const org = { communities: [...lookups.communityNames].map(([id, name]) => ({ id, name })), grids: [] };
  const own = org.communities.find((c) => c.id === community)?.name ?? '';
  const grid = gridField ? fixed[gridField.key] : undefined;
  const advice = '这份表像是几张表拼在一起的。请按标题分开成几个文件导入，或在表里加一列';
  for (const t of titles) {
    const text = squash(t.text);
    const other = communitiesIn(text, org).find((c) => c.id !== community);
    if (other) {
      throw badInput(
        `第 ${t.rowNumber} 行的标题「${t.text}」写的是「${other.name}」，而全表统一的「${communityField!.label}」是「${own}」：${advice}「${communityField!.label}」。`,
      );
    }
    if (typeof grid !== 'string' || grid === '') continue;
    const otherGrid = gridsNamedIn(text, community, lookups).find((g) => g !== squash(grid));
    if (otherGrid) {
      throw badInput(
        `第 ${t.rowNumber} 行的标题「${t.text}」写的是「${otherGrid}」，而全表统一的「${gridField!.label}」是「${grid}」：${advice}「${gridField!.label}」。`,
      );
    }
  }
}
