import { AppError, notFound } from '../errors';
import type { HandlersOf } from '../handler-types';
import { auditContract } from './contract';
import { listAudit } from './audit-log';
import { openedPayload, sealedValueFinder } from './audit-seal';
import { verifyWithWitnesses } from './anchor';
import { payloadFields } from './describe';
import { openWithHistory } from '../keys/key-history';
import { keyHistoryFinding } from '../keys/key-history-finding';

export const auditHandlers: HandlersOf<typeof auditContract> = {
  'audit.list': (db, input) => listAudit(db, input.filter ?? {}, input.offset, input.limit),
  // A ledger from before has no anchor yet, and a session without the key checks only its position and rows.
  // An anchor that holds is then held against the backups (a witness outside the folder) and the heads the packages
  // that left recorded (in the ledger: see io/export/export-witness.ts for what that does not catch): an older anchor put back.
  // The key history beside it (S34-A5): a log whose chain holds can still have payloads no key opens any more.
  'audit.verify': (db, _input, ctx) => {
    const v = verifyWithWitnesses(db, ctx.sealer, ctx.services.anchorWitnesses, ctx.clock.timeZone);
    const history = keyHistoryFinding(db, ctx.sealer, ctx.clock, sealedValueFinder(ctx.services.sealedRecordAuditPurposes));
    return history ? { ...v, keyHistory: { state: history.state, unreadableRows: history.unreadableRows, message: history.message } } : v;
  },
  'audit.reveal': (db, input, ctx) => {
    const sealer = ctx.sealer;
    if (!sealer) throw new AppError('FORBIDDEN', '这次登录没有打开敏感信息密钥，不能查看原号。请用统筹负责人的密码重新解锁。');
    const row = db.prepare(`SELECT channel, entity, before_json AS before, after_json AS after FROM audit_log WHERE id = @id`).get({ id: input.id }) as
      { channel: string; entity: string; before: string | null; after: string | null } | undefined;
    if (!row) throw notFound(`操作日志第 ${input.id} 条`);
    // A payload sealed before a key rotation opens with the retired key of its day (keys/key-history.ts).
    const open = (purpose: string, sealed: Buffer) => openWithHistory(db, sealer, purpose, sealed);
    // The list lives in the root's sealed-columns.ts, which imports the areas: it comes in through the services, not an import.
    const purposes = ctx.services.sealedRecordAuditPurposes;
    const before = openedPayload(row.before, open, purposes);
    const after = openedPayload(row.after, open, purposes);
    ctx.audit({ entity: 'audit_log', entityId: input.id, after: { revealed: true } });
    return { before, after, fields: { before: payloadFields(row.channel, row.entity, before), after: payloadFields(row.channel, row.entity, after) } };
  },
};
