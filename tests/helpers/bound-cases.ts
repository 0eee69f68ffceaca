/**
 * Cases a fixture wrote straight into the table (raw INSERTs, no MAC) bound as the cases writer binds them
 * (caseload/case-binding.ts), so a coordinator's drawer and forms read them as written.
 */
import { asWriteDb } from '../../electron/core/db/types';
import { bindAllRows } from '../../electron/core/db/row-binding';
import { CASE_BINDING } from '../../electron/core/caseload/case-binding';
import type { TestLedger } from './ledger';

export function bindCases(t: TestLedger): void {
  bindAllRows(asWriteDb(t.core.services.ledger.handle()), t.core.services.ledger.sealer()!, [CASE_BINDING]);
}
