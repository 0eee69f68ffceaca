import type { PrintDef } from '../../kit/screen-def';
import { useSession } from '../../kit/session-context';
import { useEffect, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import {
  lateNote,
  OFFICE_LEVEL,
  TODAY_KIND_LABELS,
  TODAY_KINDS,
  type TodayItem,
  type TodayKind,
  type TodayList,
} from '../../../../electron/core/caseload/today-types.shared';

const PRINT_PAGE = 2000;

/** Every item of the day, each kind's later pages asked for until its count is reached: a sheet posted at the door leaves nobody off. */
async function wholeDay(place: { communityId?: number }): Promise<TodayList> {
  const first = await call('today.list', { ...place, limit: PRINT_PAGE });
  const byKind = new Map<TodayKind, TodayItem[]>();
  for (const item of first.items) byKind.set(item.kind, [...(byKind.get(item.kind) ?? []), item]);
  for (const kind of TODAY_KINDS) {
    for (let offset = PRINT_PAGE; offset < first.counts[kind]; offset += PRINT_PAGE) {
      const page = await call('today.list', { ...place, kind, offset, limit: PRINT_PAGE });
      byKind.set(kind, [...(byKind.get(kind) ?? []), ...page.items]);
    }
  }
  // In the order the core lists the kinds, each kind's pages together.
  return { ...first, items: [...byKind.values()].flat() };
}

/**
 * 今日随访清单: what each community's workers must do today, one community
 * per page, with blank columns to fill in at the door (体温, 情况, 签名).
 * Phones stay masked: the sheet travels.
 */
function FollowUpSheet({ params }: { params: URLSearchParams }) {
  const { officeName } = useSession();
  const communityId = params.get('communityId');
  const [data, setData] = useState<TodayList>();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    wholeDay(communityId ? { communityId: Number(communityId) } : {}).then(setData, (e: unknown) => setError(errorMessage(e)));
  }, [communityId]);
  if (!data) return <p className="loading">{error ?? '正在生成…'}</p>;
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
            {officeName}　{community === OFFICE_LEVEL ? '街道本级事项' : community}　{data.today}
          </p>
          <table>
            <thead>
              <tr>
                <th className="narrow" style={{ width: '9mm' }}>
                  序号
                </th>
                <th style={{ width: '20mm' }}>事项</th>
                <th>姓名 / 住户</th>
                <th className="narrow">网格</th>
                <th>说明</th>
                <th style={{ width: '14mm' }}>体温</th>
                <th style={{ width: '30mm' }}>情况</th>
                <th style={{ width: '18mm' }}>签名</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item, n) => (
                <tr key={item.key}>
                  <td className="narrow">{n + 1}</td>
                  <td>{TODAY_KIND_LABELS[item.kind]}</td>
                  <td>{item.title}</td>
                  <td className="narrow">{item.gridName ?? ''}</td>
                  <td>
                    {item.detail}
                    {lateNote(item, data.today)}
                  </td>
                  <td />
                  <td />
                  <td />
                </tr>
              ))}
            </tbody>
          </table>
          <div className="signature">
            {/* The office's own sheet is signed by the office, not by a community. */}
            <span>{community === OFFICE_LEVEL ? '街道负责人：' : '社区负责人：'}</span>
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
