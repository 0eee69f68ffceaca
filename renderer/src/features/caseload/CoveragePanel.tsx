import { useState } from 'react';
import { COVERAGE_STATE_LABELS, type CoverageFigures, type GridCoverage } from '../../../../electron/core/caseload/coverage-types.shared';
import { call } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { DataGrid } from '../../kit/grid/DataGrid';
import { numOrUndefined, PlacePicker } from './shared';
import { Message, useRunner } from '../../kit/Message';
import { useRoleAtLeast } from '../../kit/session-context';
import { ungriddedNotes } from './ungridded';

/** 覆盖率 as the coordinator reads it: 「未录入住户」 where nothing is on the ledger yet. */
export const pctText = (f: Pick<CoverageFigures, 'coveragePct'>) => (f.coveragePct === null ? COVERAGE_STATE_LABELS.not_loaded : `${f.coveragePct}%`);
const lowClass = (f?: CoverageFigures) => (f && f.state !== 'complete' ? 'cl-pct-low' : '');

/**
 * 入户排查全覆盖 per grid, community and the whole office; zero reports for grids with nothing new.
 * Opens on one community or grid when 工作台 links here (?communityId=&gridId=).
 */
export function CoveragePanel({ initial }: { initial: URLSearchParams }) {
  const [place, setPlace] = useState({ communityId: initial.get('communityId') ?? '', gridId: initial.get('gridId') ?? '' });
  const communityId = numOrUndefined(place.communityId);
  const s = useQuery('coverage.summary', communityId === undefined ? {} : { communityId }, [communityId]);
  const canWrite = useRoleAtLeast('clerk');
  const { msg, run } = useRunner(s.reload);
  const d = s.data;
  const picker = (
    <div className="toolbar">
      <PlacePicker anyLabel="全部" communityId={place.communityId} gridId={place.gridId} onChange={(c, g) => setPlace({ communityId: c, gridId: g })} />
    </div>
  );
  if (!d)
    return (
      <div>
        {picker}
        <p className="loading">{s.error ?? '正在统计…'}</p>
      </div>
    );
  const scopeName = communityId === undefined ? '全街道' : (d.communities[0]?.communityName ?? '本社区');
  const grids = place.gridId === '' ? d.grids : d.grids.filter((g) => String(g.gridId) === place.gridId);
  const o = d.office;
  return (
    <div>
      {picker}
      <div className="panel" role="region" aria-label={`${scopeName}排查覆盖`}>
        <h2>
          {scopeName}：应排查 {o.households} 户，已排查 {o.screened} 户，覆盖率 <span className={lowClass(o) || 'ok'}>{pctText(o)}</span>
        </h2>
        <p>
          应排查户数：网格取申报户数与已录入户数中较大者，社区取社区申报户数与各网格之和中较大者；不在家、拒绝的不算已排查。已录入 {o.loaded} 户
          {o.notLoaded > 0 ? `，尚有 ${o.notLoaded} 户未录入台账` : ''}；不在家 {o.notHome} 户，拒绝 {o.refused} 户，未排查 {o.unscreened} 户（{d.date}）
        </p>
      </div>
      <Message msg={msg} />
      <DataGrid
        label="各社区排查覆盖"
        height={260}
        rowData={d.communities}
        empty={{ text: '还没有社区。先到「设置 → 社区与网格」添加社区和网格，再录入住户。', action: { label: '去添加社区', href: '#/settings?tab=org' } }}
        columnDefs={[
          { field: 'communityName', headerName: '社区', pinned: 'left' },
          { field: 'households', headerName: '应排查户数', width: 110 },
          { field: 'loaded', headerName: '已录入', width: 90 },
          { field: 'screened', headerName: '已排查', width: 90 },
          { field: 'notHome', headerName: '不在家', width: 90 },
          { field: 'refused', headerName: '拒绝', width: 80 },
          { colId: 'coverage', headerName: '覆盖率', width: 120, valueGetter: (p) => (p.data ? pctText(p.data) : ''), cellClass: (p) => lowClass(p.data) },
        ]}
      />
      <h2>各网格</h2>
      {ungriddedNotes(d.grids).map((note) => (
        <p key={note} className="hint">
          {note}
        </p>
      ))}
      <DataGrid<GridCoverage>
        label="各网格排查覆盖"
        height={420}
        rowData={grids}
        empty={{ text: '还没有网格。到「设置 → 社区与网格」为每个社区添加网格。', action: { label: '去添加网格', href: '#/settings?tab=org' } }}
        getRowId={(p) => `${p.data.communityId}-${p.data.gridId ?? 'none'}`}
        columnDefs={[
          { field: 'communityName', headerName: '社区', pinned: 'left' },
          { field: 'gridName', headerName: '网格', pinned: 'left' },
          { field: 'declared', headerName: '申报户数', width: 90 },
          { field: 'loaded', headerName: '已录入', width: 80 },
          { field: 'households', headerName: '应排查', width: 80 },
          { field: 'screened', headerName: '已排查', width: 80 },
          { colId: 'coverage', headerName: '覆盖率', width: 110, valueGetter: (p) => (p.data ? pctText(p.data) : ''), cellClass: (p) => lowClass(p.data) },
          { field: 'newCasesToday', headerName: '今日新增个案', width: 120 },
          {
            field: 'zeroReportFiled',
            headerName: '今日零报告',
            width: 150,
            sortable: false,
            cellRenderer: (p: { data?: GridCoverage }) => {
              const g = p.data;
              if (!g || g.gridId === null) return null;
              const gridId = g.gridId;
              if (g.zeroReportFiled) return '已报';
              if (!canWrite || g.newCasesToday > 0) return '—';
              return (
                <button type="button" className="link" onClick={() => void run(call('coverage.zeroReport', { gridId }), `${g.gridName}已报零报告`)}>
                  报零报告
                </button>
              );
            },
          },
        ]}
      />
    </div>
  );
}
