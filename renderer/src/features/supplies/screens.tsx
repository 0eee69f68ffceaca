import { useState } from 'react';
import type { ScreenDef } from '../../kit/screen-def';
import { useSession } from '../../kit/session-context';
import { useQuery } from '../../api/hooks';
import { AllocationPanel } from './AllocationPanel';
import { ItemsPanel } from './ItemsPanel';
import { MovementsPanel } from './MovementsPanel';
import { ShortagePanel } from './ShortagePanel';
import { StockPanel } from './StockPanel';
import { TrendPanel } from './TrendPanel';
import './supplies.css';
import { roleAtLeast } from '../../../../electron/core/contract';

const TABS = ['shortages', 'stock', 'movements', 'allocation', 'trend', 'items'] as const;
type Tab = (typeof TABS)[number];

/**
 * 物资: opens on the shortages, so the coordinator sees at once which
 * community runs out of what first; the other tabs book movements, split a
 * delivery and show the trend.
 */
function SuppliesScreen({ params }: { params: URLSearchParams }) {
  const { user } = useSession();
  const canBook = roleAtLeast(user.role, 'clerk');
  const isCoordinator = roleAtLeast(user.role, 'coordinator');
  const [tab, setTab] = useState<Tab>(() => TABS.find((t) => t === params.get('tab') && (t !== 'allocation' || isCoordinator)) ?? 'shortages');
  // ?item= from 工作台: the shortage list shows that item only, and allocation and trend start on it.
  const [allocItem, setAllocItem] = useState(params.get('item') ?? '');
  // The core's today (the clock may be set in tests and demos), carried by the requisition.
  const clock = useQuery('supplies.requisition', {});
  const today = clock.data?.today ?? '';
  const tabs: Array<{ id: Tab; label: string }> = [
    { id: 'shortages', label: '缺口预警' },
    { id: 'stock', label: '库存' },
    { id: 'movements', label: '出入库' },
    ...(isCoordinator ? [{ id: 'allocation' as const, label: '到货分配' }] : []),
    { id: 'trend', label: '趋势' },
    { id: 'items', label: '物资品种' },
  ];
  return (
    <section>
      <h1>防控物资</h1>
      <div className="tabs" role="tablist">
        {tabs.map((x) => (
          <button key={x.id} role="tab" aria-selected={tab === x.id} onClick={() => setTab(x.id)}>
            {x.label}
          </button>
        ))}
      </div>
      {tab === 'shortages' && !isCoordinator && (
        // A clerk sees no 到货分配 tab: said where the shortages are, who splits a delivery and what the clerk books.
        <p className="notice" role="note" aria-label="到货分配由谁办理">
          到货后按缺口分给各社区（「到货分配」）由统筹负责人办理，请向统筹负责人申请。
          {canBook ? '到货入库和发给社区的出库，您可以在「出入库」登记。' : ''}
        </p>
      )}
      {tab === 'shortages' && (
        <ShortagePanel
          initialItemId={params.get('item') ?? ''}
          canBook={canBook}
          canAllocate={isCoordinator}
          onAllocate={(id) => (setAllocItem(String(id)), setTab('allocation'))}
        />
      )}
      {tab === 'stock' && <StockPanel canBook={canBook} />}
      {tab === 'movements' && today && <MovementsPanel today={today} canBook={canBook} canReverse={isCoordinator} />}
      {tab === 'allocation' && today && <AllocationPanel today={today} initialItemId={allocItem} />}
      {tab === 'trend' && <TrendPanel defaultItemId={allocItem || '1'} />}
      {tab === 'items' && <ItemsPanel editable={isCoordinator} />}
    </section>
  );
}

/** The supplies screens in the navigation. */
export const suppliesScreens: ScreenDef[] = [
  { id: 'supplies', label: '物资', minRole: 'viewer', order: 30, render: (params) => <SuppliesScreen key={params.toString()} params={params} /> },
];
