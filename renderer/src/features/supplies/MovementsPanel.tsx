import { useRef, useState, type Ref } from 'react';
import type { Movement } from '../../../../electron/core/supplies/contract';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { DataGrid } from '../../kit/grid/DataGrid';
import { Field } from '../../kit/Field';
import { fmtKind, fmtSource } from './format';
import { MovementForm } from './MovementForm';
import { ItemSelect, StoreSelect } from './pickers';

const LIMIT = 500;

/**
 * 出入库: the booking form and the ledger of movements, newest first. Coordinators reverse a movement by its number: a
 * click on its row in the ledger fills the number in and brings the form into view, which says what will be reversed
 * (before, the number was read off the list below and typed by hand, and nothing said which record it named).
 */
export function MovementsPanel({ today, canBook, canReverse }: { today: string; canBook: boolean; canReverse: boolean }) {
  const [store, setStore] = useState('');
  const [item, setItem] = useState('');
  const [reverseId, setReverseId] = useState('');
  const reverseForm = useRef<HTMLDivElement>(null);
  const filter = { ...(store === '' ? {} : { storeId: Number(store) }), ...(item === '' ? {} : { itemId: Number(item) }) };
  const list = useQuery('supplies.movements.list', { filter, limit: LIMIT }, [store, item]);
  const chosen = list.data?.rows.find((m) => String(m.id) === reverseId.trim());
  return (
    <div>
      {canBook && <MovementForm today={today} />}
      {canReverse && <ReverseForm ref={reverseForm} id={reverseId} setId={setReverseId} chosen={chosen} />}
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
              : {
                  text: canBook
                    ? '还没有出入库记录。在上面填好第一笔入库（上级调拨、捐赠或采购），点「登记入库」；或选「盘点」登记现有库存。'
                    : '还没有出入库记录。',
                }
          }
          getRowId={(p) => String(p.data.id)}
          onRowClicked={(e) => {
            if (!canReverse || !e.data) return;
            setReverseId(String(e.data.id));
            reverseForm.current?.scrollIntoView({ block: 'nearest' });
          }}
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

/** What a movement is, in one line: 流水号 12，2020-02-17 入库 街道仓库 口罩 +500 只. */
const describeMovement = (m: Movement): string =>
  `流水号 ${m.id}，${m.day} ${fmtKind(m.kind)} ${m.storeName} ${m.itemName} ${m.delta > 0 ? '+' : ''}${m.delta} ${m.unit}`;

function ReverseForm({ ref, id, setId, chosen }: { ref: Ref<HTMLDivElement>; id: string; setId: (id: string) => void; chosen: Movement | undefined }) {
  const [reason, setReason] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = () =>
    call('supplies.reverse', { movementId: Number(id), reason })
      .then((rows) => (setMsg({ ok: true, text: `已冲销流水号 ${id}（新流水号 ${rows.map((r) => r.id).join('、')}）` }), setId(''), setReason('')))
      .catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }));
  const what = chosen
    ? `将冲销：${describeMovement(chosen)}${chosen.reversedById ? `。这条已被流水号 ${chosen.reversedById} 冲销过，不能再冲销` : chosen.reversesId ? `。这条本身是对流水号 ${chosen.reversesId} 的冲销` : ''}。`
    : '在下面「出入库流水」里点要冲销的那一行，流水号会填在这里；也可以直接填写流水号。';
  return (
    <div className="panel" ref={ref}>
      <h2>冲销（出入库记录不能修改，只能冲销后重新登记）</h2>
      {msg && (
        <p className={msg.ok ? 'ok' : 'error'} role={msg.ok ? 'status' : 'alert'}>
          {msg.text}
        </p>
      )}
      <p className="hint" role="note" aria-label="将冲销的记录">
        {what}
      </p>
      <form className="toolbar" onSubmit={(e) => (e.preventDefault(), void submit())}>
        <Field label="冲销流水号" type="number" min={1} value={id} onChange={(e) => setId(e.target.value)} required />
        <Field label="冲销原因" value={reason} onChange={(e) => setReason(e.target.value)} required />
        <button type="submit">冲销</button>
      </form>
    </div>
  );
}
