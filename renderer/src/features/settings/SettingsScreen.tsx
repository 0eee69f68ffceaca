import { useState } from 'react';
import { useSession } from '../../kit/session-context';
import { useT } from '../../i18n';
import { AuditPanel } from '../audit/AuditPanel';
import { UsersPanel } from '../auth/UsersPanel';
import { OrgPanel } from '../org/OrgPanel';
import { IdleLockPanel } from './IdleLockPanel';
import { roleAtLeast } from '../../../../electron/core/contract';

type Tab = 'org' | 'users' | 'lock' | 'audit';

export function SettingsScreen() {
  const { t } = useT();
  const { user } = useSession();
  const isCoordinator = roleAtLeast(user.role, 'coordinator');
  const tabs: Array<{ id: Tab; label: string }> = [
    { id: 'org', label: t('settings.org') },
    ...(isCoordinator ? [{ id: 'users' as const, label: t('settings.users') }] : []),
    { id: 'lock', label: t('settings.lock') },
    ...(isCoordinator ? [{ id: 'audit' as const, label: t('settings.audit') }] : []),
  ];
  const [tab, setTab] = useState<Tab>('org');
  return (
    <section>
      <h1>{t('nav.settings')}</h1>
      <div className="tabs" role="tablist">
        {tabs.map((x) => (
          <button key={x.id} role="tab" aria-selected={tab === x.id} onClick={() => setTab(x.id)}>
            {x.label}
          </button>
        ))}
      </div>
      {tab === 'org' && <OrgPanel editable={isCoordinator} />}
      {tab === 'users' && <UsersPanel />}
      {tab === 'lock' && <IdleLockPanel editable={isCoordinator} />}
      {tab === 'audit' && <AuditPanel />}
    </section>
  );
}
