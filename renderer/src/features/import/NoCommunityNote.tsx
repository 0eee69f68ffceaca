import type { TargetDef } from '../../../../electron/core/io/import/fields.shared';
import { NoCommunityNote as Note } from '../org/NoCommunityNote';

/** A first import before any community exists, of a list whose every row must belong to one (org/NoCommunityNote). */
export function NoCommunityNote({ def }: { def: TargetDef }) {
  const needsOne = def.fields.some((f) => f.kind === 'community' && f.required);
  return needsOne ? <Note needs="导入的每一行都要归到一个社区" then="导入" /> : null;
}
