import { useState } from 'react';
import type { ScheduleState, ScheduleStatus } from '../../../../electron/core/io/export/contract';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { DataGrid } from '../../kit/grid/DataGrid';
import { Field } from '../../kit/Field';
import { TimeField } from '../../kit/TimeField';
import { WEEKDAYS } from './common';
import { Message, type Msg } from '../../kit/Message';
import { formatInstant } from '../../kit/datetime';

const STATE_LABELS: Record<ScheduleState, string> = { sent: '已报送', due: '今日应报', overdue: '已逾期', upcoming: '本周待报' };

/** 报送日历: recurring reports set up once, this week's state of each, linked to the export log. */
export function CalendarPanel({ onSend }: { onSend: (s: ScheduleStatus) => void }) {
  const schedules = useQuery('export.schedules.list', {});
  const allForms = useQuery('export.forms', {});
  const [title, setTitle] = useState('');
  const [recipient, setRecipient] = useState('');
  const [weekday, setWeekday] = useState(0);
  const [dueTime, setDueTime] = useState('17:00');
  const [formIds, setFormIds] = useState<string[]>([]);
  const [msg, setMsg] = useState<Msg>(null);
  const forms = allForms.data ?? [];

  const save = () =>
    call('export.schedules.save', { title, recipient, weekday, dueTime, formIds })
      .then(() => {
        setMsg({ ok: true, text: `已添加定期报表「${title}」` });
        setTitle('');
      })
      .catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }));

  return (
    <div>
      <Message msg={msg} />
      <div className="panel">
        <h2>本周报送情况</h2>
        <DataGrid<ScheduleStatus>
          label="报送日历"
          height={260}
          rowData={schedules.data}
          empty={{
            text: '还没有报送日历。把区里要求定期报送的报表（例如每周一 17:00 前的疫情防控周报）在下面添加一次，到期前工作台会提醒，并能一键去上报。',
            action: { label: '添加定期报表', onClick: () => document.getElementById('schedule-title')?.focus() },
          }}
          getRowId={(p) => String(p.data.id)}
          columnDefs={[
            { field: 'title', headerName: '报表', pinned: 'left' },
            { field: 'recipient', headerName: '报送单位' },
            { headerName: '截止', valueGetter: (p) => (p.data ? `${WEEKDAYS[p.data.weekday]} ${p.data.dueTime}（${p.data.dueDay}）` : ''), flex: 1 },
            {
              headerName: '状态',
              valueGetter: (p) => (p.data ? STATE_LABELS[p.data.state] : ''),
              width: 110,
              cellStyle: (p) => (p.data?.state === 'overdue' ? { color: '#b3261e', fontWeight: 700 } : null),
            },
            { field: 'sentAt', headerName: '报送时间', width: 160, valueFormatter: (p) => formatInstant(p.value as string | null) },
            {
              headerName: '操作',
              width: 120,
              sortable: false,
              cellRenderer: (p: { data?: ScheduleStatus }) =>
                p.data && p.data.state !== 'sent' ? (
                  <button type="button" onClick={() => onSend(p.data!)}>
                    去上报
                  </button>
                ) : null,
            },
          ]}
        />
      </div>
      <div className="panel">
        <h2>添加定期报表</h2>
        <form className="toolbar" onSubmit={(e) => (e.preventDefault(), void save())}>
          <Field id="schedule-title" label="报表名称" value={title} onChange={(e) => setTitle(e.target.value)} required />
          <Field label="报送单位" value={recipient} onChange={(e) => setRecipient(e.target.value)} required />
          <div className="field">
            <label htmlFor="schedule-weekday">每周报送日</label>
            <select id="schedule-weekday" value={weekday} onChange={(e) => setWeekday(Number(e.target.value))}>
              {WEEKDAYS.map((w, i) => (
                <option key={w} value={i}>
                  {w}
                </option>
              ))}
            </select>
          </div>
          <TimeField label="截止时间" value={dueTime} onValue={setDueTime} required />
          <fieldset aria-label="包含的表格" style={{ border: 'none', padding: 0 }}>
            {forms.map((f) => (
              <label key={f.id}>
                <input
                  type="checkbox"
                  checked={formIds.includes(f.id)}
                  onChange={(e) => setFormIds(e.target.checked ? [...formIds, f.id] : formIds.filter((x) => x !== f.id))}
                />{' '}
                {f.title}
              </label>
            ))}
          </fieldset>
          <button className="primary" type="submit">
            添加
          </button>
        </form>
      </div>
    </div>
  );
}
