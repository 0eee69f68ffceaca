import { useState } from 'react';
import { SOURCE_KIND_LABELS, SOURCE_KINDS, type SourceKind } from '../../../../electron/core/supplies/contract';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Field } from '../../kit/Field';
import { ItemSelect, StoreSelect } from './pickers';

type Mode = 'receive' | 'issue' | 'transfer' | 'count';
const MODES: Array<{ id: Mode; label: string }> = [
  { id: 'receive', label: '入库' },
  { id: 'issue', label: '出库' },
  { id: 'transfer', label: '调拨' },
  { id: 'count', label: '盘点' },
];

/** One form for the four movements; the core checks stock and refuses with a message naming the field. */
export function MovementForm({ today }: { today: string }) {
  const [mode, setMode] = useState<Mode>('receive');
  const [storeId, setStoreId] = useState('0');
  const [toStoreId, setToStoreId] = useState('');
  const [itemId, setItemId] = useState('');
  const [day, setDay] = useState(today);
  const [quantity, setQuantity] = useState('');
  const [sourceKind, setSourceKind] = useState<SourceKind>('upstream');
  const [sourceName, setSourceName] = useState('');
  const [recipient, setRecipient] = useState('');
  const [note, setNote] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  // 入库 of what was expected names its 预计到货 (the earliest open one for this store and item unless another is
  // chosen): not naming it left the delivery counted on in full beside the stock it had become.
  const deliveries = useQuery('supplies.deliveries.list', {});
  const open = (deliveries.data ?? []).filter((d) => String(d.storeId) === storeId && String(d.itemId) === itemId);
  const [deliveryChoice, setDeliveryChoice] = useState<string | null>(null);
  // Unchosen, the earliest open one, or once 来源单位 is typed the one from that source: a donation from 爱心企业 is not
  // the 区卫健委's delivery (it would have been counted against it, and the rest of it no longer counted on).
  const typedSource = sourceName.trim();
  const suggested = typedSource === '' ? open[0] : open.find((d) => d.source === typedSource);
  const deliveryId = deliveryChoice === null ? suggested?.id : deliveryChoice === '' ? undefined : Number(deliveryChoice);

  const submit = async () => {
    const base = { itemId: Number(itemId), day, note };
    const q = Number(quantity);
    try {
      switch (mode) {
        case 'receive':
          await call('supplies.receive', { ...base, storeId: Number(storeId), quantity: q, sourceKind, sourceName, deliveryId });
          break;
        case 'issue':
          await call('supplies.issue', { ...base, storeId: Number(storeId), quantity: q, recipient });
          break;
        case 'transfer':
          await call('supplies.transfer', { ...base, fromStoreId: Number(storeId), toStoreId: Number(toStoreId), quantity: q });
          break;
        case 'count':
          await call('supplies.count', { ...base, storeId: Number(storeId), counted: q });
          break;
        default: {
          const never: never = mode;
          throw new Error(String(never));
        }
      }
      setMsg({ ok: true, text: `已登记${MODES.find((m) => m.id === mode)!.label}` });
      setQuantity('');
      setNote('');
    } catch (e) {
      setMsg({ ok: false, text: errorMessage(e) });
    }
  };

  return (
    <div className="panel">
      <h2>登记出入库</h2>
      <div className="tabs" role="tablist" aria-label="登记类别">
        {MODES.map((m) => (
          <button key={m.id} type="button" role="tab" aria-selected={mode === m.id} onClick={() => (setMode(m.id), setMsg(null))}>
            {m.label}
          </button>
        ))}
      </div>
      {msg && (
        <p className={msg.ok ? 'ok' : 'error'} role={msg.ok ? 'status' : 'alert'}>
          {msg.text}
        </p>
      )}
      <form className="toolbar" onSubmit={(e) => (e.preventDefault(), void submit())}>
        <StoreSelect label={mode === 'transfer' ? '调出仓库' : '仓库'} value={storeId} onChange={(v) => (setStoreId(v), setDeliveryChoice(null))} />
        {mode === 'transfer' && <StoreSelect label="调入仓库" value={toStoreId} onChange={setToStoreId} />}
        <ItemSelect label="物资" value={itemId} onChange={(v) => (setItemId(v), setDeliveryChoice(null))} />
        <Field label="日期" type="date" value={day} max={today} onChange={(e) => setDay(e.target.value)} required />
        <Field label={mode === 'count' ? '实盘数量' : '数量'} type="number" min={0} value={quantity} onChange={(e) => setQuantity(e.target.value)} required />
        {mode === 'receive' && (
          <>
            <div className="field">
              <label htmlFor="supply-source-kind">来源类别</label>
              <select id="supply-source-kind" value={sourceKind} onChange={(e) => setSourceKind(e.target.value as SourceKind)}>
                {SOURCE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {SOURCE_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            </div>
            <Field label="来源单位" value={sourceName} onChange={(e) => setSourceName(e.target.value)} required />
            {open.length > 0 && (
              <div className="field">
                <label htmlFor="supply-delivery">对应预计到货</label>
                <select id="supply-delivery" value={deliveryId === undefined ? '' : String(deliveryId)} onChange={(e) => setDeliveryChoice(e.target.value)}>
                  {open.map((d) => (
                    <option key={d.id} value={d.id}>
                      {`${d.expectedDay} ${d.source || '预计到货'} ${d.quantity} ${d.unit}${d.received > 0 ? `（已到 ${d.received} ${d.unit}）` : ''}`}
                    </option>
                  ))}
                  <option value="">不是预计到货的物资</option>
                </select>
              </div>
            )}
          </>
        )}
        {mode === 'issue' && <Field label="领用岗位/队伍" value={recipient} onChange={(e) => setRecipient(e.target.value)} required />}
        <Field label="备注" value={note} onChange={(e) => setNote(e.target.value)} />
        <button className="primary" type="submit">
          登记{MODES.find((m) => m.id === mode)!.label}
        </button>
      </form>
    </div>
  );
}
