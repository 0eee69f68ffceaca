import type { ReactNode } from 'react';
import type { Role } from '../../../electron/core/contract';

export interface ScreenDef {
  /** The hash route: #/<id>?<params>. Other screens link here with filters in params (drill-down). */
  id: string;
  label: string;
  minRole: Role;
  /** Lower comes first in the navigation. */
  order: number;
  render: (params: URLSearchParams) => ReactNode;
}
