/**
 * Sign-ins under way (thirteenth attack run, W2-R2). auth.unlock and auth.recover open the ledger in the throttle's
 * turn and judge the key after it, in steps that answer other channels meanwhile (db/ledger-unlock.ts). Until they
 * end there is no session, so auth.lock (public) from any window, one that never signed in too, found none left and
 * closed the ledger: the sign-in was cancelled (CONFLICT 「…请重新输入密码解锁」) as often as the lock came. In one-go
 * order such a lock changes nothing. So the ledger closes when no session is left and no sign-in is under way; a
 * lock that came meanwhile is carried out when the last sign-in under way ends without a session.
 */
import { anchorAfterCommit } from '../audit/anchor-write';
import { AppError } from '../errors';
import type { SessionContext } from '../handler-types';

type Services = SessionContext['services'];

/** Per core (its services): sign-ins under way, and whether a lock asked meanwhile for the ledger to close. */
const underWay = new WeakMap<Services, { count: number; closeAsked: boolean }>();

/** Closes the ledger when nobody is signed in and no sign-in is under way (else it is closed once they end). */
export function closeIfNobodyIn(services: Services, now: string): void {
  if (services.sessions.size() > 0 || !services.ledger.isOpen()) return;
  const w = underWay.get(services);
  if (w && w.count > 0) {
    w.closeAsked = true;
    return;
  }
  anchorAfterCommit(services.ledger.handle(), services.ledger.sealer(), now);
  services.ledger.close();
}

/** Ends this window's session as 锁定 does: its session and file grants gone, the ledger closed if nobody is left in. */
export function endSession(ctx: SessionContext): void {
  ctx.services.sessions.delete(ctx.sessionId);
  ctx.services.grants.dropSession(ctx.sessionId);
  // Not under a sign-in still being judged (W2-R2): closed when it ends without a session.
  closeIfNobodyIn(ctx.services, ctx.clock.nowIso());
}

/** A sign-in handler counted as under way from its first step to its answer. */
export function signingIn<I, R>(handler: (input: I, ctx: SessionContext) => Promise<R>): (input: I, ctx: SessionContext) => Promise<R> {
  return async (input, ctx) => {
    const w = underWay.get(ctx.services) ?? { count: 0, closeAsked: false };
    underWay.set(ctx.services, w);
    w.count++;
    try {
      return await handler(input, ctx);
    } catch (e) {
      // A file found damaged on the way (a lookup whose index lies, S35-A2) is not left open with nobody in it.
      if (e instanceof AppError && e.code === 'LEDGER_DAMAGED' && w.count === 1 && ctx.services.sessions.size() === 0 && ctx.services.ledger.isOpen())
        ctx.services.ledger.close();
      throw e;
    } finally {
      w.count--;
      if (w.count === 0) {
        underWay.delete(ctx.services);
        if (w.closeAsked) closeIfNobodyIn(ctx.services, ctx.clock.nowIso());
      }
    }
  };
}
