/**
 * Result types and word lists of the honours area. Imports nothing from
 * Node, so the renderer shares them.
 */
import type { Recipient, ReportingStatus } from './reporting.shared';

/**
 * 原因类别: what happened, in plain words. Not 因公: whether a death counts as
 * 工伤 (or 烈士) is decided by others later, tracked under MEMORIAL_STEPS.
 */
export const MEMORIAL_CAUSES = ['防控工作中感染', '突发疾病', '过度劳累', '交通事故', '其他'] as const;
export type MemorialCause = (typeof MEMORIAL_CAUSES)[number];

/** The notice's words for these deaths (民发〔2020〕13号): the heading of every record and form. */
export const MEMORIAL_HEADING = '因社区防控工作牺牲';

/** The applications that follow a death; their outcomes are decided by others, the ledger only tracks them. */
export const MEMORIAL_STEPS = ['工伤认定', '烈士评定', '抚恤'] as const;
export type MemorialStepKind = (typeof MEMORIAL_STEPS)[number];
export const STEP_STATUSES = ['not_started', 'preparing', 'applied', 'decided', 'not_applicable'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];
export const STEP_STATUS_LABELS: Record<StepStatus, string> = {
  not_started: '未办理',
  preparing: '准备材料',
  applied: '已申请',
  decided: '已有结果',
  not_applicable: '不适用',
};

export interface MemorialStep {
  kind: MemorialStepKind;
  status: StepStatus;
  appliedOn: string | null;
  /** The body applied to (e.g. 区人力资源和社会保障局). */
  appliedTo: string;
  decidedOn: string | null;
  /** The outcome as the deciding body stated it. */
  outcome: string;
  notes: string;
}

/** The office's own limits for memorial records (the notice says 第一时间 and sets no numbers). */
export interface HonoursSettings {
  reportLimitHours: number;
  firstVisitDays: number;
}

export const REPORT_VIAS = ['电话报告', '书面报告', '当面报告', '政务内网'] as const;

export const DIFFICULTY_KINDS = ['生活', '就学', '就医', '就业', '住房', '心理'] as const;
export type DifficultyKind = (typeof DIFFICULTY_KINDS)[number];

export const DIFFICULTY_STATUSES = ['open', 'in_progress', 'resolved'] as const;
export type DifficultyStatus = (typeof DIFFICULTY_STATUSES)[number];
export const DIFFICULTY_STATUS_LABELS: Record<DifficultyStatus, string> = { open: '待解决', in_progress: '办理中', resolved: '已解决' };

export const SUBJECT_KINDS = ['person', 'community', 'clinic', 'volunteer_team'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
export const SUBJECT_KIND_LABELS: Record<SubjectKind, string> = { person: '个人', community: '社区', clinic: '卫生服务机构', volunteer_team: '志愿服务队' };

export const COMMENDATION_STATUSES = ['drafted', 'submitted', 'approved', 'declined'] as const;
export type CommendationStatus = (typeof COMMENDATION_STATUSES)[number];
export const COMMENDATION_STATUS_LABELS: Record<CommendationStatus, string> = {
  drafted: '拟稿',
  submitted: '已报送',
  approved: '已批准',
  declined: '未获批准',
};

/** Documents and photos a memorial record may hold. */
export const ATTACHMENT_TYPES = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' } as const;
export type AttachmentMime = (typeof ATTACHMENT_TYPES)[keyof typeof ATTACHMENT_TYPES];
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

export interface MemorialRow {
  id: number;
  name: string;
  post: string;
  communityName: string | null;
  diedAt: string;
  cause: MemorialCause;
  elapsedHours: number;
  missing: Recipient[];
  overdue: boolean;
  commendationStatus: CommendationStatus | null;
  openDifficulties: number;
}

export interface MemorialReport {
  id: number;
  reportedAt: string;
  recipient: Recipient;
  via: string;
  reportedBy: string;
  notes: string;
}

export interface FamilyMember {
  id: number;
  name: string;
  relation: string;
  phone: string | null;
  notes: string;
}

export interface FamilyVisit {
  id: number;
  visitedOn: string;
  visitors: string;
  brought: string;
  notes: string;
  nextVisitOn: string | null;
}

export interface FamilyDifficulty {
  id: number;
  kind: DifficultyKind;
  description: string;
  owner: string;
  actions: string;
  status: DifficultyStatus;
  raisedOn: string;
  followUpOn: string | null;
  resolvedOn: string | null;
}

export interface Publicity {
  id: number;
  publishedOn: string;
  outlet: string;
  headline: string;
  notes: string;
}

export interface AttachmentMeta {
  id: number;
  fileName: string;
  mime: AttachmentMime;
  sizeBytes: number;
  sha256: string;
  caption: string;
  addedAt: string;
  /** The username of who added it (as stored). */
  addedBy: string;
  /** Who added it, by the name colleagues know them by (users.display_name); the username if the account is gone. */
  addedByName: string;
}

export interface Commendation {
  id: number;
  memorialId: number | null;
  subjectKind: SubjectKind;
  subjectName: string;
  staffId: number | null;
  communityId: number | null;
  communityName: string | null;
  proposedTitle: string;
  deeds: string;
  proposer: string;
  status: CommendationStatus;
  approvingBody: string;
  conferredTitle: string;
  draftedOn: string;
  submittedOn: string | null;
  decidedOn: string | null;
  decisionNotes: string;
}

export interface MemorialDetail {
  id: number;
  staffId: number | null;
  name: string;
  sex: '男' | '女' | null;
  birthDate: string | null;
  /** Shown in full: this channel is audited and coordinator-only. */
  idNumber: string | null;
  post: string;
  communityId: number | null;
  communityName: string | null;
  diedAt: string;
  place: string;
  circumstances: string;
  cause: MemorialCause;
  deeds: string;
  psychSupport: string;
  psychSupportOn: string | null;
  /** When the office learned of the death, if later than the death; the report clock starts here. */
  learnedAt: string | null;
  reporting: ReportingStatus & { limitHours: number; clockFrom: 'death' | 'learned'; clockStart: string };
  steps: MemorialStep[];
  reports: MemorialReport[];
  family: FamilyMember[];
  visits: FamilyVisit[];
  difficulties: FamilyDifficulty[];
  publicity: Publicity[];
  attachments: AttachmentMeta[];
  commendations: Commendation[];
}

export interface StaffOption {
  id: number;
  name: string;
  kind: string;
  communityId: number | null;
  communityName: string | null;
}

/** What is owed today: reports not made in time, and promised follow-ups that have come due. */
export interface HonoursDue {
  /** `elapsedHours` run from `clockStartedAt`: the death, or when the office learned of it (`clockFrom`, see reportClock). */
  overdueReports: Array<{
    memorialId: number;
    name: string;
    diedAt: string;
    clockFrom: 'death' | 'learned';
    clockStartedAt: string;
    elapsedHours: number;
    missing: Recipient[];
  }>;
  followUps: Array<{ memorialId: number; name: string; kind: 'visit' | 'difficulty'; dueOn: string; what: string }>;
}

export interface AttachmentContent {
  fileName: string;
  mime: AttachmentMime;
  base64: string;
}
