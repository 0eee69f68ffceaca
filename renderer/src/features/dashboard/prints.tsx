import type { PrintDef } from '../../kit/screen-def';

/** The dashboard area's printable documents (#/print/<id>). */
export const dashboardPrints: PrintDef[] = [];
