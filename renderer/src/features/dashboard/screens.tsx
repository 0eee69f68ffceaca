import type { ScreenDef } from '../../kit/screen-def';
import { DashboardScreen } from './DashboardScreen';

/** 工作台 comes first: it is the screen a coordinator sees after unlocking. */
export const dashboardScreens: ScreenDef[] = [
  { id: 'dashboard', label: '工作台', minRole: 'viewer', order: 0, render: (params) => <DashboardScreen params={params} /> },
];
