import { useEffect, useState } from 'react';
import type { AllocationLine, AllocationProposal } from '../../../../electron/core/supplies/contract';
import { call, errorMessage } from '../../api/client';
import { DataGrid } from '../../kit/grid/DataGrid';
import { Field } from '../../kit/Field';
import { HelpNote } from '../../kit/HelpNote';
import { fmtCover } from './format';
import { ItemSelect } from './pickers';

/**
 * 分配: the office store's stock of one item split across the communities by
 * need (shortfall to the safety level, weighted by staff on duty and people
 * under observation). The coordinator edits the 分配数量 column, then books
 * every transfer in one step.
 */
export function AllocationPanel({ today, initialItemId }: { today: string; initialItemId: string }) {
  const [itemId, setItemId] = useState(initialItemId);
  const [shipment, setShipment] = useState('');
  const [proposal, setProposal] = useState<AllocationProposal | null>(null);
  const [lines, setLines] = useState<AllocationLine[]>([]);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);

  const propose = (item: string, amount: string) => {
    if (!item) return;
    call('supplies.allocation.propose', { itemId: Number(item), ...(amount === '' ? {} : { shipment: Number(amount) }) })
      .then((p) => (setProposal(p), setLines(p.lines.map((l) => ({ ...l })))))
      .catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }));
  };
  useEffect(() => propose(itemId, ''), [itemId]);

  const total = lines.reduce((s, l) => s + l.proposed, 0);
  const over = proposal !== null && total > proposal.officeStock;
  const book = () =>
    call('supplies.allocation.book', {
      itemId: Number(itemId),
      day: today,
      lines: lines.filter((l) => l.proposed > 0).map((l) => ({ communityId: l.communityId, quantity: l.proposed })),
    })
      .then((rows) => (setMsg({ ok: true, text: `已登记 ${rows.length / 2} 笔调拨，共 ${total} ${proposal?.unit ?? ''}` }), propose(itemId, '')))
      .catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }));

  return (
    <div className="panel">
      <h2>到货分配</h2>
      <HelpNote title="到货分配怎么用">
        <ol>
          <li>上级发来的物资先登记入街道仓库（「出入库」里的入库），再在这里分给各社区。</li>
          <li>选物资；分配数量默认是街道仓库现有的全部，也可以只分一部分。</li>
          <li>看建议：缺口按「安全天数 × 日均消耗 − 库存」计算，在岗人员多、居家观察人数多的社区优先，按整箱分。</li>
          <li>需要时在「分配数量（可改）」一列改数，合计不能超过街道仓库现有。</li>
          <li>点「确认分配并登记调拨」：每个社区记一笔从街道仓库调出的调拨，库存和缺口随即更新。</li>
        </ol>
      </HelpNote>
      {msg && (
        <p className={msg.ok ? 'ok' : 'error'} role={msg.ok ? 'status' : 'alert'}>
          {msg.text}
        </p>
      )}
      <form className="toolbar" onSubmit={(e) => (e.preventDefault(), propose(itemId, shipment))}>
        <ItemSelect label="分配物资" value={itemId} onChange={(v) => (setItemId(v), setShipment(''))} />
        <Field label="分配数量（默认街道仓库现有）" type="number" min={0} value={shipment} onChange={(e) => setShipment(e.target.value)} />
        <button type="submit">重新计算建议</button>
      </form>
      {proposal && (
        <>
          <p>
            街道仓库现有{proposal.itemName} <b>{proposal.officeStock}</b> {proposal.unit}，按每箱 {proposal.packSize} {proposal.unit}整箱分配。缺口按「安全天数
            × 日均消耗 − 库存」计算，在岗人员多、居家观察人数多的社区优先。
          </p>
          <DataGrid<AllocationLine>
            label="分配建议"
            height={Math.min(460, Math.max(160, 80 + lines.length * 34))}
            rowData={lines}
            empty={{ text: '还没有社区，无从分配。先到「设置 → 社区与网格」添加社区。', action: { label: '去添加社区', href: '#/settings?tab=org' } }}
            getRowId={(p) => String(p.data.communityId)}
            columnDefs={[
              { field: 'communityName', headerName: '社区', pinned: 'left' },
              { headerName: '库存', width: 100, valueGetter: (p) => p.data!.stock },
              { field: 'burn', headerName: '日均消耗', width: 100 },
              { headerName: '可用天数', width: 110, valueGetter: (p) => fmtCover(p.data!.cover) },
              { field: 'need', headerName: '缺口数量', width: 110 },
              { field: 'staff', headerName: '在岗人员', width: 100 },
              { field: 'observed', headerName: '居家观察', width: 100 },
              { field: 'weight', headerName: '权重', width: 80 },
              {
                field: 'proposed',
                headerName: '分配数量（可改）',
                flex: 1,
                minWidth: 150,
                editable: true,
                cellStyle: { background: '#fff8e1', fontWeight: 600 },
                valueParser: (p) => Math.max(0, Math.floor(Number(p.newValue) || 0)),
              },
            ]}
            onCellValueChanged={(e) => setLines((ls) => ls.map((l) => (l.communityId === e.data.communityId ? { ...l, proposed: e.data.proposed } : l)))}
          />
          <p className={`alloc-total ${over ? 'over' : ''}`} role="status">
            合计分配 {total} {proposal.unit}
            {over ? `，超过街道仓库现有 ${proposal.officeStock} ${proposal.unit}` : `，分配后街道仓库余 ${proposal.officeStock - total} ${proposal.unit}`}
          </p>
          <div className="actions">
            <button className="primary" type="button" disabled={total === 0 || over} onClick={() => void book()}>
              确认分配并登记调拨
            </button>
          </div>
        </>
      )}
    </div>
  );
}
