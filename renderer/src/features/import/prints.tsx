import type { PrintDef } from '../../app/screen-def';

/** The import area's printable documents (#/print/<id>). */
export const importPrints: PrintDef[] = [];
