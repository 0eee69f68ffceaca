/** Every printable document, gathered from the areas. */
import { caseloadPrints } from '../features/caseload/prints';
import { dashboardPrints } from '../features/dashboard/prints';
import { exportPrints } from '../features/export/prints';
import { honoursPrints } from '../features/honours/prints';
import { importPrints } from '../features/import/prints';
import { rotaPrints } from '../features/rota/prints';
import { suppliesPrints } from '../features/supplies/prints';
import type { PrintDef } from '../kit/screen-def';

export const PRINTS: PrintDef[] = [...dashboardPrints, ...caseloadPrints, ...suppliesPrints, ...rotaPrints, ...honoursPrints, ...importPrints, ...exportPrints];
