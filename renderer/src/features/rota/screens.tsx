import { useState } from 'react';
import type { ScreenDef } from '../../app/screen-def';
import { roleAtLeast } from '../../app/roles';
import { useSession } from '../../app/session-context';
import { AllowancePanel } from './AllowancePanel';
import { CalendarPanel } from './CalendarPanel';
import { PostsPanel } from './PostsPanel';
import { StaffPanel } from './StaffPanel';

type Tab = 'calendar' | 'posts' | 'allowances';

function RotaScreen() {
  const { user } = useSession();
  const canEdit = roleAtLeast(user.role, 'clerk');
  const isCoordinator = roleAtLeast(user.role, 'coordinator');
  const [tab, setTab] = useState<Tab>('calendar');
  const tabs: Array<{ id: Tab; label: string }> = [
    { id: 'calendar', label: '排班日历' },
    { id: 'posts', label: '岗位与班次' },
    ...(canEdit ? [{ id: 'allowances' as const, label: '补助' }] : []),
  ];
  return (
    <section>
      <h1>排班</h1>
      <div className="tabs" role="tablist">
        {tabs.map((x) => (
          <button key={x.id} role="tab" aria-selected={tab === x.id} onClick={() => setTab(x.id)}>
            {x.label}
          </button>
        ))}
      </div>
      {tab === 'calendar' && <CalendarPanel canEdit={canEdit} isCoordinator={isCoordinator} />}
      {tab === 'posts' && <PostsPanel canEdit={isCoordinator} />}
      {tab === 'allowances' && <AllowancePanel isCoordinator={isCoordinator} />}
    </section>
  );
}

function StaffScreen() {
  const { user } = useSession();
  return (
    <section>
      <h1>人员</h1>
      <StaffPanel canEdit={roleAtLeast(user.role, 'clerk')} />
    </section>
  );
}

/** The rota screens in the navigation. */
export const rotaScreens: ScreenDef[] = [
  { id: 'rota', label: '排班', minRole: 'viewer', order: 40, render: () => <RotaScreen /> },
  { id: 'staff', label: '人员', minRole: 'viewer', order: 45, render: () => <StaffScreen /> },
];
