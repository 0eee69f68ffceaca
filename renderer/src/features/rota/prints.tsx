import type { PrintDef } from '../../app/screen-def';

/** The rota area's printable documents (#/print/<id>). */
export const rotaPrints: PrintDef[] = [];
