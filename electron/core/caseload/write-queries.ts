/**
 * The caseload's write functions, for reuse by other areas (import, demo)
 * without going through channels. Each takes (db, fields, nowIso, today?),
 * validates exactly as the channels do (BAD_INPUT / CONFLICT with zh-CN
 * messages naming the field), and returns { id, created, audit } — pass every
 * `audit` entry to your audit function so nothing changes unrecorded.
 * Call them inside one transaction; they never await.
 */
export { upsertHousehold, type HouseholdFields } from './household-writes';
export { upsertResident, type ResidentFields } from './resident-writes';
export { openCase, type OpenCaseFields, type RegisteredResident } from './case-open';
export { transitionCase, updateCase, refreshCheckState, type TransitionFields, type UpdateCaseFields } from './case-writes';
export { recordHealthCheck, referEscalation, dismissEscalation, isFever, type HealthCheckFields, type CheckResult } from './check-writes';
export { recordCareVisit, resolveCareNeed, ensureLinkedCareTasks, closeCareTask, type CareVisitFields, type CareTaskDecision } from './care-writes';
export type { WriteResult } from './write-common';
