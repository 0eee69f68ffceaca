import type { PrintDef } from '../../app/screen-def';

/** The export area's printable documents (#/print/<id>). */
export const exportPrints: PrintDef[] = [];
