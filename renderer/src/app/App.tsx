import { useCallback, useEffect, useState } from 'react';
import type { SessionInfo, SetupStatus } from '../../../electron/core/auth/contract';
import { call, errorMessage, onCoreEvent, onLocked } from '../api/client';
import { LedgerProblemScreen } from '../features/auth/LedgerProblemScreen';
import { SetupWizard } from '../features/auth/SetupWizard';
import { UnlockScreen } from '../features/auth/UnlockScreen';
import { useT } from '../i18n';
import { Shell } from './Shell';
import { SessionCtx } from '../kit/session-context';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'problem'; status: SetupStatus } | { kind: 'setup' } | { kind: 'locked'; notice: string | null } | { kind: 'open'; session: SessionInfo };

export function App() {
  const { t } = useT();
  const [state, setState] = useState<State>({ kind: 'loading' });

  const start = useCallback(async () => {
    try {
      const status = await call('setup.status', {});
      if (status.problem) return setState({ kind: 'problem', status });
      if (!status.initialized) return setState({ kind: 'setup' });
      const who = await call('auth.whoami', {});
      setState(who ? { kind: 'open', session: who } : { kind: 'locked', notice: null });
    } catch (e) {
      setState({ kind: 'error', message: errorMessage(e) });
    }
  }, []);

  useEffect(() => void start(), [start]);
  useEffect(() => onLocked((message) => setState({ kind: 'locked', notice: message })), []);
  useEffect(
    () =>
      onCoreEvent((e) => {
        if (e.type === 'locked') setState({ kind: 'locked', notice: e.reason === 'idle' ? '长时间未操作，台账已自动锁定。' : e.reason === 'user-disabled' ? '您的账号已被停用。' : null });
      }),
    [],
  );

  switch (state.kind) {
    case 'loading':
      return <p className="loading">{t('app.title')}…</p>;
    case 'error':
      return (
        <main className="auth-card" role="alert">
          <p className="error">{state.message}</p>
        </main>
      );
    case 'problem':
      return <LedgerProblemScreen status={state.status} onReopened={() => void start()} />;
    case 'setup':
      return <SetupWizard onDone={() => void start()} />;
    case 'locked':
      return <UnlockScreen notice={state.notice} onUnlocked={(session) => setState({ kind: 'open', session })} />;
    case 'open':
      return (
        <SessionCtx.Provider value={state.session}>
          <Shell
            onLock={async () => {
              await call('auth.lock', {});
              setState({ kind: 'locked', notice: null });
            }}
          />
        </SessionCtx.Provider>
      );
    default: {
      const never: never = state;
      return never;
    }
  }
}
