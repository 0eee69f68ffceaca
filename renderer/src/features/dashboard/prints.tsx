import type { PrintDef } from '../../app/screen-def';

/** The dashboard area's printable documents (#/print/<id>). */
export const dashboardPrints: PrintDef[] = [];
