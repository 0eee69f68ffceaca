/**
 * The tiles of 工作台. Two rows a coordinator learns by heart: 今天要办
 * (red when something waits for action, a green 无 when nothing does) and
 * 总体情况 (neutral figures). The order never changes, so the eye finds a
 * tile where it was yesterday.
 */
import type { ReactNode } from 'react';
import { roleAtLeast, type Role } from '../../../../electron/core/contract';
import type { DashboardSummary } from '../../../../electron/core/dashboard/types.shared';
import { KeepNames } from '../../kit/KeepNames';
import { drill, type Scope } from './drill';
import { careLine, monthDay, pct } from './format';

type Tone = 'action' | 'clear' | 'info';

interface TileDef {
  key: string;
  label: string;
  value: string;
  unit: string;
  tone: Tone;
  href: string | null;
  detail: ReactNode;
}

function Tile({ t }: { t: TileDef }) {
  const body = (
    <>
      <span className="dash-tile-label">{t.label}</span>
      <span className="dash-tile-value">
        {t.tone === 'clear' ? '无' : t.value}
        {t.tone !== 'clear' && t.unit ? <small>{t.unit}</small> : null}
      </span>
    </>
  );
  return (
    <div className={`dash-tile tone-${t.tone}`} data-tile={t.key}>
      {t.href ? (
        <a className="dash-tile-main" href={t.href} aria-label={`${t.label}：${t.tone === 'clear' ? '无' : `${t.value}${t.unit}`}，点击查看`}>
          {body}
        </a>
      ) : (
        <div className="dash-tile-main">{body}</div>
      )}
      <div className="dash-tile-detail">{typeof t.detail === 'string' ? <KeepNames text={t.detail} /> : t.detail}</div>
    </div>
  );
}

/** An action tile: red with a number when n > 0, a calm 无 otherwise. */
const action = (n: number) => (n > 0 ? 'action' : 'clear');

/** 今天要办 for the reader's role: a way that needs a role the reader lacks is said as who does it, not as a link. */
export function actionTiles(s: DashboardSummary, scope: Scope, role: Role): TileDef[] {
  const canExport = roleAtLeast(role, 'coordinator');
  const tiles: TileDef[] = [];
  const c = s.caseload;
  if (c) {
    tiles.push({
      key: 'escalations',
      label: '体温/症状异常待处置',
      value: String(c.escalations),
      unit: '人次',
      tone: action(c.escalations),
      href: drill.escalations(scope),
      // After 转发热分诊 a fever leaves this figure; the people sent to a fever clinic and not yet there are the next thing
      // asked in the morning: a line under it, its link the grid of exactly those cases (a tile more would take a third row).
      detail: (
        <>
          {c.oldestEscalationDay ? `最早一条：${monthDay(c.oldestEscalationDay)}` : '监测中未发现待处置异常'}
          <br />
          {c.referralsAwaiting.people > 0 ? (
            <a href={drill.referralsAwaiting(scope)} data-line="referrals-awaiting">
              已转诊待到达 {c.referralsAwaiting.people} 人
            </a>
          ) : (
            <span data-line="referrals-awaiting">没有已转诊待到达的人</span>
          )}
        </>
      ),
    });
    tiles.push({
      key: 'overdue',
      label: '逾期未监测',
      value: String(c.checksOverdue),
      unit: '人',
      tone: action(c.checksOverdue),
      href: drill.overdueChecks(scope),
      // The figure counts days already over; today's checks still to do are not overdue, and the line says they are besides it
      // (before, 「今天还有 N 人未监测」 under a red figure read at 01:30 as today's checks already late).
      // Nobody under observation is not the same as every check done.
      detail: c.uncheckedToday > 0 ? `今天另有 ${c.uncheckedToday} 人待测` : c.observing.total > 0 ? '今天的监测已全部完成' : '目前没有在观察的人',
    });
    tiles.push({
      key: 'release',
      label: '待解除观察',
      value: String(c.awaitingRelease),
      unit: '人',
      tone: action(c.awaitingRelease),
      href: drill.releaseDue(scope),
      detail: c.awaitingRelease > 0 ? '观察期已满，请解除或写明原因延长' : '没有期满未解除的观察',
    });
    tiles.push({
      key: 'needs',
      label: '困难群众未解决需求',
      value: String(c.openNeeds.people),
      unit: '人',
      tone: action(c.openNeeds.people),
      href: drill.openNeeds(scope),
      detail: careLine(c.openNeeds.needs, c.careVisitsDue),
    });
  }
  const sup = s.supplies;
  // (Any shortage is measured: a store emptied long ago using 1/28 a day shows 0.0 and is short.)
  if (sup && sup.shortRows === 0 && sup.items.every((i) => i.stock <= 0 && i.burn === 0)) {
    // Nothing on hand and nothing used (a new ledger lists its items at 0): 「够用」 would be a figure nobody measured.
    tiles.push({
      key: 'supplies',
      label: '物资缺口',
      value: '—',
      unit: '',
      tone: 'info',
      href: drill.shortages(),
      detail:
        scope.communityId !== null
          ? '这个社区还没有库存记录'
          : roleAtLeast(role, 'clerk')
            ? '还没有库存记录：先在「物资」登记入库或盘点'
            : '还没有库存记录（由录入员或统筹负责人在「物资」登记入库或盘点）',
    });
  } else if (sup) {
    tiles.push({
      key: 'supplies',
      label: '物资缺口',
      value: String(sup.shortRows),
      unit: '项',
      tone: action(sup.shortRows),
      href: drill.shortages(),
      detail: sup.first
        ? `最先断货：${sup.first.storeName}·${sup.first.itemName}${sup.first.stockOut ? `（约 ${monthDay(sup.first.stockOut)}）` : ''}`
        : '各处物资均够用到安全天数',
    });
  }
  const rota = s.rota;
  if (rota) {
    tiles.push({
      // No post needs anyone yet: nothing to staff is not the same as fully staffed.
      key: 'rota',
      label: '7 天内缺岗',
      value: rota.fillRatePct14 === null ? '—' : String(rota.unfilledNext7),
      unit: rota.fillRatePct14 === null ? '' : '人次',
      tone: rota.fillRatePct14 === null ? 'info' : action(rota.unfilledNext7),
      href: drill.rota(scope, rota.firstGapDay),
      detail:
        rota.fillRatePct14 === null
          ? '尚未设置岗位需求'
          : `${rota.firstGapDay ? `最早缺岗：${monthDay(rota.firstGapDay)} · ` : ''}14 天到岗率 ${rota.fillRatePct14}%`,
    });
  }
  const m = s.memorials;
  if (m) {
    tiles.push({
      key: 'memorials',
      label: '牺牲人员逾期未报告',
      value: String(m.overdueReports),
      unit: '人',
      tone: action(m.overdueReports),
      href: drill.memorials(m.memorialIds),
      detail: m.followUpsDue > 0 ? `家属慰问/帮扶到期 ${m.followUpsDue} 项` : '没有到期的家属慰问或帮扶',
    });
  }
  const r = s.reports;
  if (r && r.scheduled === 0) {
    // No calendar at all: an empty list here would read as "all sent".
    tiles.push({
      key: 'reports',
      label: '今日待报送',
      value: '—',
      unit: '',
      tone: 'info',
      href: canExport ? drill.reports() : null,
      detail: canExport ? <a href={drill.reports()}>尚未设置报送日历，去设置</a> : '尚未设置报送日历（请统筹负责人在「上报 → 报送日历」中设置）',
    });
  } else if (r) {
    const overdue = r.items.filter((i) => i.state === 'overdue');
    const due = r.items.filter((i) => i.state === 'due');
    tiles.push({
      key: 'reports',
      label: '今日待报送',
      value: String(r.due + r.overdue),
      unit: '份',
      tone: action(r.due + r.overdue),
      href: canExport ? drill.reports() : null,
      detail:
        r.items.length === 0 ? (
          '本周报表均已报送或未到期'
        ) : (
          <>
            {scope.communityId !== null && '全街道：'}
            {overdue.length > 0 && <span className="dash-late">已逾期：{overdue.map((i) => i.title).join('、')}</span>}
            {overdue.length > 0 && due.length > 0 && ' · '}
            {due.length > 0 && <span>{due.map((i) => `${i.title}（${i.dueTime} 前）`).join('、')}</span>}
          </>
        ),
    });
  }
  return tiles;
}

