/**
 * The navigation: one entry per screen that exists. A capability adds its
 * screen here when it lands; nothing is listed before it works.
 */
import type { ReactNode } from 'react';
import type { Role } from '../../../electron/core/contract';
import { SettingsScreen } from '../features/settings/SettingsScreen';

export interface ScreenDef {
  id: string;
  label: string;
  minRole: Role;
  render: (params: URLSearchParams) => ReactNode;
}

export const SCREENS: ScreenDef[] = [{ id: 'settings', label: '设置', minRole: 'viewer', render: () => <SettingsScreen /> }];
