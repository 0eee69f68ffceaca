import { useState } from 'react';
import type { GridCoverage } from '../../../../electron/core/caseload/coverage-types';
import { call } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { DataGrid } from '../../kit/grid/DataGrid';
import { numOrUndefined, PlacePicker } from './shared';
import { Message, useRunner } from '../../kit/Message';
import { useRoleAtLeast } from '../../kit/session-context';

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
  if (!d) return <div>{picker}<p className="loading">{s.error ?? '正在统计…'}</p></div>;
  const scopeName = communityId === undefined ? '全街道' : (d.communities[0]?.communityName ?? '本社区');
  const grids = place.gridId === '' ? d.grids : d.grids.filter((g) => String(g.gridId) === place.gridId);
  return (
    <div>
      {picker}
      <div className="panel" role="region" aria-label={`${scopeName}排查覆盖`}>
        <h2>{scopeName}：{d.office.households} 户，已排查 {d.office.screened} 户，覆盖率 <span className={d.office.coveragePct < 100 ? 'cl-pct-low' : 'ok'}>{d.office.coveragePct}%</span></h2>
        <p>不在家 {d.office.notHome} 户，拒绝 {d.office.refused} 户，未排查 {d.office.unscreened} 户（{d.date}）</p>
      </div>
      <Message msg={msg} />
      <DataGrid
        label="各社区排查覆盖"
        height={260}
        rowData={d.communities}
        columnDefs={[
          { field: 'communityName', headerName: '社区', flex: 1 },
          { field: 'households', headerName: '户数', width: 100 },
          { field: 'screened', headerName: '已排查', width: 100 },
          { field: 'notHome', headerName: '不在家', width: 100 },
          { field: 'refused', headerName: '拒绝', width: 90 },
          { field: 'coveragePct', headerName: '覆盖率 %', width: 110 },
        ]}
      />
      <h2>各网格</h2>
      <DataGrid<GridCoverage>
        label="各网格排查覆盖"
        height={420}
        rowData={grids}
        getRowId={(p) => String(p.data.gridId)}
        columnDefs={[
          { field: 'communityName', headerName: '社区', width: 130 },
          { field: 'gridName', headerName: '网格', width: 120 },
          { field: 'households', headerName: '户数', width: 90 },
          { field: 'screened', headerName: '已排查', width: 90 },
          { field: 'coveragePct', headerName: '覆盖率 %', width: 100, cellClass: (p) => ((p.value as number) < 100 ? 'cl-pct-low' : '') },
          { field: 'newCasesToday', headerName: '今日新增个案', width: 120 },
          {
            field: 'zeroReportFiled', headerName: '今日零报告', width: 150, sortable: false,
            cellRenderer: (p: { data?: GridCoverage }) =>
              !p.data ? null : p.data.zeroReportFiled ? '已报' : canWrite && p.data.newCasesToday === 0 ? (
                <button type="button" className="link" onClick={() => void run(call('coverage.zeroReport', { gridId: p.data!.gridId }), `${p.data!.gridName}已报零报告`)}>报零报告</button>
              ) : '—',
          },
        ]}
      />
    </div>
  );
}
