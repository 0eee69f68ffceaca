import type { ScreenDef } from '../../kit/screen-def';
import { CaseloadScreen } from './CaseloadScreen';
import { TodayScreen } from './TodayScreen';

/**
 * 今日随访 first (a coordinator's day starts there), then 人员台账. Both read
 * their filters from the URL once; keyed by the params so a link to the same
 * screen with other filters (e.g. from 工作台) starts afresh.
 */
export const caseloadScreens: ScreenDef[] = [
  { id: 'today', label: '今日随访', minRole: 'viewer', order: 10, render: (params) => <TodayScreen key={params.toString()} params={params} /> },
  { id: 'caseload', label: '人员台账', minRole: 'viewer', order: 20, render: (params) => <CaseloadScreen key={params.toString()} params={params} /> },
];
