import { useState } from 'react';
import type { Shift } from '../../../../electron/core/rota/contract';
import { hhmm, shiftEndText, shiftStartText } from '../../../../electron/core/rota/shift-times.shared';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { DataGrid } from '../../kit/grid/DataGrid';
import { Field } from '../../kit/Field';
import { TimeField } from '../../kit/TimeField';
import { Message, type Msg } from '../../kit/Message';

/** 'HH:MM' to minutes; 24:00 is the end of the day. */
const minutesOf = (s: string) => {
  const [h = 0, m = 0] = s.split(':').map(Number);
  return h * 60 + m;
};
const blank = { id: undefined as number | undefined, name: '', start: '08:00', end: '16:00', sortOrder: '0' };

/** 班次模板: the day's shifts that posts require; click a row to change it. Coordinators only. */
export function ShiftsSection({ canEdit }: { canEdit: boolean }) {
  const shifts = useQuery('rota.shifts.list', {});
  const [form, setForm] = useState(blank);
  const [msg, setMsg] = useState<Msg>(null);
  const save = () =>
    call('rota.shifts.save', {
      ...(form.id !== undefined ? { id: form.id } : {}),
      name: form.name,
      startMinute: minutesOf(form.start),
      endMinute: minutesOf(form.end) || 1440,
      sortOrder: Number(form.sortOrder),
    })
      .then((s) => (setMsg({ ok: true, text: `已保存班次「${s.name}」` }), setForm(blank)))
      .catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }));
  return (
    <div className="panel">
      <h2>班次</h2>
      <Message msg={msg} />
      {canEdit && (
        <form className="toolbar" aria-label={form.id === undefined ? '新增班次' : '修改班次'} onSubmit={(e) => (e.preventDefault(), void save())}>
          <Field label="班次名称" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} placeholder="如 早班 08:00–16:00" required />
          <TimeField label="开始时间" value={form.start} onValue={(start) => setForm({ ...form, start })} required />
          <TimeField label="结束时间" value={form.end} onValue={(end) => setForm({ ...form, end })} required />
          {/* An end before the start is the next morning: said as it is typed, so 20:00 to 08:00 is not taken for a mistake. */}
          {minutesOf(form.end) > 0 && minutesOf(form.end) < minutesOf(form.start) && (
            <span className="muted" role="note" aria-label="跨零点">
              次日结束，算作开始那天的一班
            </span>
          )}
          <Field label="排序" type="number" min={0} max={99} value={form.sortOrder} onChange={(e) => setForm({ ...form, sortOrder: e.target.value })} />
          <button className="primary" type="submit">
            {form.id === undefined ? '新增班次' : '保存班次'}
          </button>
          {form.id !== undefined && (
            <button type="button" onClick={() => setForm(blank)}>
              取消修改
            </button>
          )}
        </form>
      )}
      <DataGrid<Shift>
        label="班次列表"
        height={200}
        rowData={shifts.data}
        empty={{ text: canEdit ? '还没有班次。在上面填写班次名称和起止时间（如 早班 08:00–16:00）。' : '还没有班次。' }}
        getRowId={(p) => String(p.data.id)}
        onRowClicked={(e) =>
          canEdit &&
          e.data &&
          setForm({
            id: e.data.id,
            name: e.data.name,
            start: hhmm(e.data.startMinute),
            end: hhmm(e.data.endMinute % 1440),
            sortOrder: String(e.data.sortOrder),
          })
        }
        columnDefs={[
          { field: 'name', headerName: '班次', pinned: 'left' },
          { field: 'startMinute', headerName: '开始', width: 100, valueFormatter: (p) => (p.data ? shiftStartText(p.data) : '') },
          { field: 'endMinute', headerName: '结束', width: 110, valueFormatter: (p) => (p.data ? shiftEndText(p.data) : '') },
          { field: 'sortOrder', headerName: '排序', width: 90 },
        ]}
      />
    </div>
  );
}
