import { useEffect, useState } from 'react';
import { PrintRoute } from './PrintRoute';
import { SCREENS } from './screens';
import { useSession } from '../kit/session-context';
import { ROLE_LABELS, roleAtLeast } from '../../../electron/core/contract';
import { SignInNotices } from '../features/auth/SignInNotices';

function parseHash(): { id: string; params: URLSearchParams } {
  const raw = window.location.hash.replace(/^#\/?/, '');
  const [id = '', query = ''] = raw.split('?');
  return { id, params: new URLSearchParams(query) };
}

/** Navigation, the office's name, who is signed in, and the lock button. */
export function Shell({ onLock }: { onLock: () => Promise<void> }) {
  const session = useSession();
  const [route, setRoute] = useState(parseHash);
  useEffect(() => {
    const on = () => setRoute(parseHash());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  if (route.id.startsWith('print/')) return <PrintRoute id={route.id.slice(6)} params={route.params} />;
  const visible = SCREENS.filter((s) => roleAtLeast(session.user.role, s.minRole));
  const current = visible.find((s) => s.id === route.id) ?? visible[0]!;

  return (
    <div className="shell">
      <header className="topbar no-print">
        <span className="brand">街道防控台账</span>
        <span className="office">{session.officeName}</span>
        <span className="who">
          {/* Without the sensitive key a clerk or coordinator works as 只读查看 (SignInNotices says why). */}
          {session.user.displayName}（
          {session.keyNotice ? `${ROLE_LABELS[session.keyNotice.role]}，暂按${ROLE_LABELS[session.user.role]}` : ROLE_LABELS[session.user.role]}）
        </span>
        <button type="button" onClick={() => void onLock()}>
          锁定
        </button>
      </header>
      <nav className="sidenav no-print" aria-label="导航">
        {visible.map((s) => (
          <a key={s.id} href={`#/${s.id}`} aria-current={s.id === current.id ? 'page' : undefined}>
            {s.label}
          </a>
        ))}
      </nav>
      {/* A new main for each screen: it opens at its top, not scrolled to where the last screen was left. */}
      <main className="content" key={current.id}>
        <SignInNotices />
        {current.render(route.params)}
      </main>
    </div>
  );
}
