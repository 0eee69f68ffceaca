import type { PrintDef } from '../../kit/screen-def';
import { ObservationRosterPrint } from './ObservationRosterPrint';

/** The export area's printable documents (#/print/<id>). */
export const exportPrints: PrintDef[] = [{ id: 'observation-roster', minRole: 'viewer', render: (params) => <ObservationRosterPrint params={params} /> }];
