import type { PrintDef } from '../../kit/screen-def';
import { CommendationFormPrint } from './CommendationFormPrint';
import { MemorialPrint } from './MemorialPrint';
import './honours-print.css';

/** The honours area's printable documents (#/print/<id>). */
export const honoursPrints: PrintDef[] = [
  { id: 'honours-memorial', minRole: 'coordinator', render: (params) => <MemorialPrint id={Number(params.get('id'))} /> },
  { id: 'honours-commendation-form', minRole: 'viewer', render: (params) => <CommendationFormPrint id={Number(params.get('id'))} /> },
];
