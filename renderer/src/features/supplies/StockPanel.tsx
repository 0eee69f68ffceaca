import { useRef, useState, type RefObject } from 'react';
import type { Delivery, StockRow } from '../../../../electron/core/supplies/contract';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { DataGrid } from '../../kit/grid/DataGrid';
import { Field } from '../../kit/Field';
import { fmtCover, fmtStockStatus, noStockYet } from './format';
import { ItemSelect, StoreSelect } from './pickers';

/** 库存: every store × item with burn rate and days of cover; expected deliveries below. */
export function StockPanel({ canBook }: { canBook: boolean }) {
  const [store, setStore] = useState('');
  const stock = useQuery('supplies.stock', store === '' ? {} : { storeId: Number(store) }, [store]);
  const deliveries = useQuery('supplies.deliveries.list', {});
  // A new ledger lists every store × item at 0: rows, so the empty grid's way on never showed, and 库存 led nowhere.
  const nothingBooked =
    store === '' && (stock.data?.length ?? 0) > 0 && stock.data!.every((r) => r.stock === 0 && r.burnPerDay === 0 && r.nextDelivery === null);
  const noStock = noStockYet(canBook, '各仓库的物资都还没有库存记录。');
  const form = useRef<HTMLFormElement>(null);
  // 预计到货's form lies under a 460 px grid, out of a 1366×678 window: the button above brings it into sight, its first box ready.
  const toForm = () => {
    form.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    form.current?.querySelector<HTMLElement>('select, input')?.focus({ preventScroll: true });
  };
  return (
    <div>
      <div className="panel">
        <div className="toolbar">
          <StoreSelect label="查看仓库" value={store} onChange={setStore} allLabel="全部仓库" />
          {canBook && (
            <button className="primary" type="button" style={{ marginLeft: 'auto' }} onClick={toForm}>
              新增预计到货
            </button>
          )}
        </div>
        {nothingBooked && (
          <div className="notice" role="status" aria-label="还没有库存记录">
            <p style={{ margin: canBook ? '0 0 6px' : 0 }}>{noStock.text}</p>
            {noStock.action && (
              <a className="button-link" href={noStock.action.href}>
                {noStock.action.label}
              </a>
            )}
          </div>
        )}
        <DataGrid<StockRow>
          label="库存"
          height={460}
          rowData={stock.data}
          empty={store === '' ? noStockYet(canBook) : { text: '这个仓库还没有库存记录。' }}
          getRowId={(p) => `${p.data.storeId}:${p.data.itemId}`}
          columnDefs={[
            { field: 'storeName', headerName: '社区/仓库', pinned: 'left' },
            { field: 'itemName', headerName: '物资', pinned: 'left' },
            { field: 'stock', headerName: '库存', width: 100 },
            { field: 'unit', headerName: '单位', width: 80 },
            { field: 'burn', headerName: '日均消耗', width: 100 },
            {
              headerName: '可用天数',
              width: 110,
              valueGetter: (p) => fmtCover(p.data!.cover),
              cellClassRules: { 'cell-short': (p) => Boolean(p.data?.short) },
            },
            { field: 'safetyDays', headerName: '安全天数', width: 100 },
            { field: 'nextDelivery', headerName: '下次到货', width: 120 },
            {
              headerName: '状态',
              flex: 1,
              minWidth: 140,
              wrapText: true,
              autoHeight: true,
              valueGetter: (p) => fmtStockStatus(p.data!),
            },
          ]}
        />
      </div>
      <DeliveriesSection rows={deliveries.data} canBook={canBook} formRef={form} />
    </div>
  );
}

function DeliveriesSection({ rows, canBook, formRef }: { rows: Delivery[] | undefined; canBook: boolean; formRef: RefObject<HTMLFormElement | null> }) {
  const [storeId, setStoreId] = useState('0');
  const [itemId, setItemId] = useState('');
  const [expectedDay, setExpectedDay] = useState('');
  const [quantity, setQuantity] = useState('');
  const [source, setSource] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const save = () =>
    call('supplies.deliveries.save', { storeId: Number(storeId), itemId: Number(itemId), expectedDay, quantity: Number(quantity), source })
      .then(() => (setMsg({ ok: true, text: '已登记预计到货' }), setQuantity('')))
      .catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }));
  return (
    <div className="panel">
      <h2>预计到货</h2>
      {msg && (
        <p className={msg.ok ? 'ok' : 'error'} role={msg.ok ? 'status' : 'alert'}>
          {msg.text}
        </p>
      )}
      {canBook && (
        <form className="toolbar" aria-label="登记预计到货" ref={formRef} onSubmit={(e) => (e.preventDefault(), void save())}>
          <StoreSelect label="到货仓库" value={storeId} onChange={setStoreId} />
          <ItemSelect label="到货物资" value={itemId} onChange={setItemId} />
          <Field label="预计到货日期" type="date" value={expectedDay} onChange={(e) => setExpectedDay(e.target.value)} required />
          <Field label="预计数量" type="number" min={1} value={quantity} onChange={(e) => setQuantity(e.target.value)} required />
          <Field label="供货单位" value={source} onChange={(e) => setSource(e.target.value)} />
          <button className="primary" type="submit">
            登记预计到货
          </button>
        </form>
      )}
      <DataGrid<Delivery>
        label="预计到货"
        height={200}
        rowData={rows}
        empty={{
          text: canBook
            ? '还没有预计到货。上级通知发货时，在上面填好仓库、物资、日期和数量，点「登记预计到货」，缺口预警会把它算进去。'
            : '还没有预计到货。上级通知发货时由录入员登记，缺口预警会把它算进去。',
        }}
        getRowId={(p) => String(p.data.id)}
        columnDefs={[
          { field: 'expectedDay', headerName: '预计到货日期', pinned: 'left' },
          { field: 'storeName', headerName: '到货仓库', width: 130 },
          { field: 'itemName', headerName: '物资', width: 130 },
          { headerName: '数量', width: 120, valueGetter: (p) => `${p.data!.quantity} ${p.data!.unit}` },
          // Arrived in part: what came, the rest still counted on (入库 naming this delivery).
          { headerName: '已到货', width: 120, valueGetter: (p) => (p.data!.received > 0 ? `${p.data!.received} ${p.data!.unit}` : '') },
          { field: 'source', headerName: '供货单位', flex: 1 },
          ...(canBook
            ? [
                {
                  headerName: '操作',
                  width: 100,
                  sortable: false,
                  cellRenderer: (p: { data?: Delivery }) => (
                    <button
                      className="link"
                      onClick={() =>
                        p.data && void call('supplies.deliveries.cancel', { id: p.data.id }).catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }))
                      }
                    >
                      取消
                    </button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}
