/** A row of a cases sheet as the cases target carries it (cases.ts), and the resident it registers when the ledger has nobody by that identity. */
import { isObservation, type CaseCategory, type RiskLevel } from '../../../caseload/codes.shared';
import type { ReturneeDetails } from '../../../caseload/returnee.shared';
import type { OpenCaseFields } from '../../../caseload/write-queries';
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

const IMPORTED_SOURCE = '导入';

/**
 * What openCase is asked for a row: what the row gives, undefined for what it leaves empty (openCase's default, as
 * if left out). One object literal with every field named: the same shape for every case, no field read or set by a
 * variable name (the loop over RETURNEE_FIELDS was 7 keyed loads and stores a row that V8 cannot specialise:
 * session 17's count), no object growing field by field.
 */
export function openFieldsOf(r: CaseRecord, residentId: number): OpenCaseFields {
  const observation = isObservation(r.category);
  return {
    residentId,
    category: r.category,
    source: r.source ?? IMPORTED_SOURCE,
    notes: r.notes,
    openedOn: r.startOn ?? undefined,
    obsStartOn: observation ? (r.startOn ?? undefined) : undefined,
    obsDays: observation ? (r.obsDays ?? undefined) : undefined,
    riskLevel: r.riskLevel ?? undefined,
    origin: r.origin ?? undefined,
    arrivedOn: r.arrivedOn ?? undefined,
    transport: r.transport ?? undefined,
    transportNo: r.transportNo ?? undefined,
    teamGridWorker: r.teamGridWorker ?? undefined,
    teamDoctor: r.teamDoctor ?? undefined,
    teamPolice: r.teamPolice ?? undefined,
  };
}
