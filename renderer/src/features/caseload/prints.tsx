import type { PrintDef } from '../../kit/screen-def';
import { useSession } from '../../kit/session-context';
import { useQuery } from '../../api/hooks';
import { TODAY_KIND_LABELS, type TodayItem } from '../../../../electron/core/caseload/today-types.shared';

/**
 * 今日随访清单: what each community's workers must do today, one community
 * per page, with blank columns to fill in at the door (体温, 情况, 签名).
 * Phones stay masked: the sheet travels.
 */
function FollowUpSheet({ params }: { params: URLSearchParams }) {
  const { officeName } = useSession();
  const communityId = params.get('communityId');
  const today = useQuery('today.list', { ...(communityId ? { communityId: Number(communityId) } : {}), limit: 2000 });
  const data = today.data;
  if (!data) return <p className="loading">{today.error ?? '正在生成…'}</p>;
  const byCommunity = new Map<string, TodayItem[]>();
  for (const item of data.items) byCommunity.set(item.communityName, [...(byCommunity.get(item.communityName) ?? []), item]);
  const communities = [...byCommunity.entries()].sort(([a], [b]) => a.localeCompare(b, 'zh-CN'));
  return (
    <>
      {communities.length === 0 && (
        <article className="print-doc">
          <h1>今日随访清单</h1>
          <p className="subtitle">
            {officeName}　{data.today}：今日没有待办随访事项。
          </p>
        </article>
      )}
      {communities.map(([community, items], i) => (
        <article key={community} className={`print-doc${i > 0 ? ' page-break' : ''}`}>
          <h1>今日随访清单</h1>
          <p className="subtitle">
            {officeName}　{community}　{data.today}
          </p>
          <table>
            <thead>
              <tr>
                <th>序号</th>
                <th>事项</th>
                <th>姓名 / 住户</th>
                <th>网格</th>
                <th>说明</th>
                <th style={{ width: '14mm' }}>体温</th>
                <th style={{ width: '30mm' }}>情况</th>
                <th style={{ width: '18mm' }}>签名</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item, n) => (
                <tr key={item.key}>
                  <td>{n + 1}</td>
                  <td>{TODAY_KIND_LABELS[item.kind]}</td>
                  <td>{item.title}</td>
                  <td>{item.gridName ?? ''}</td>
                  <td>{item.detail}</td>
                  <td />
                  <td />
                  <td />
                </tr>
              ))}
            </tbody>
          </table>
          <div className="signature">
            <span>社区负责人：</span>
            <span>填表人：</span>
            <span>日期：</span>
          </div>
        </article>
      ))}
    </>
  );
}

/** The caseload area's printable documents (#/print/<id>). */
export const caseloadPrints: PrintDef[] = [{ id: 'caseload-followup', minRole: 'viewer', render: (params) => <FollowUpSheet params={params} /> }];
