import { useState } from 'react';
import type { ScreenDef } from '../../kit/screen-def';
import { useSession } from '../../kit/session-context';
import { CommendationsPanel } from './CommendationsPanel';
import { MemorialsPanel } from './MemorialsPanel';
import './honours.css';
import { roleAtLeast } from '../../../../electron/core/contract';

type Tab = 'memorials' | 'commendations';

/**
 * 表彰与纪念. Memorial records (牺牲人员) are for coordinators only, as the
 * notice's sensitivity demands; commendations of the living are open to
 * everyone to read and to clerks to keep.
 */
function HonoursScreen({ params }: { params: URLSearchParams }) {
  const { user } = useSession();
  const isCoordinator = roleAtLeast(user.role, 'coordinator');
  const [tab, setTab] = useState<Tab>(isCoordinator && params.get('tab') !== 'commendations' ? 'memorials' : 'commendations');
  const memorialId = Number(params.get('memorial')) || null;
  const tabs: Array<{ id: Tab; label: string }> = [
    ...(isCoordinator ? [{ id: 'memorials' as const, label: '牺牲人员' }] : []),
    { id: 'commendations', label: '表彰表扬' },
  ];
  return (
    <section>
      <h1>表彰与纪念</h1>
      <div className="tabs" role="tablist">
        {tabs.map((x) => (
          <button key={x.id} role="tab" aria-selected={tab === x.id} onClick={() => setTab(x.id)}>
            {x.label}
          </button>
        ))}
      </div>
      {!isCoordinator && (
        // The tab is not there for them: say so, and who to tell, rather than leave them looking for it.
        <p className="muted" role="note" aria-label="牺牲人员记录">
          牺牲人员记录只有统筹负责人可以查看和登记（含牺牲人员及家属的个人信息）；有需要登记的情况，请告知统筹负责人。
        </p>
      )}
      {tab === 'memorials' && isCoordinator && <MemorialsPanel initialId={memorialId} />}
      {tab === 'commendations' && <CommendationsPanel editable={roleAtLeast(user.role, 'clerk')} isCoordinator={isCoordinator} />}
    </section>
  );
}

/** The honours screens in the navigation. */
export const honoursScreens: ScreenDef[] = [
  { id: 'honours', label: '表彰与纪念', minRole: 'viewer', order: 50, render: (params) => <HonoursScreen params={params} /> },
];
