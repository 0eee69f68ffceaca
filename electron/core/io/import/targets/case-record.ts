/** A row of a cases sheet as the cases target carries it (cases.ts), and the resident it registers when the ledger has nobody by that identity. */
import type { CaseCategory, RiskLevel } from '../../../caseload/codes.shared';
import type { ReturneeDetails } from '../../../caseload/returnee.shared';
import type { NewResident } from './types';

export interface CaseRecord extends Record<string, unknown>, ReturneeDetails {
  name: string;
  idNumber: string | null;
  phone: string | null;
  /** Found by the ledger check; null: the resident is registered from this row. */
  residentId: number | null;
  communityId: number | null;
  gridId: number | null;
  address: string | null;
  /** For a resident registered from this row: the household's address parts and tags. */
  estate: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  tags: string[];
  category: CaseCategory;
  startOn: string | null;
  /** null: not in the file (a new observation gets the default 14 days, a known one keeps its own). */
  obsDays: number | null;
  riskLevel: RiskLevel | null;
  source: string | null;
  notes: string | null;
}

/** The resident a row registers (its 社区 given; the ledger check sends a row without one back), as the commit writes it and the preview prepares it. */
export function newResidentOf(r: CaseRecord, communityId: number): NewResident {
  return {
    communityId,
    gridId: r.gridId,
    name: r.name,
    idNumber: r.idNumber,
    phone: r.phone,
    tags: r.tags,
    estate: r.estate,
    building: r.building,
    unit: r.unit,
    room: r.room,
    addressText: r.address,
    headName: null,
  };
}
