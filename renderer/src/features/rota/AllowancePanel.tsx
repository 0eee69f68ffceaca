import { useRef, useState } from 'react';
import type { AllowanceRow, StaffKind } from '../../../../electron/core/rota/contract';
import { AdjustForm, RatesSection } from './RatesSection';
import { STAFF_KIND_LABELS, standardText } from '../../../../electron/core/rota/contract';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { DataGrid } from '../../kit/grid/DataGrid';
import type { ChosenFile } from '../../../../electron/core/shell/contract';
import { Field } from '../../kit/Field';
import { addDays, mondayOf, staffCommunity, yuan } from './common';
import { FileChooser } from '../../kit/FileChooser';
import { Message, type Msg } from '../../kit/Message';
import { officeToday } from '../../kit/datetime';

/** 补助: computed from shifts worked at the office's rates, adjustments with a reason, xlsx pay sheet. */
export function AllowancePanel({ isCoordinator }: { isCoordinator: boolean }) {
  const [from, setFrom] = useState(() => mondayOf(officeToday()));
  const [to, setTo] = useState(() => addDays(mondayOf(officeToday()), 6));
  const rows = useQuery('rota.allowances', { from, to }, [from, to]);
  const [saveTo, setSaveTo] = useState<ChosenFile | null>(null);
  const [msg, setMsg] = useState<Msg>(null);
  const total = (rows.data ?? []).reduce((n, r) => n + r.totalFen, 0);
  const unconfirmed = (rows.data ?? []).reduce((n, r) => n + r.unconfirmedShifts, 0);
  // People, not lines: one who moved to another community in the period has a line for each.
  const unrated = new Set((rows.data ?? []).filter((r) => r.basis === null).map((r) => r.staffId)).size;
  const ratesForm = useRef<HTMLFormElement>(null);
  const toRates = () => {
    ratesForm.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    ratesForm.current?.querySelector<HTMLElement>('select, input')?.focus({ preventScroll: true });
  };
  return (
    <div>
      <Message msg={msg} />
      <div className="toolbar">
        <Field label="补助开始日期" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        <Field label="补助结束日期" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        <span aria-label="补助合计">合计：{yuan(total)} 元</span>
        {/* The period's pay sheet is what 补助 is opened for: beside its period and total, not under two grids and out of a
            1366×678 window. */}
        {isCoordinator && (
          <form
            className="toolbar"
            style={{ marginLeft: 'auto', marginBottom: 0 }}
            onSubmit={(e) => (
              e.preventDefault(),
              saveTo &&
                void call('rota.allowances.export', { from, to, path: saveTo.handle })
                  .finally(() => setSaveTo(null))
                  .then((r) => setMsg({ ok: true, text: `已导出补助发放表：${r.path}（${r.people} 人，${yuan(r.totalFen)} 元）` }))
                  .catch((err: unknown) => setMsg({ ok: false, text: errorMessage(err) }))
            )}
          >
            <FileChooser
              kind="save"
              label="保存到（.xlsx 文件）"
              title="保存补助发放表"
              suggestedName={`补助发放表_${from}_${to}.xlsx`}
              value={saveTo}
              onChange={setSaveTo}
            />
            <button className="primary" type="submit" disabled={!saveTo}>
              导出补助发放表
            </button>
          </form>
        )}
      </div>
      <p className={unconfirmed > 0 ? 'notice' : 'muted'} role="note">
        补助按已确认的出勤计发，排班本身不计发。
        {unconfirmed > 0 && (
          <>
            本期还有 {unconfirmed} 班排班未确认出勤，确认前不计入：<a href="#/rota?tab=attendance">去确认出勤</a>
          </>
        )}
      </p>
      {/* 补助标准 is set under both grids: a period paid at 0 because no standard is set says so here, with the way there. */}
      {unrated > 0 && (
        <p className="notice" role="note" aria-label="未设补助标准">
          本期有 {unrated} 人的人员类别未设补助标准，按 0 元计。
          {isCoordinator ? (
            <button type="button" className="link" onClick={toRates}>
              设置补助标准
            </button>
          ) : (
            '补助标准由统筹负责人设定。'
          )}
        </p>
      )}
      <DataGrid<AllowanceRow>
        label="补助计算"
        height={320}
        rowData={rows.data}
        empty={{
          text: '所选期间没有值守记录，没有补助可算。先在「排班日历」排班并确认出勤，或换一个期间。',
          action: { label: '去排班日历', href: '#/rota?tab=calendar' },
        }}
        getRowId={(p) => `${p.data.staffId}|${p.data.communityName}|${p.data.kind}`}
        columnDefs={[
          { field: 'name', headerName: '姓名', pinned: 'left' },
          { field: 'kind', headerName: '类别', valueFormatter: (p) => STAFF_KIND_LABELS[p.value as StaffKind] },
          { field: 'communityName', headerName: '社区', valueFormatter: (p) => staffCommunity(p.value as string) },
          { field: 'plannedShifts', headerName: '排班班次', width: 100 },
          { field: 'days', headerName: '确认出勤天数', width: 120 },
          { field: 'shifts', headerName: '确认出勤班次', width: 120 },
          { field: 'unconfirmedShifts', headerName: '待确认', width: 90, cellClass: (p) => ((p.value as number) > 0 ? 'cl-pct-low' : '') },
          { field: 'label', headerName: '补助项目' },
          // The standard paid; changed in the period, each part with its days (each day at the standard of that day).
          { colId: 'standard', headerName: '标准', minWidth: 120, wrapText: true, autoHeight: true, valueGetter: (p) => (p.data ? standardText(p.data) : '') },
          { field: 'baseFen', headerName: '应发（元）', width: 110, valueFormatter: (p) => yuan(p.value as number) },
          { field: 'adjustmentFen', headerName: '调整（元）', width: 110, valueFormatter: (p) => yuan(p.value as number) },
          {
            field: 'adjustmentReasons',
            headerName: '调整原因',
            flex: 1,
            minWidth: 140,
            wrapText: true,
            autoHeight: true,
            valueFormatter: (p) => (p.value as string[]).join('；'),
          },
          { field: 'totalFen', headerName: '实发（元）', width: 110, valueFormatter: (p) => yuan(p.value as number) },
        ]}
      />
      {isCoordinator && <AdjustForm rows={rows.data ?? []} defaultDay={from} onDone={setMsg} />}
      <RatesSection canEdit={isCoordinator} formRef={ratesForm} />
    </div>
  );
}
