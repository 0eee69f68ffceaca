/**
 * Between preview and commit the parsed, checked rows wait here, in the core
 * worker's memory, so a commit does not read a 100,000-row workbook again,
 * with what the preview found in the ledger for each (apply.ts reuses it
 * when the ledger has not changed since).
 * Keyed by a random id; one per session; the commit re-checks the file's
 * hash and options and falls back to reading the file when the options differ
 * (a file saved again since its preview is refused: refuseIfChangedSincePreview).
 * What the preview prepared for the commit (sealed values, row MACs:
 * targets/resident-prepare.ts) is wiped when its plan is dropped or replaced.
 */
import { randomUUID } from 'node:crypto';
import { conflict } from '../../errors';
import type { KnownMatches } from './apply';
import type { Plan } from './pipeline';

interface Staged {
  previewId: string;
  sessionId: string;
  fingerprint: string;
  plan: Plan;
  /** The preview's matches in the ledger, reused by the commit while the ledger is unchanged. */
  matches: KnownMatches;
}

const bySession = new Map<string, Staged>();

export function stage(sessionId: string, fingerprint: string, plan: Plan, matches: KnownMatches): string {
  dropStaged(sessionId);
  const previewId = randomUUID();
  bySession.set(sessionId, { previewId, sessionId, fingerprint, plan, matches });
  return previewId;
}

export function takeStaged(sessionId: string, previewId: string | undefined, fingerprint: string): { plan: Plan; matches: KnownMatches } | undefined {
  const s = bySession.get(sessionId);
  if (!s || s.previewId !== previewId || s.fingerprint !== fingerprint) return undefined;
  return s;
}

export function dropStaged(sessionId: string): void {
  bySession.get(sessionId)?.matches.prepared?.rows.wipe();
  bySession.delete(sessionId);
}

/** What makes two plans the same: the file's bytes and every choice that shapes the rows. */
export function fingerprintOf(
  fileHash: string,
  o: { target: string; sheet?: string | undefined; encoding: string; mapping: readonly (string | null)[]; constants: Readonly<Record<string, string>> },
): string {
  return JSON.stringify([fileHash, o.target, o.sheet ?? null, o.encoding, o.mapping, Object.entries(o.constants).sort()]);
}

/**
 * The file each of a session's recent previews read, by either road (an import by sheets stages no rows): a commit
 * naming one of them reads the file again, and one saved again since (another hash) is refused, never written as if it
 * were what the preview showed (S50-A1). Every recent preview, not only the last: a commit naming an earlier one of the
 * same window was read as it now is (S51-A4). A commit without a previewId (none was shown) reads the file as it is;
 * one naming a preview not kept here is refused (S52-A1).
 */
const previewed = new Map<string, Map<string, string>>();
/** A window previews a file at a time; a few kept are enough for a caller who went back and forth. */
const KEPT_PREVIEWS = 16;

export function notePreviewed(sessionId: string, previewId: string, fileHash: string): void {
  const mine = previewed.get(sessionId) ?? new Map<string, string>();
  mine.set(previewId, fileHash);
  if (mine.size > KEPT_PREVIEWS) mine.delete(mine.keys().next().value!);
  previewed.set(sessionId, mine);
}

export function refuseIfChangedSincePreview(sessionId: string, previewId: string | undefined, file: { fileName: string; hash: string }): void {
  if (previewId === undefined) return;
  const hash = previewed.get(sessionId)?.get(previewId);
  // A preview this window no longer keeps (the 17th pushed it out, the program restarted) or never made (another
  // window's, made up) is refused, never read as no preview at all: the file was written as it now is (S52-A1).
  if (hash === undefined) throw conflict(`文件「${file.fileName}」的预览已不在（预览过多或程序已重新打开）：本次没有导入，请重新预览后再导入。`);
  if (hash === file.hash) return;
  throw conflict(`文件「${file.fileName}」在预览之后被改动过（或换成了另一个同名文件），要导入的已不是预览里的内容：本次没有导入，请重新预览后再导入。`);
}
