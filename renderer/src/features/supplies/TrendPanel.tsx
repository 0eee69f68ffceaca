import { useState } from 'react';
import { useQuery } from '../../api/hooks';
import { TrendChart } from './charts';
import { ItemSelect, StoreSelect } from './pickers';

/** 趋势: stock and days of cover over the last 30 days, per item and community (or the whole street). */
export function TrendPanel({ defaultItemId }: { defaultItemId: string }) {
  const [itemId, setItemId] = useState(defaultItemId);
  const [store, setStore] = useState('');
  const items = useQuery('supplies.items.list', {});
  const item = (items.data ?? []).find((i) => String(i.id) === itemId);
  return (
    <div className="panel">
      <h2>库存与可用天数趋势（近 30 天）</h2>
      <div className="toolbar">
        <ItemSelect label="趋势物资" value={itemId} onChange={setItemId} />
        <StoreSelect label="趋势仓库" value={store} onChange={setStore} allLabel="全街道合计" />
      </div>
      {itemId && item && <TrendBody itemId={Number(itemId)} store={store} unit={item.unit} safetyDays={item.safetyDays} />}
    </div>
  );
}

function TrendBody({ itemId, store, unit, safetyDays }: { itemId: number; store: string; unit: string; safetyDays: number }) {
  const history = useQuery('supplies.history', { itemId, ...(store === '' ? {} : { storeId: Number(store) }) }, [itemId, store]);
  if (history.error) return <p className="error">{history.error}</p>;
  if (history.data === undefined) return null;
  // Nothing booked in the window: flat lines at 0 would read as 「库存为 0」, not as 「没有记录」.
  if (history.data.every((p) => p.stock === 0 && p.cover === null))
    return <p className="muted">近 30 天没有这项物资的库存记录。在「出入库」登记入库或盘点后，这里画出库存和可用天数的走势。</p>;
  return <TrendChart points={history.data} unit={unit} safetyDays={safetyDays} />;
}
