/** A row as the cases target builds it (targets/cases.ts build): every field empty but those given. */
import type { CaseRecord } from '../../../electron/core/io/import/targets/case-record';

export const caseRecord = (given: Pick<CaseRecord, 'name' | 'idNumber' | 'communityId'> & Partial<CaseRecord>): CaseRecord => ({
  phone: null,
  residentId: null,
  gridId: null,
  address: null,
  estate: null,
  building: null,
  unit: null,
  room: null,
  tags: [],
  category: 'returnee',
  startOn: null,
  startFromArrival: false,
  obsDays: null,
  riskLevel: null,
  source: null,
  notes: null,
  origin: null,
  arrivedOn: null,
  transport: null,
  transportNo: null,
  teamGridWorker: null,
  teamDoctor: null,
  teamPolice: null,
  ...given,
});
