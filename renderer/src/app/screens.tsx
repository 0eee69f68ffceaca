/**
 * The navigation: one entry per screen that exists. Each area lists its own
 * screens in features/<area>/screens.tsx; nothing appears before it works.
 */
import { caseloadScreens } from '../features/caseload/screens';
import { dashboardScreens } from '../features/dashboard/screens';
import { exportScreens } from '../features/export/screens';
import { honoursScreens } from '../features/honours/screens';
import { importScreens } from '../features/import/screens';
import { rotaScreens } from '../features/rota/screens';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { suppliesScreens } from '../features/supplies/screens';
import type { ScreenDef } from '../kit/screen-def';

export type { ScreenDef } from '../kit/screen-def';

export const SCREENS: ScreenDef[] = [
  ...dashboardScreens,
  ...caseloadScreens,
  ...suppliesScreens,
  ...rotaScreens,
  ...honoursScreens,
  ...importScreens,
  ...exportScreens,
  {
    id: 'settings',
    label: '设置',
    minRole: 'viewer',
    order: 100,
    render: (params) => <SettingsScreen key={params.toString()} initialTab={params.get('tab')} at={params.get('at')} />,
  } satisfies ScreenDef,
].sort((a, b) => a.order - b.order);
