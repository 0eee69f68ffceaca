import { useState } from 'react';
import type { StockRow } from '../../../../electron/core/supplies/contract';
import { useQuery } from '../../api/hooks';
import { DataGrid } from '../../kit/grid/DataGrid';
import { ShortageChart } from './charts';
import { fmtCover, fmtReasons, noStockYet, shortDay } from './format';

/**
 * 缺口预警: who runs out of what first, as a list by urgency and as bars against the safety line.
 * `initialItemId` (from 工作台's bar, ?item=) narrows everything to one item.
 */
export function ShortagePanel({
  canBook,
  canAllocate,
  onAllocate,
  initialItemId = '',
}: {
  canBook: boolean;
  canAllocate: boolean;
  onAllocate: (itemId: number) => void;
  initialItemId?: string;
}) {
  const stock = useQuery('supplies.stock', {});
  const [itemId, setItemId] = useState(initialItemId);
  const rows = stock.data ?? [];
  // Nothing counted yet (a new ledger): no shortage is known, so none is claimed either way.
  const noStock = stock.data !== undefined && rows.every((r) => r.stock === 0 && r.burnPerDay === 0);
  const items = [...new Map(rows.map((r) => [r.itemId, r.itemName])).entries()];
  const short = rows.filter((r) => r.short && (itemId === '' || String(r.itemId) === itemId));
  const first = short[0];
  const outCount = short.filter((r) => r.reasons.includes('stock_out')).length;
  return (
    <div>
      {stock.error && (
        <p className="error" role="alert">
          {stock.error}
        </p>
      )}
      <div className="toolbar">
        <div className="field">
          <label htmlFor="shortage-item">物资</label>
          <select id="shortage-item" value={itemId} onChange={(e) => setItemId(e.target.value)}>
            <option value="">全部物资</option>
            {items.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
            {itemId !== '' && !items.some(([id]) => String(id) === itemId) && <option value={itemId}>（所选物资）</option>}
          </select>
        </div>
      </div>
      {/* Nothing counted: 「缺口 0 项」 would claim what nobody measured, and its row pushed the list's way on (去登记入库)
          under the foot of a clerk's 1366×678 window, below the line on 到货分配. */}
      {!noStock && (
        <div className="supplies-summary">
          <div className={`tile ${short.length ? 'alarm' : ''}`}>
            缺口<strong>{short.length} 项</strong>
          </div>
          <div className={`tile ${outCount ? 'alarm' : ''}`}>
            已断货<strong>{outCount} 项</strong>
          </div>
          <div className="tile">
            涉及社区<strong>{new Set(short.map((r) => r.storeId)).size} 个</strong>
          </div>
        </div>
      )}
      {first && (
        <p className="supplies-first" role="status">
          最先断货：
          <b>
            {first.storeName}的{first.itemName}
          </b>
          {first.stockOut ? `，预计 ${shortDay(first.stockOut)} 用完` : ''}（现有 {first.stock} {first.unit}，日均消耗 {first.burn} {first.unit}，可用{' '}
          {fmtCover(first.cover)}）
        </p>
      )}
      <div className="panel">
        <h2>缺口图（可用天数 / 安全天数）</h2>
        {stock.data === undefined ? null : noStock ? (
          <p className="muted">还没有库存记录，算不出缺口。在「出入库」登记入库或盘点后，这里画出各处的可用天数和安全天数。</p>
        ) : (
          <ShortageChart rows={short} />
        )}
      </div>
      <div className="panel">
        <div className="toolbar">
          <h2 style={{ flex: 1 }}>缺口清单（按紧急程度）</h2>
          {/* Nothing counted yet: a requisition would be a blank page; the empty list below says where to begin. */}
          {stock.data !== undefined && !noStock && (
            <a href="#/print/supplies-requisition">
              <button type="button">打印物资需求申请</button>
            </a>
          )}
        </div>
        <DataGrid<StockRow>
          label="缺口清单"
          height={Math.min(480, Math.max(160, 80 + short.length * 34))}
          rowData={stock.data ? short : undefined}
          empty={noStock ? noStockYet(canBook) : { text: itemId === '' ? '各处物资都够用到安全天数，没有缺口。' : '这种物资在各处都够用到安全天数。' }}
          getRowId={(p) => `${p.data.storeId}:${p.data.itemId}`}
          columnDefs={[
            { field: 'storeName', headerName: '社区/仓库', pinned: 'left' },
            { field: 'itemName', headerName: '物资', pinned: 'left' },
            { headerName: '库存', width: 110, valueGetter: (p) => `${p.data!.stock} ${p.data!.unit}` },
            { field: 'burn', headerName: '日均消耗', width: 100 },
            { headerName: '可用天数', width: 110, valueGetter: (p) => fmtCover(p.data!.cover), cellClass: 'cell-short' },
            { field: 'safetyDays', headerName: '安全天数', width: 100 },
            { field: 'stockOut', headerName: '预计断货', width: 120 },
            { field: 'nextDelivery', headerName: '下次到货', width: 120 },
            { headerName: '缺口数量', width: 110, valueGetter: (p) => `${p.data!.shortfall} ${p.data!.unit}` },
            { headerName: '原因', flex: 1, minWidth: 160, wrapText: true, autoHeight: true, valueGetter: (p) => fmtReasons(p.data!.reasons) },
            ...(canAllocate
              ? [
                  {
                    headerName: '操作',
                    width: 100,
                    sortable: false,
                    cellRenderer: (p: { data?: StockRow }) => (
                      <button className="link" onClick={() => p.data && onAllocate(p.data.itemId)}>
                        去分配
                      </button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </div>
    </div>
  );
}
