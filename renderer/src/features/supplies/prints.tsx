import type { PrintDef } from '../../app/screen-def';

/** The supplies area's printable documents (#/print/<id>). */
export const suppliesPrints: PrintDef[] = [];
