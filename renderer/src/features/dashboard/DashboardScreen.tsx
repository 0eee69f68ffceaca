/**
 * 工作台: the first screen after unlocking. "What needs me today, and where
 * is the office falling behind?" in one dashboard.summary call, reloaded
 * whenever the core reports a change; every tile and bar opens the screen behind it.
 */
import { useSession } from '../../kit/session-context';
import { useQuery } from '../../api/hooks';
import { CasesChart, CoverageChart, TrendChart } from './charts';
import { StaffingChart, SuppliesChart } from './resource-charts';
import { FirstSteps } from './FirstSteps';
import { fullDay } from './format';
import { TileRow, actionTiles, overviewTiles } from './Tiles';
import './dashboard.css';

export function DashboardScreen({ params }: { params: URLSearchParams }) {
  const { user } = useSession();
  const communityId = Number(params.get('communityId')) || null;
  const summary = useQuery('dashboard.summary', communityId === null ? {} : { communityId }, [communityId]);
  const s = summary.data;
  const scope = { communityId };
  const choose = (value: string) => {
    window.location.hash = value ? `#/dashboard?communityId=${value}` : '#/dashboard';
  };
  return (
    <div className="dash">
      <header className="dash-head">
        <h1>工作台</h1>
        {s && <span className="dash-today">{fullDay(s.today)}</span>}
        <label className="dash-filter">
          <span>查看范围</span>
          <select aria-label="查看范围" value={communityId ?? ''} onChange={(e) => choose(e.target.value)}>
            <option value="">全街道</option>
            {s?.communities.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </header>
      <FirstSteps role={user.role} />
      {summary.error && (
        <p className="error" role="alert">
          {summary.error}
        </p>
      )}
      {!s && !summary.error && <p className="loading">正在汇总今天的情况…</p>}
      {s && (
        <>
          <div className="dash-top">
            <TileRow title="今天要办" tiles={actionTiles(s, scope, user.role)} className="dash-todo" />
            <TileRow title="总体情况" tiles={overviewTiles(s, scope)} className="dash-overview" />
          </div>
          <div className="dash-charts">
            {s.caseload && <CasesChart data={s.caseload.casesByCategory} />}
            {s.caseload && <TrendChart points={s.caseload.observationTrend} scope={scope} />}
            {s.coverage && <CoverageChart coverage={s.coverage} scope={scope} />}
            {s.supplies && <SuppliesChart supplies={s.supplies} scope={scope} />}
            {s.rota && <StaffingChart rota={s.rota} scope={scope} />}
          </div>
        </>
      )}
    </div>
  );
}
