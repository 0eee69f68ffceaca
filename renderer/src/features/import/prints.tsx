import type { PrintDef } from '../../kit/screen-def';

/** The import area's printable documents (#/print/<id>). */
export const importPrints: PrintDef[] = [];
