import { z } from 'zod';
import { areaContract, channel, day, empty, fromNotAfterTo, type Page, PERIOD_ORDER } from '../contract';

export interface AuditRow {
  id: number;
  at: string;
  username: string;
  /** The user's name as shown in the app (their login name if the user is gone). */
  who: string;
  /** The entry as a Chinese sentence: who did what to which record, which fields changed. */
  summary: string;
  channel: string;
  entity: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
}

export interface AuditVerifyResult {
  intact: boolean;
  rows: number;
  firstBrokenId?: number;
}

const auditLabels = {
  channel: '操作',
  entity: '记录类别',
  username: '用户名',
};

export const auditContract = areaContract(auditLabels, {
  'audit.list': channel<Page<AuditRow>>()({
    input: z.strictObject({
      filter: z
        .strictObject({
          channel: z.string().max(60).optional(),
          entity: z.string().max(60).optional(),
          username: z.string().max(32).optional(),
          from: day.optional(),
          to: day.optional(),
        })
        .refine(fromNotAfterTo, PERIOD_ORDER)
        .optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    access: 'coordinator',
    kind: 'read',
  }),
  'audit.verify': channel<AuditVerifyResult>()({ input: empty, access: 'coordinator', kind: 'read' }),
});
