/** A row of a cases sheet as the cases target carries it (cases.ts), and the resident it registers when the ledger has nobody by that identity. */
import { isObservation, type CaseCategory, type RiskLevel } from '../../../caseload/codes.shared';
import { RETURNEE_LABELS, type ReturneeDetails } from '../../../caseload/returnee.shared';
import type { OpenCaseFields } from '../../../caseload/write-queries';
import { TARGETS } from '../fields.shared';
import { readTeamCell, type TeamRole } from '../team-cell';
import type { Reason, Values } from '../values';
import { str } from './record-fields';
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
  /** startOn is the row's 返程日期, the sheet having no 开始日期 (the office's rule, Lookups.startFromArrival): shown so, and a weaker match. */
  startFromArrival: boolean;
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
    teamUnsplit: r.teamUnsplit ?? undefined,
  };
}

const TEAM_ROLES: readonly TeamRole[] = ['teamGridWorker', 'teamDoctor', 'teamPolice'];
const TEAM_LABEL = TARGETS.cases.fields.find((f) => f.key === 'team')!.label;

export type RowTeam = { ok: true; team: Pick<ReturneeDetails, TeamRole | 'teamUnsplit'>; keptWhole: boolean } | { ok: false; reason: Reason };

/**
 * The team a row gives: its own 责任网格员 / 责任医生 / 责任民警 columns, with a 包保责任人 cell split into them
 * (team-cell.ts), or kept as written in 包保责任人（未注明分工） when it cannot be split (no longer in 备注: migration
 * 068). A split naming someone else than the row's own column for the same role is sent back rather than one of them dropped.
 */
export function teamOfRow(v: Values): RowTeam {
  const team = { teamGridWorker: str(v.teamGridWorker), teamDoctor: str(v.teamDoctor), teamPolice: str(v.teamPolice), teamUnsplit: null as string | null };
  const cell = readTeamCell(str(v.team));
  if (cell === null) return { ok: true, team, keptWhole: false };
  if ('whole' in cell) {
    team.teamUnsplit = cell.whole;
    return { ok: true, team, keptWhole: true };
  }
  for (const role of TEAM_ROLES) {
    const split = cell.split[role];
    if (split === undefined) continue;
    const own = team[role];
    if (own !== null && own !== split)
      return {
        ok: false,
        reason: {
          field: TEAM_LABEL,
          message: `写的${RETURNEE_LABELS[role].replace('责任', '')}是「${split}」，而「${RETURNEE_LABELS[role]}」一列是「${own}」，请核对后只留一个`,
        },
      };
    team[role] = split;
  }
  return { ok: true, team, keptWhole: false };
}
