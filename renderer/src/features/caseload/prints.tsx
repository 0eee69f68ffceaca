import type { PrintDef } from '../../app/screen-def';

/** The caseload area's printable documents (#/print/<id>). */
export const caseloadPrints: PrintDef[] = [];
