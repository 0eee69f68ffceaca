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
  /** Stored payloads, personal numbers by their masks (audit-seal.ts). */
  before: string | null;
  after: string | null;
  /** Holds sealed values a coordinator can open with audit.reveal. */
  sealed: boolean;
}

/** The anchor outside the database (audit/anchor.ts): sound, not yet made, or how it fails; 'behind': a backup or a package that left recorded a head the log no longer holds (io/backup/witness.ts, io/export/export-witness.ts). */
export type AnchorState = 'ok' | 'none' | 'missing' | 'unreadable' | 'forged' | 'mismatch' | 'short' | 'nokey' | 'behind';

export interface AuditVerifyResult {
  /** The chain holds and, where there is one, the anchor outside the database matches it. */
  intact: boolean;
  rows: number;
  firstBrokenId?: number;
  /** The anchor's verdict (audit/anchor.ts), in Chinese for the 操作日志 screen. */
  anchor?: { state: AnchorState; message: string };
  /**
   * The retired keys' list damaged or missing (keys/key-history-finding.ts, S34-A5): the chain may hold, but payloads
   * sealed before the last rotation cannot be opened. Absent when sound, or without the key to tell.
   */
  keyHistory?: { state: 'damaged' | 'missing'; unreadableRows: number; message: string };
}

/** One field of an opened payload as 操作日志 shows it: its Chinese name and its value as text (audit/describe.ts payloadFields). */
export interface PayloadField {
  label: string;
  value: string;
}

/** An entry's payloads opened: as stored (JSON text) and as labelled lines in Chinese. */
export interface AuditReveal {
  before: string | null;
  after: string | null;
  fields: { before: PayloadField[]; after: PayloadField[] };
}

/**
 * The audit log's head as a submission package carries it (io/export, inside what the office key
 * signs): where the log stood at export and whether its chain and anchor then checked out.
 */
export interface AuditHead {
  lastId: number;
  lastHash: string;
  rows: number;
  at: string;
  intact: boolean;
  /**
   * The earlier packages as the office's export records name them (export time and row; the newest
   * EARLIER_HEADS_LISTED), each with the hash that row holds in the log NOW (null: the row is gone).
   * The district holds its earlier packages against these (io/export/audit-heads.ts). Absent in
   * packages made before the export records kept heads (migration 039).
   */
  earlier?: EarlierHead[];
}

/** One earlier package in a later package's head: when it was exported, the row its head stood at, and that row's hash now. */
export interface EarlierHead {
  at: string;
  lastId: number;
  hash: string | null;
}

const auditLabels = {
  id: '日志序号',
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
  /** One entry's payloads with its sealed numbers and records opened (and as labelled lines for the screen); the reveal is itself audited. */
  'audit.reveal': channel<AuditReveal>()({
    input: z.strictObject({ id: z.number().int().positive() }),
    access: 'coordinator',
    kind: 'write',
  }),
});
