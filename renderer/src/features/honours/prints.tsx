import type { PrintDef } from '../../app/screen-def';

/** The honours area's printable documents (#/print/<id>). */
export const honoursPrints: PrintDef[] = [];
