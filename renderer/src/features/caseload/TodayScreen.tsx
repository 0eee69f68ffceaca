import { Fragment, useMemo, useState, type ReactNode } from 'react';
import { TODAY_KIND_LABELS, TODAY_KINDS, type TodayItem, type TodayKind } from '../../../../electron/core/caseload/today-types.shared';
import { useQuery } from '../../api/hooks';
import { useRoleAtLeast } from '../../kit/session-context';
import { TodayRow } from './TodayRow';
import { numOrUndefined, PlacePicker } from './shared';
import './caseload.css';
import { Message, useRunner } from '../../kit/Message';
import { PagerNav, usePageOf } from '../../kit/Pager';
import { Select } from '../../kit/Select';

/** Eight rows of forms fill a 768-high screen; the rest wait on the next page, asked of the core a page at a time. */
const PAGE_SIZE = 8;
const kindOf = (value: string | null): TodayKind | '' => TODAY_KINDS.find((k) => k === value) ?? '';

/** Where a whole kind can be seen as one list, with the matching filter (today.list's 逾期未监测 = the case grid's 只看逾期未监测). */
function wholeListLink(kind: TodayKind, place: { communityId: string; gridId: string }): string | null {
  if (kind !== 'check_overdue') return null;
  const q = new URLSearchParams({ overdue: '1', category: 'observation' });
  if (place.communityId) q.set('communityId', place.communityId);
  if (place.gridId) q.set('gridId', place.gridId);
  return `#/caseload?${q.toString()}`;
}

/**
 * 今日随访: everything due today, each done in one or two clicks without leaving the list.
 * The core counts every kind whole and sends the first page of each; later pages are asked
 * for as they are opened, so however many people are due, each can be reached.
 * 工作台 links here with ?kind= (only that kind of item) and ?communityId=.
 */
export function TodayScreen({ params }: { params: URLSearchParams }) {
  const [place, setPlace] = useState({ communityId: params.get('communityId') ?? '', gridId: params.get('gridId') ?? '' });
  const [only, setOnly] = useState<TodayKind | ''>(() => kindOf(params.get('kind')));
  const where = { communityId: numOrUndefined(place.communityId), gridId: numOrUndefined(place.gridId) };
  const today = useQuery('today.list', { ...where, limit: PAGE_SIZE }, [place.communityId, place.gridId]);
  const canWrite = useRoleAtLeast('clerk');
  const { msg, run, setMsg } = useRunner(today.reload);
  const data = today.data;
  const total = data ? TODAY_KINDS.reduce((n, k) => n + data.counts[k], 0) : 0;
  return (
    <div>
      <h1>今日随访{data ? `（${data.today}）` : ''}</h1>
      <div className="toolbar">
        <PlacePicker
          anyLabel="全部"
          communityId={place.communityId}
          gridId={place.gridId}
          onChange={(communityId, gridId) => setPlace({ communityId, gridId })}
        />
        <Select label="事项" value={only} onChange={(e) => setOnly(kindOf(e.target.value))}>
          <option value="">全部事项</option>
          {TODAY_KINDS.map((k) => (
            <option key={k} value={k}>
              {TODAY_KIND_LABELS[k]}
            </option>
          ))}
        </Select>
        <button type="button" onClick={today.reload}>
          刷新
        </button>
        <a className="no-print" href={`#/print/caseload-followup${place.communityId ? `?communityId=${place.communityId}` : ''}`}>
          打印随访清单
        </a>
      </div>
      <Message msg={msg} />
      {today.error && <p className="error">{today.error}</p>}
      {data && total === 0 && (
        <>
          <p className="ok">今天没有待办的随访事项。</p>
          {/* On a new ledger this page is empty for want of cases: say where they come from. */}
          <p className="muted">在观察的人每天要登记监测、困难群众到期要走访时，都列在这里。个案在「人员台账」登记，或从社区报来的表格导入。</p>
        </>
      )}
      {data && only !== '' && total > 0 && data.counts[only] === 0 && <p className="ok">今天没有「{TODAY_KIND_LABELS[only]}」事项。</p>}
      {data &&
        TODAY_KINDS.filter((k) => data.counts[k] > 0 && (only === '' || k === only)).map((kind) => {
          const label = TODAY_KIND_LABELS[kind];
          const whole = data.counts[kind] > PAGE_SIZE ? wholeListLink(kind, place) : null;
          return (
            <section key={kind} className="panel cl-today-group" aria-label={label}>
              <h2>
                {label} <span className="cl-count">{data.counts[kind]}</span>
                {whole && (
                  <a className="cl-whole" href={whole}>
                    在人员台账中查看全部 {data.counts[kind]} 人
                  </a>
                )}
              </h2>
              <TodayGroup
                kind={kind}
                count={data.counts[kind]}
                first={data.items.filter((i) => i.kind === kind)}
                where={where}
                render={(item) => (
                  <TodayRow key={item.key} item={item} today={data.today} canWrite={canWrite} run={run} reload={today.reload} report={setMsg} />
                )}
              />
            </section>
          );
        })}
    </div>
  );
}

/**
 * One kind's items a page at a time (the first page came with the counts; the
 * others are asked of the core), gathered by community under a line naming it
 * (a grid worker scans their own); the communities in the order of their most
 * urgent item, so the page still starts with what the core puts first.
 */
function TodayGroup(p: {
  kind: TodayKind;
  count: number;
  first: TodayItem[];
  where: { communityId: number | undefined; gridId: number | undefined };
  render: (item: TodayItem) => ReactNode;
}) {
  const [at, setPage] = usePageOf(p.count, PAGE_SIZE);
  return (
    <>
      {at === 0 ? <PlacedItems items={p.first} render={p.render} /> : <LaterPage key={at} {...p} at={at} />}
      <PagerNav at={at} total={p.count} size={PAGE_SIZE} label={TODAY_KIND_LABELS[p.kind]} onPage={setPage} />
    </>
  );
}

function LaterPage(p: Parameters<typeof TodayGroup>[0] & { at: number }) {
  const page = useQuery('today.list', { ...p.where, kind: p.kind, offset: p.at * PAGE_SIZE, limit: PAGE_SIZE }, [
    p.at,
    p.kind,
    p.where.communityId,
    p.where.gridId,
  ]);
  if (page.error) return <p className="error">{page.error}</p>;
  if (!page.data) return <p className="loading">正在载入第 {p.at + 1} 页…</p>;
  return <PlacedItems items={page.data.items} render={p.render} />;
}

function PlacedItems({ items, render }: { items: TodayItem[]; render: (item: TodayItem) => ReactNode }) {
  const byPlace = useMemo(() => {
    const first = new Map<string, number>();
    items.forEach((i, n) => first.has(i.communityName) || first.set(i.communityName, n));
    return [...items].sort((a, b) => first.get(a.communityName)! - first.get(b.communityName)!);
  }, [items]);
  const spansPlaces = new Set(items.map((i) => i.communityName)).size > 1;
  return (
    <>
      {byPlace.map((item, i) => (
        <Fragment key={item.key}>
          {spansPlaces && item.communityName !== byPlace[i - 1]?.communityName && <h3 className="cl-place">{item.communityName}</h3>}
          {render(item)}
        </Fragment>
      ))}
    </>
  );
}
