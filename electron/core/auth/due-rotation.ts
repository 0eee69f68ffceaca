/**
 * A rotation left due (someone had not signed in since the upgrade; auth/keys.ts rotateOrMarkDue) runs at a
 * coordinator's sign-in once nobody would be locked out. Every rotation ends with the rotating coordinator on a new
 * password (session 21 attack run, R1), and a sign-in knows only the old one: so the sign-in stops at 「设置新密码」
 * (SessionInfo.rotationDue; the router refuses every other channel), and this channel runs the rotation with the
 * password typed there. Until it succeeds nothing changes and the session stays held; locking is always possible.
 * It makes a new recovery key, shown once on the result like every rotation's (the coordinator is there, typing):
 * the old sheet then opens nothing, instead of a slot whose pin names the retired key (w40-rd1).
 */
import type { HandlersOf } from '../handler-types';
import type { authContract } from './contract';
import { rotateAudited } from './keys';
import { rotationDue } from './rotation-owed';
import { confirmRotationPasswords } from './rotation-passwords';

type AuthHandlers = HandlersOf<typeof authContract>;

export const dueRotationHandlers: Pick<AuthHandlers, 'auth.finishRotation'> = {
  'auth.finishRotation': async (input, ctx) => {
    const { services, session } = ctx;
    const passwords = await confirmRotationPasswords(ctx, input, '更换密钥');
    const due = rotationDue(services.ledger.handle(), services.ledger.sealer(), services.clock.nowIso());
    // Another window of a coordinator ran it meanwhile: this one has nothing left to wait for.
    const done = due
      ? rotateAudited(services, { userId: session.userId, username: session.username }, due.reason, passwords)
      : { rotated: false, resealed: 0, needsNewPassword: [], recoveryKey: null };
    for (const s of services.sessions.all()) if (s.userId === session.userId) s.rotationDue = null;
    if (done.rotated) services.sessions.passwordChanged(session.userId);
    return done;
  },
};
