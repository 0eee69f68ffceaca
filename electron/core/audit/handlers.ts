import type { HandlersOf } from '../handler-types';
import { auditContract } from './contract';
import { listAudit, verifyAudit } from './audit-log';

export const auditHandlers: HandlersOf<typeof auditContract> = {
  'audit.list': (db, input) => listAudit(db, input.filter ?? {}, input.offset, input.limit),
  'audit.verify': (db) => verifyAudit(db),
};
