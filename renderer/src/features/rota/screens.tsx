import { useState } from 'react';
import type { ScreenDef } from '../../kit/screen-def';
import { useSession } from '../../kit/session-context';
import { AllowancePanel } from './AllowancePanel';
import { AttendancePanel } from './AttendancePanel';
import { CalendarPanel } from './CalendarPanel';
import { PostsPanel } from './PostsPanel';
import { RulesPanel } from './RulesPanel';
import { StaffPanel } from './StaffPanel';
import { roleAtLeast } from '../../../../electron/core/contract';

type Tab = 'calendar' | 'attendance' | 'posts' | 'rules' | 'allowances';

/** 排班. 工作台 links here with ?from=<day>&communityId= (the week and community shown) and ?tab=. */
function RotaScreen({ params }: { params: URLSearchParams }) {
  const { user } = useSession();
  const canEdit = roleAtLeast(user.role, 'clerk');
  const isCoordinator = roleAtLeast(user.role, 'coordinator');
  const tabs: Array<{ id: Tab; label: string }> = [
    { id: 'calendar', label: '排班日历' },
    { id: 'attendance', label: '出勤确认' },
    { id: 'posts', label: '岗位与班次' },
    { id: 'rules', label: '排班规则' },
    ...(canEdit ? [{ id: 'allowances' as const, label: '补助' }] : []),
  ];
  const [tab, setTab] = useState<Tab>(() => tabs.find((x) => x.id === params.get('tab'))?.id ?? 'calendar');
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
      {tab === 'calendar' && <CalendarPanel canEdit={canEdit} isCoordinator={isCoordinator} initial={params} />}
      {tab === 'attendance' && <AttendancePanel canEdit={canEdit} isCoordinator={isCoordinator} />}
      {tab === 'posts' && <PostsPanel canEdit={isCoordinator} />}
      {tab === 'rules' && <RulesPanel canEdit={isCoordinator} />}
      {tab === 'allowances' && <AllowancePanel isCoordinator={isCoordinator} />}
    </section>
  );
}

/** 人员. 今日随访 links here with ?staff=<id> (that person opened). */
function StaffScreen({ params }: { params: URLSearchParams }) {
  const { user } = useSession();
  const staffId = Number(params.get('staff')) || null;
  return (
    <section>
      <h1>人员</h1>
      <StaffPanel canEdit={roleAtLeast(user.role, 'clerk')} isCoordinator={roleAtLeast(user.role, 'coordinator')} initialStaffId={staffId} />
    </section>
  );
}

/** The rota screens in the navigation. */
export const rotaScreens: ScreenDef[] = [
  { id: 'rota', label: '排班', minRole: 'viewer', order: 40, render: (params) => <RotaScreen key={params.toString()} params={params} /> },
  { id: 'staff', label: '人员', minRole: 'viewer', order: 45, render: (params) => <StaffScreen key={params.toString()} params={params} /> },
];
