import { useCallback, useEffect, useState } from 'react';
import type { SessionInfo, SetupStatus } from '../../../electron/core/auth/types.shared';
import type { LedgerProblem } from '../../../electron/core/db/ledger-problem.shared';
import { call, errorMessage, onCoreEvent, onLocked } from '../api/client';
import { LedgerProblemScreen } from '../features/auth/LedgerProblemScreen';
import { SetupWizard } from '../features/auth/SetupWizard';
import { UnlockScreen } from '../features/auth/UnlockScreen';
import { FirstPasswordScreen } from '../features/auth/FirstPasswordScreen';
import { DueRotationScreen } from '../features/auth/DueRotationScreen';
import { followOfficeClock } from '../kit/datetime';
import { Shell } from './Shell';
import { LOCK_NOTICES } from './lock-notice';
import { SessionCtx, SessionUpdateCtx } from '../kit/session-context';

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'problem'; status: SetupStatus; atPassword?: boolean; accountOnly?: boolean }
  | { kind: 'setup' }
  | { kind: 'locked'; notice: string | null }
  | { kind: 'open'; session: SessionInfo };

export function App() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  // Every session carries the core's clock: days and times on screen are the office's.
  const open = useCallback((session: SessionInfo) => {
    followOfficeClock(session.clock);
    setState({ kind: 'open', session });
  }, []);

  const start = useCallback(async () => {
    try {
      const status = await call('setup.status', {});
      if (status.problem) return setState({ kind: 'problem', status });
      if (!status.initialized) return setState({ kind: 'setup' });
      const who = await call('auth.whoami', {});
      if (who) open(who);
      else setState({ kind: 'locked', notice: null });
    } catch (e) {
      setState({ kind: 'error', message: errorMessage(e) });
    }
  }, [open]);

  // Refused at the password as damaged: the problem screen, saying where the ledger is, with the way back to the sign-in.
  // 'account': one account's key, none left to reset it with (ACCOUNT_KEY_DAMAGED's 'backup' way): a backup is the way.
  const refused = useCallback(async (problem: LedgerProblem, scope: 'ledger' | 'account' = 'ledger') => {
    try {
      setState({ kind: 'problem', status: { ...(await call('setup.status', {})), problem }, atPassword: true, accountOnly: scope === 'account' });
    } catch (e) {
      setState({ kind: 'error', message: errorMessage(e) });
    }
  }, []);

  useEffect(() => void start(), [start]);
  useEffect(() => onLocked((message) => setState({ kind: 'locked', notice: message })), []);
  useEffect(
    () =>
      onCoreEvent((e) => {
        if (e.type === 'locked') setState({ kind: 'locked', notice: LOCK_NOTICES[e.reason] });
      }),
    [],
  );

  // The screens that hold a session at the door (a new password first) can always lock instead.
  const lockFromGate = () => void call('auth.lock', {}).finally(() => setState({ kind: 'locked', notice: null }));
  switch (state.kind) {
    case 'loading':
      return <p className="loading">街道防控台账…</p>;
    case 'error':
      return (
        <main className="auth-card" role="alert">
          <p className="error">{state.message}</p>
        </main>
      );
    case 'problem':
      return (
        <LedgerProblemScreen
          status={state.status}
          onReopened={() => void start()}
          onBack={state.atPassword ? () => setState({ kind: 'locked', notice: null }) : undefined}
          accountOnly={state.accountOnly === true}
        />
      );
    case 'setup':
      return <SetupWizard onDone={() => void start()} />;
    case 'locked':
      return <UnlockScreen notice={state.notice} onUnlocked={open} onRefused={(p, scope) => void refused(p, scope)} />;
    case 'open':
      if (state.session.rotationDue) return <DueRotationScreen session={state.session} onDone={open} onLock={lockFromGate} />;
      if (state.session.user.mustChangePassword) return <FirstPasswordScreen session={state.session} onDone={open} onLock={lockFromGate} />;
      return (
        <SessionUpdateCtx.Provider value={open}>
          <SessionCtx.Provider value={state.session}>
            <Shell
              onLock={async () => {
                await call('auth.lock', {});
                setState({ kind: 'locked', notice: null });
              }}
            />
          </SessionCtx.Provider>
        </SessionUpdateCtx.Provider>
      );
    default: {
      const never: never = state;
      return never;
    }
  }
}
