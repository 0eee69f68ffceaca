import { call, errorMessage } from '../../api/client';
import { mondayOf } from './common';

/**
 * 发布排班: a published week of one community is final — 自动排班 leaves it
 * untouched (unless asked to include it), so people can rely on the roster they were told.
 */
export function PublishBar({
  communityId,
  days,
  published,
  onDone,
}: {
  communityId: number;
  days: string[];
  published: Array<{ communityId: number; weekStart: string }>;
  onDone: (text: string, ok: boolean) => void;
}) {
  const weeks = [...new Set(days.map(mondayOf))];
  const isPublished = (w: string) => published.some((p) => p.communityId === communityId && p.weekStart === w);
  const toggle = (weekStart: string, to: boolean) =>
    call('rota.publish', { communityId, weekStart, published: to })
      .then(() => onDone(to ? `已发布 ${weekStart} 起一周的排班，自动排班不再改动这一周` : `已取消发布 ${weekStart} 起一周的排班`, true))
      .catch((e: unknown) => onDone(errorMessage(e), false));
  return (
    <div className="toolbar" role="group" aria-label="发布排班">
      <span>发布后自动排班不再改动那一周：</span>
      {weeks.map((w) => (
        <span key={w} className="rota-publish">
          {w.slice(5)} 起一周{isPublished(w) ? <b>已发布</b> : <span>未发布</span>}
          <button
            type="button"
            aria-label={isPublished(w) ? `取消发布 ${w.slice(5)} 起一周` : `发布 ${w.slice(5)} 起一周`}
            onClick={() => void toggle(w, !isPublished(w))}
          >
            {isPublished(w) ? '取消发布' : '发布'}
          </button>
        </span>
      ))}
    </div>
  );
}