export function overviewTiles(s: DashboardSummary, scope: Scope): TileDef[] {
  const tiles: TileDef[] = [];
  const c = s.caseload;
  if (c) {
    tiles.push({
      key: 'observing',
      label: '正在观察',
      value: String(c.observing.total),
      unit: '人',
      tone: 'info',
      href: drill.observing(scope),
      detail: (
        <>
          <a href={drill.observing(scope, 'home_observation')}>居家观察 {c.observing.home}</a> ·{' '}
          <a href={drill.observing(scope, 'medical_observation')}>医学观察 {c.observing.medical}</a>
        </>
      ),
    });
  }
  const cov = s.coverage;
  if (cov) {
    const notLoaded = cov.state === 'not_loaded';
    tiles.push({
      key: 'coverage',
      label: '入户排查覆盖率',
      value: cov.coveragePct === null ? '—' : pct(cov.coveragePct),
      unit: cov.coveragePct === null ? '' : '%',
      tone: 'info',
      href: drill.coverage(scope),
      detail: notLoaded ? (
        cov.grids.length === 0 ? (
          '尚未设置网格'
        ) : (
          '各网格均未录入住户'
        )
      ) : cov.state === 'complete' ? (
        `应排查 ${cov.households} 户已全部排查`
      ) : (
        <>
          已排查 {cov.screened}/{cov.households} 户{cov.gridsNotLoaded > 0 ? `，${cov.gridsNotLoaded} 个网格未录入住户` : ''}。覆盖率最低：
          <ul className="dash-weakest" aria-label="覆盖率最低的网格">
            {cov.weakest.map((g) => (
              <li key={`${g.communityId}-${g.gridId ?? 'none'}`}>
                <a href={drill.grid(g.communityId, g.gridId)}>
                  {scope.communityId === null ? `${g.communityName}·` : ''}
                  {g.gridName}
                </a>{' '}
                {g.coveragePct === null ? '未录入住户' : `${pct(g.coveragePct)}%`}
              </li>
            ))}
          </ul>
        </>
      ),
    });
  }
  return tiles;
}

export function TileRow({ title, tiles, className = '' }: { title: string; tiles: TileDef[]; className?: string }) {
  if (tiles.length === 0) return null;
  return (
    <section className={`dash-row ${className}`} aria-label={title}>
      <h2>{title}</h2>
      <div className="dash-tiles">
        {tiles.map((t) => (
          <Tile key={t.key} t={t} />
        ))}
      </div>
    </section>
  );
}
