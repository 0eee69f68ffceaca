import type { TargetDef } from '../../../../electron/core/io/import/fields.shared';
import { useQuery } from '../../api/hooks';
import { useRoleAtLeast } from '../../kit/session-context';

/**
 * A first import before any community exists: every row of these lists must
 * belong to a community, the 社区 choice would be empty, and the way on is in
 * 设置 (coordinators add communities; a clerk is told whom to ask).
 */
export function NoCommunityNote({ def }: { def: TargetDef }) {
  const communities = useQuery('org.communities.list', {});
  const canAdd = useRoleAtLeast('coordinator');
  const needsOne = def.fields.some((f) => f.kind === 'community' && f.required);
  if (!needsOne || communities.data === undefined || communities.data.length > 0) return null;
  return (
    <p className="notice" role="status" aria-label="还没有社区">
      台账里还没有社区（村），导入的每一行都要归到一个社区。
      {canAdd ? (
        <>
          请先<a href="#/settings?tab=org">到「设置 › 社区与网格」添加社区</a>，再回到这里导入。
        </>
      ) : (
        '请统筹负责人先在「设置 › 社区与网格」添加社区。'
      )}
    </p>
  );
}
