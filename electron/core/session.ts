/**
 * Sessions: in the app a session belongs to a window, in preview to a token.
 * The core keeps who is unlocked and when they last did something, for the
 * idle lock.
 */
import type { KeyNotice, Role } from './contract';

export interface Session {
  sessionId: string;
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  /** This session opened a slot holding the sensitive key (never a viewer's): it may seal and open. */
  sensitive: boolean;
  /** A clerk or coordinator running as 只读查看 because their slot has no sensitive key: why (auth/key-notice.ts). */
  keyNotice?: KeyNotice | null;
  /** Still on a coordinator-set password: the router refuses every channel but auth.changePassword (router.ts). */
  mustChangePassword?: boolean;
  /** A rotation left due waits for this coordinator's new password: the router refuses every channel but auth.finishRotation. */
  rotationDue?: { reason: string } | null;
  /** What 用恢复密钥核对 last found in this session (auth/recovery-sheet-check.ts): the acknowledgement's audit row says it. */
  recoverySheet?: 'opens' | 'refused';
  lastActivityMs: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  get(sessionId: string): Session | undefined {
    return this.sessions.get(sessionId);
  }
  set(s: Session): void {
    this.sessions.set(s.sessionId, s);
  }
  delete(sessionId: string): void {
    this.sessions.delete(sessionId);
  }
  all(): Session[] {
    return [...this.sessions.values()];
  }
  size(): number {
    return this.sessions.size;
  }
  /** The user set their own password: every window of theirs may go on. */
  passwordChanged(userId: number): void {
    for (const s of this.sessions.values()) if (s.userId === userId) s.mustChangePassword = false;
  }
  /** Drops every session of a user (disabled, or role changed). */
  dropUser(userId: number): string[] {
    const dropped: string[] = [];
    for (const s of this.sessions.values()) {
      if (s.userId !== userId) continue;
      this.sessions.delete(s.sessionId);
      dropped.push(s.sessionId);
    }
    return dropped;
  }
}
