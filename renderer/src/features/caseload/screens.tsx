import type { ScreenDef } from '../../app/screen-def';
import { CaseloadScreen } from './CaseloadScreen';
import { TodayScreen } from './TodayScreen';

/** 今日随访 first (a coordinator's day starts there), then 人员台账. */
export const caseloadScreens: ScreenDef[] = [
  { id: 'today', label: '今日随访', minRole: 'viewer', order: 10, render: () => <TodayScreen /> },
  { id: 'caseload', label: '人员台账', minRole: 'viewer', order: 20, render: (params) => <CaseloadScreen params={params} /> },
];
