/**
 * What an import's plan is checked against before a row is read: the office's community and grid names as the import
 * keys them, and the mapping's shape with its whole-file values (pipeline.ts analyse).
 */
import { readHealthSettings } from '../../caseload/health-settings';
import type { ReadDb } from '../../db/types';
import { badInput } from '../../errors';
import type { TargetDef } from './fields.shared';
import { squash } from './normalise';
import { gridId, readField, type Lookups, type Values } from './values';

export function loadLookups(db: ReadDb, today?: string): Lookups {
  const communities = new Map<string, number>();
  const communityNames = new Map<number, string>();
  for (const c of db.prepare(`SELECT id, name FROM communities ORDER BY id`).all() as { id: number; name: string }[]) {
    communityNames.set(c.id, c.name);
    const n = squash(c.name);
    communities.set(n, c.id);
    const bare = n.replace(/(社区居委会|居委会|村委会|社区|村)$/, '');
    if (bare !== '' && !communities.has(bare)) communities.set(bare, c.id);
  }
  const grids = new Map<string, number>();
  for (const g of db.prepare(`SELECT id, community_id AS communityId, name FROM grids ORDER BY id`).all() as {
    id: number;
    communityId: number;
    name: string;
  }[]) {
    grids.set(`${g.communityId}|${squash(g.name)}`, g.id);
  }
  return { communities, communityNames, grids, today, startFromArrival: readHealthSettings(db).startFromArrival };
}

/**
 * Checks the plan's shape before a row is read: every mapped key a field of the target, every
 * whole-file value a field without a column and a value that passes the same check as a cell
 * (a community not in this office is named), every required field given one way or the other.
 */
export function checkPlan(def: TargetDef, mapping: readonly (string | null)[], constants: Readonly<Record<string, string>>, lookups: Lookups): Values {
  const unknown = mapping.find((k) => k !== null && !def.fields.some((f) => f.key === k));
  if (unknown) throw badInput(`「列对应关系」中的字段 ${unknown} 不属于「${def.label}」`);
  const values: Values = {};
  for (const [key, text] of Object.entries(constants)) {
    const field = def.fields.find((f) => f.key === key);
    if (!field) throw badInput(`「全表统一的值」中的字段 ${key} 不属于「${def.label}」`);
    const col = mapping.indexOf(key);
    if (col >= 0) throw badInput(`「${field.label}」已对应到文件的第 ${col + 1} 列，不能再填写全表统一的值；请二选一`);
    const r = readField(field, text, lookups);
    if (!r.ok) throw badInput(`全表统一的「${field.label}」：${r.message}`);
    values[key] = r.value;
  }
  refuseGridNotInCommunity(def, values, lookups);
  const missing = def.fields.filter((f) => f.required && !mapping.includes(f.key) && !(f.key in values));
  if (missing.length > 0) {
    throw badInput(`还没有指定${missing.map((f) => `「${f.label}」`).join('、')}，这是必填项。请在“对应列”一步中选择对应的列，或填写全表统一的值。`);
  }
  return values;
}

/**
 * A whole-file 网格 under a whole-file 社区 (a sheet named 「一网格」 of 青松里社区's workbook, session 52) that the
 * community does not have: said once, before a row is read, not on every row as 「本社区没有名为「一网格」的网格」.
 * Under a 社区 column each row is checked against its own community, as before.
 */
function refuseGridNotInCommunity(def: TargetDef, values: Values, lookups: Lookups): void {
  const grid = def.fields.find((f) => f.kind === 'grid');
  const community = def.fields.find((f) => f.kind === 'community');
  const gridName = grid ? values[grid.key] : undefined;
  const communityId = community ? values[community.key] : undefined;
  if (typeof gridName !== 'string' || gridName === '' || typeof communityId !== 'number') return;
  if (gridId(gridName, communityId, lookups) !== undefined) return;
  const name = lookups.communityNames.get(communityId) ?? '这个社区';
  throw badInput(`全表统一的「网格」：${name}没有名为「${gridName}」的网格。请先在“设置 → 社区与网格”中添加，或不填这个网格`);
}
