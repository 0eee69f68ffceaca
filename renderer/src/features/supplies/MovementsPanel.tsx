import { useState } from 'react';
import type { Movement } from '../../../../electron/core/supplies/contract';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { DataGrid } from '../../kit/grid/DataGrid';
import { Field } from '../../kit/Field';
import { fmtKind, fmtSource } from './format';
import { MovementForm } from './MovementForm';
import { ItemSelect, StoreSelect } from './pickers';

const LIMIT = 500;

/** 出入库: the booking form and the ledger of movements, newest first; coordinators reverse by number. */
export function MovementsPanel({ today, canBook, canReverse }: { today: string; canBook: boolean; canReverse: boolean }) {
  const [store, setStore] = useState('');
  const [item, setItem] = useState('');
  const filter = { ...(store === '' ? {} : { storeId: Number(store) }), ...(item === '' ? {} : { itemId: Number(item) }) };
  const list = useQuery('supplies.movements.list', { filter, limit: LIMIT }, [store, item]);
  return (
    <div>
      {canBook && <MovementForm today={today} />}
      {canReverse && <ReverseForm />}
      <div className="panel">
        <h2>出入库流水</h2>
        <div className="toolbar">
          <StoreSelect label="筛选仓库" value={store} onChange={setStore} allLabel="全部仓库" />
          <ItemSelect label="筛选物资" value={item} onChange={setItem} allLabel="全部物资" />
          <span>
            共 {list.data?.total ?? 0} 条{(list.data?.total ?? 0) > LIMIT ? `，显示最近 ${LIMIT} 条` : ''}
          </span>
        </div>
        <DataGrid<Movement>
          label="出入库流水"
          height={440}
          rowData={list.data?.rows}
          empty={
            store || item
              ? { text: '没有符合筛选条件的出入库记录。' }
              : { text: canBook ? '还没有出入库记录。在上面登记第一笔入库（上级调拨、捐赠或采购）或盘点现有库存。' : '还没有出入库记录。' }
          }
          getRowId={(p) => String(p.data.id)}
          columnDefs={[
            { field: 'id', headerName: '流水号', width: 90, pinned: 'left' },
            { field: 'day', headerName: '日期', width: 120, pinned: 'left' },
            { headerName: '类别', width: 80, valueGetter: (p) => fmtKind(p.data!.kind) },
            { field: 'storeName', headerName: '仓库' },
            { field: 'itemName', headerName: '物资' },
            { headerName: '数量', width: 110, valueGetter: (p) => `${p.data!.delta > 0 ? '+' : ''}${p.data!.delta} ${p.data!.unit}` },
            { headerName: '来源/去向', flex: 1, minWidth: 140, valueGetter: (p) => [fmtSource(p.data!.sourceKind), p.data!.party].filter(Boolean).join('：') },
            { headerName: '盘点', width: 130, valueGetter: (p) => (p.data!.kind === 'count' ? `账 ${p.data!.bookBefore} → 实 ${p.data!.counted}` : '') },
            {
              headerName: '冲销',
              width: 120,
              valueGetter: (p) => (p.data!.reversedById ? `已被 ${p.data!.reversedById} 冲销` : p.data!.reversesId ? `冲销 ${p.data!.reversesId}` : ''),
            },
            { field: 'note', headerName: '备注', width: 160, wrapText: true, autoHeight: true },
            { field: 'createdByName', headerName: '经办', width: 90 },
          ]}
        />
      </div>
    </div>
  );
}

function ReverseForm() {
  const [id, setId] = useState('');
  const [reason, setReason] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = () =>
    call('supplies.reverse', { movementId: Number(id), reason })
      .then((rows) => (setMsg({ ok: true, text: `已冲销流水号 ${id}（新流水号 ${rows.map((r) => r.id).join('、')}）` }), setId(''), setReason('')))
      .catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }));
  return (
    <div className="panel">
      <h2>冲销（出入库记录不能修改，只能冲销后重新登记）</h2>
      {msg && (
        <p className={msg.ok ? 'ok' : 'error'} role={msg.ok ? 'status' : 'alert'}>
          {msg.text}
        </p>
      )}
      <form className="toolbar" onSubmit={(e) => (e.preventDefault(), void submit())}>
        <Field label="冲销流水号" type="number" min={1} value={id} onChange={(e) => setId(e.target.value)} required />
        <Field label="冲销原因" value={reason} onChange={(e) => setReason(e.target.value)} required />
        <button type="submit">冲销</button>
      </form>
    </div>
  );
}
