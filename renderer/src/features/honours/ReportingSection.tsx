import { useState, type FormEvent } from 'react';
import { REPORT_VIAS, type MemorialDetail } from '../../../../electron/core/honours/contract';
import { REQUIRED_RECIPIENTS, type Recipient } from '../../../../electron/core/honours/reporting.shared';
import { call, errorMessage } from '../../api/client';
import { useSession } from '../../kit/session-context';
import { Field } from '../../kit/Field';
import { DateTimeField } from '../../kit/DateTimeField';
import { formatInstantLong, fromWallInput, nowWallInput } from '../../kit/datetime';
import { Section } from './ui';
import { Message, type Msg } from '../../kit/Message';
import { plainOptions, Select } from '../../kit/Select';

/** 报告情况: each required recipient, when and how it was told, and the form to log a report. */
export function ReportingSection({ detail: d, onChange }: { detail: MemorialDetail; onChange: (d: MemorialDetail) => void }) {
  const { user } = useSession();
  const firstMissing = d.reporting.missing[0] ?? REQUIRED_RECIPIENTS[0];
  const [f, setF] = useState({
    recipient: firstMissing as string,
    reportedAt: nowWallInput(),
    via: REPORT_VIAS[0] as string,
    reportedBy: user.displayName,
    notes: '',
  });
  const [msg, setMsg] = useState<Msg>(null);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    call('honours.reports.add', {
      memorialId: d.id,
      recipient: f.recipient as Recipient,
      reportedAt: fromWallInput(f.reportedAt),
      via: f.via,
      reportedBy: f.reportedBy,
      notes: f.notes,
    })
      .then((next) => {
        onChange(next);
        setMsg({ ok: true, text: `已登记向${f.recipient}的报告` });
        setF((x) => ({ ...x, recipient: next.reporting.missing[0] ?? x.recipient, notes: '' }));
      })
      .catch((err: unknown) => setMsg({ ok: false, text: errorMessage(err) }));
  };
  return (
    <Section title="报告情况">
      <table className="plain-table" aria-label="报告情况">
        <thead>
          <tr>
            <th>报告对象</th>
            <th>报告时间</th>
            <th>报告方式</th>
            <th>报告人</th>
          </tr>
        </thead>
        <tbody>
          {REQUIRED_RECIPIENTS.map((rec) => {
            const rows = d.reports.filter((x) => x.recipient === rec);
            if (rows.length === 0)
              return (
                <tr key={rec}>
                  <td>{rec}</td>
                  <td colSpan={3} className={d.reporting.overdue ? 'recipient-missing' : ''}>
                    {d.reporting.overdue ? '逾期未报告' : '尚未报告'}
                  </td>
                </tr>
              );
            return rows.map((x) => (
              <tr key={x.id}>
                <td>{rec}</td>
                <td>
                  {formatInstantLong(x.reportedAt)}
                  {d.reporting.late.includes(rec) && rows[0]!.id === x.id ? '（超过时限）' : ''}
                </td>
                <td>{x.via}</td>
                <td>{x.reportedBy}</td>
              </tr>
            ));
          })}
        </tbody>
      </table>
      <form className="honours-form" onSubmit={submit} aria-label="登记报告">
        <Select label="报告对象" value={f.recipient} onChange={set('recipient')} options={plainOptions(REQUIRED_RECIPIENTS)} />
        <DateTimeField label="报告时间" value={f.reportedAt} onValue={(v) => setF((x) => ({ ...x, reportedAt: v }))} required />
        <Select label="报告方式" value={f.via} onChange={set('via')} options={plainOptions(REPORT_VIAS)} />
        <Field label="报告人" value={f.reportedBy} onChange={set('reportedBy')} required maxLength={30} />
        <Field label="备注" value={f.notes} onChange={set('notes')} maxLength={2000} />
        <div className="field">
          <button className="primary" type="submit">
            登记报告
          </button>
        </div>
      </form>
      <Message msg={msg} />
    </Section>
  );
}
