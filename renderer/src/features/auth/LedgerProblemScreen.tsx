import type { SetupStatus } from '../../../../electron/core/auth/contract';
import { useT } from '../../i18n';

/** Startup when the ledger cannot be opened: say what happened, delete nothing. */
export function LedgerProblemScreen({ status }: { status: SetupStatus }) {
  const { t } = useT();
  return (
    <main className="auth-card problem" role="alert">
      <h1>{t('problem.title')}</h1>
      <p className="error">{status.problem?.message}</p>
      <p>
        {t('problem.where')}：<code>{status.dataDir}</code>
      </p>
      <p>{t('problem.advice')}</p>
    </main>
  );
}
