import type { PrintDef } from '../../kit/screen-def';
import { useSession } from '../../kit/session-context';
import { useQuery } from '../../api/hooks';
import type { RequisitionItem } from '../../../../electron/core/supplies/contract';
import { fmtCover, fmtReasons } from './format';

/** 「口罩（缺口合计 460 只，街道仓库现有 500 只、预计到货 0 只）」: an item the office covers itself, with the figures that show it. */
const coveredItem = (i: RequisitionItem): string =>
  `${i.itemName}（缺口合计 ${i.totalShortfall} ${i.unit}，街道仓库现有 ${i.officeStock} ${i.unit}、预计到货 ${i.expected} ${i.unit}）`;

/**
 * 物资需求申请: the shortage figures as a request to the district, one
 * block per item with each short community; what is asked for is the total
 * shortfall less what the office holds and expects, in whole packs. Items the
 * office covers itself are not asked for (a line of 0 asks for nothing): one
 * line below names them.
 */
function RequisitionDoc() {
  const { officeName } = useSession();
  const req = useQuery('supplies.requisition', {});
  if (!req.data) return <p className="loading">{req.error ?? '正在生成…'}</p>;
  const { today, windowDays, items, covered } = req.data;
  return (
    <article className="print-doc">
      <h1>防控物资需求申请</h1>
      <p className="subtitle">
        申请单位：{officeName}　　日期：{today}
      </p>
      {items.length > 0 ? (
        <p>根据近 {windowDays} 天的日均消耗和各物资的安全天数测算，以下社区的防控物资将不足以支撑到安全天数，街道仓库调剂后仍有缺口，现申请调拨补充：</p>
      ) : covered.length > 0 ? (
        <p>根据近 {windowDays} 天的日均消耗和各物资的安全天数测算，各社区的物资缺口均可由街道仓库调剂解决，本次暂无申请。</p>
      ) : (
        <p>目前各社区物资均在安全天数以上，暂无申请。</p>
      )}
      {items.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>物资</th>
              <th>社区</th>
              <th>现有库存</th>
              <th>日均消耗</th>
              <th>可用天数</th>
              <th>缺口数量</th>
              <th>情况</th>
            </tr>
          </thead>
          <tbody>
            {items.flatMap((i) => [
              ...i.communities.map((c, n) => (
                <tr key={`${i.itemId}-${c.storeId}`}>
                  {n === 0 && (
                    <td rowSpan={i.communities.length + 1}>
                      {i.itemName}（{i.unit}）
                    </td>
                  )}
                  <td>{c.storeName}</td>
                  <td>{c.stock}</td>
                  <td>{c.burn}</td>
                  <td>{fmtCover(c.cover)}</td>
                  <td>{c.shortfall}</td>
                  <td>{fmtReasons(c.reasons)}</td>
                </tr>
              )),
              <tr key={`${i.itemId}-total`}>
                <td colSpan={6}>
                  缺口合计 {i.totalShortfall} {i.unit}，减去街道仓库现有 {i.officeStock} {i.unit}、预计到货 {i.expected} {i.unit}，尚缺 {i.gap} {i.unit}；
                  <b>
                    申请数量 {i.requested} {i.unit}
                  </b>
                  （每箱 {i.packSize} {i.unit}，按整箱）
                </td>
              </tr>,
            ])}
          </tbody>
        </table>
      )}
      {covered.length > 0 && (
        <p className="requisition-covered">以下物资的缺口由街道仓库现有库存和预计到货调剂，不在本次申请之内：{covered.map(coveredItem).join('；')}。</p>
      )}
      <div className="signature">
        <span>经办人：</span>
        <span>联系电话：</span>
        <span>负责人：</span>
        <span>申请单位（盖章）</span>
      </div>
    </article>
  );
}

/** The supplies area's printable documents (#/print/<id>). */
export const suppliesPrints: PrintDef[] = [{ id: 'supplies-requisition', minRole: 'viewer', render: () => <RequisitionDoc /> }];
