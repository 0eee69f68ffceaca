import { useState } from 'react';
import type { SupplyItem } from '../../../../electron/core/supplies/contract';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { DataGrid } from '../../kit/grid/DataGrid';
import { Field } from '../../kit/Field';
import { CoordinatorOnly } from '../../kit/CoordinatorOnly';

/** 物资品种: unit, pack size and safety level in days; coordinators add items and edit them in the grid. */
export function ItemsPanel({ editable }: { editable: boolean }) {
  const items = useQuery('supplies.items.list', { includeInactive: true });
  const [name, setName] = useState('');
  const [unit, setUnit] = useState('');
  const [packSize, setPackSize] = useState('1');
  const [safetyDays, setSafetyDays] = useState('7');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const run = (p: Promise<unknown>, ok: string) =>
    p.then(() => setMsg({ ok: true, text: ok })).catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }));
  const save = (i: SupplyItem) =>
    call('supplies.items.save', { id: i.id, name: i.name, unit: i.unit, packSize: i.packSize, safetyDays: i.safetyDays, active: i.active });
  return (
    <div className="panel">
      <h2>物资品种</h2>
      <p className="muted">
        每箱数量和安全天数是本街道的设置，通知没有规定：某社区某物资按日均消耗只够用不到「安全天数」时，列入缺口预警。预置的数值可以在表格里双击修改。
      </p>
      {msg && (
        <p className={msg.ok ? 'ok' : 'error'} role={msg.ok ? 'status' : 'alert'}>
          {msg.text}
        </p>
      )}
      {!editable && <CoordinatorOnly what="添加或修改物资品种、每箱数量和安全天数" />}
      {editable && (
        <form
          className="toolbar"
          onSubmit={(e) => (
            e.preventDefault(),
            void run(
              call('supplies.items.save', { name, unit, packSize: Number(packSize), safetyDays: Number(safetyDays) }).then(() => setName('')),
              `已添加物资「${name}」`,
            )
          )}
        >
          <Field label="物资名称" value={name} onChange={(e) => setName(e.target.value)} required />
          <Field label="单位" value={unit} onChange={(e) => setUnit(e.target.value)} required />
          <Field label="每箱数量" type="number" min={1} value={packSize} onChange={(e) => setPackSize(e.target.value)} required />
          <Field label="安全天数" type="number" min={0} value={safetyDays} onChange={(e) => setSafetyDays(e.target.value)} required />
          <button className="primary" type="submit">
            添加物资
          </button>
        </form>
      )}
      <DataGrid<SupplyItem>
        label="物资品种"
        height={320}
        rowData={items.data}
        empty={{
          text: editable
            ? '还没有物资品种。在上面填写物资名称、单位、每箱数量和安全天数，点「添加物资」；口罩、防护服、消毒液等逐一添加。'
            : '还没有物资品种，请统筹负责人添加。',
        }}
        getRowId={(p) => String(p.data.id)}
        columnDefs={[
          { field: 'name', headerName: '物资名称', pinned: 'left', editable },
          { field: 'unit', headerName: '单位', width: 90, editable },
          { field: 'packSize', headerName: '每箱数量', width: 110, editable, valueParser: (p) => Number(p.newValue) },
          { field: 'safetyDays', headerName: '安全天数', width: 110, editable, valueParser: (p) => Number(p.newValue) },
          { headerName: '来源', width: 100, valueGetter: (p) => (p.data!.preset ? '预置' : '自行添加') },
          { field: 'active', headerName: '启用', width: 90, editable, cellDataType: 'boolean' },
        ]}
        onCellValueChanged={(e) => void run(save(e.data), '已保存').finally(items.reload)}
      />
    </div>
  );
}
