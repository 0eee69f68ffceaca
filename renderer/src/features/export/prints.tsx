import type { PrintDef } from '../../kit/screen-def';

/** The export area's printable documents (#/print/<id>). */
export const exportPrints: PrintDef[] = [];
