import { useState } from 'react';
import { useSession } from '../../kit/session-context';
import { AuditPanel } from '../audit/AuditPanel';
import { AccountPanel } from '../auth/AccountPanel';
import { UsersPanel } from '../auth/UsersPanel';
import { OrgPanel } from '../org/OrgPanel';
import { HealthSettingsPanel } from '../caseload/HealthSettingsPanel';
import { IdleLockPanel } from './IdleLockPanel';
import { TimeZonePanel } from './TimeZonePanel';
import { roleAtLeast } from '../../../../electron/core/contract';

type Tab = 'org' | 'users' | 'account' | 'health' | 'lock' | 'zone' | 'audit';

/**
 * 设置; other screens link to a tab with ?tab= (org, users, account, health, lock, audit), and to 用户's 密钥 panel,
 * below the users' list, with ?tab=users&at=keys.
 */
export function SettingsScreen({ initialTab, at }: { initialTab: string | null; at?: string | null }) {
  const { user } = useSession();
  const isCoordinator = roleAtLeast(user.role, 'coordinator');
  const tabs: Array<{ id: Tab; label: string }> = [
    { id: 'org', label: '社区与网格' },
    ...(isCoordinator ? [{ id: 'users' as const, label: '用户' }] : []),
    { id: 'account', label: '我的账号' },
    { id: 'health', label: '监测标准' },
    { id: 'lock', label: '自动锁定' },
    { id: 'zone', label: '日期与时区' },
    ...(isCoordinator ? [{ id: 'audit' as const, label: '操作日志' }] : []),
  ];
  const [tab, setTab] = useState<Tab>(() => tabs.find((x) => x.id === initialTab)?.id ?? 'org');
  // Only as the link opens it: 用户 chosen again later opens at its top.
  const [keysLinked, setKeysLinked] = useState(at === 'keys');
  return (
    <section>
      <h1>设置</h1>
      <div className="tabs" role="tablist">
        {tabs.map((x) => (
          <button key={x.id} role="tab" aria-selected={tab === x.id} onClick={() => (setTab(x.id), setKeysLinked(false))}>
            {x.label}
          </button>
        ))}
      </div>
      {tab === 'org' && <OrgPanel editable={isCoordinator} />}
      {tab === 'users' && <UsersPanel showKeys={keysLinked} />}
      {tab === 'account' && <AccountPanel />}
      {tab === 'health' && <HealthSettingsPanel editable={isCoordinator} />}
      {tab === 'lock' && <IdleLockPanel editable={isCoordinator} />}
      {tab === 'zone' && <TimeZonePanel editable={isCoordinator} />}
      {tab === 'audit' && <AuditPanel />}
    </section>
  );
}
