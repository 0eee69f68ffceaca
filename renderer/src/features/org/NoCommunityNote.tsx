import { useQuery } from '../../api/hooks';
import { useRoleAtLeast } from '../../kit/session-context';

/**
 * A screen that needs a community before any community exists (a first import, 入户登记, 下发收集表): its 社区 choice
 * would be empty with nothing saying why. It says what needs one and where to add it (设置 › 社区与网格; coordinators
 * add communities, a clerk is told whom to ask). `needs`: what must belong to a community (「导入的每一行都要归到一个社区」);
 * `then`: what to come back for (「导入」).
 */
export function NoCommunityNote({ needs, then }: { needs: string; then: string }) {
  const communities = useQuery('org.communities.list', {});
  const canAdd = useRoleAtLeast('coordinator');
  if (communities.data === undefined || communities.data.length > 0) return null;
  return (
    <p className="notice" role="status" aria-label="还没有社区">
      台账里还没有社区（村），{needs}。
      {canAdd ? (
        <>
          请先<a href="#/settings?tab=org">到「设置 › 社区与网格」添加社区</a>，再回到这里{then}。
        </>
      ) : (
        '请统筹负责人先在「设置 › 社区与网格」添加社区。'
      )}
    </p>
  );
}
