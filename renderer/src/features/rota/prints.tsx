import type { PrintDef } from '../../kit/screen-def';
import { RosterPrint } from './RosterPrint';

/** The rota area's printable documents (#/print/<id>). */
export const rotaPrints: PrintDef[] = [{ id: 'rota-roster', minRole: 'clerk', render: (params) => <RosterPrint params={params} /> }];
