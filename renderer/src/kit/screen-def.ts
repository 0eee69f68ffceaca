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

/**
 * A printable document: shown at #/print/<id>?<params> on its own, without
 * navigation, laid out for A4 (see print/print.css). Printed through the
 * system dialog or saved as PDF (shell.printToPdf in the app; Chromium's
 * PDF in preview and tests).
 */
export interface PrintDef {
  id: string;
  minRole: Role;
  render: (params: URLSearchParams) => ReactNode;
}
