import { useState, type RefObject } from 'react';
import type { AllowanceRow, Rate, StaffKind } from '../../../../electron/core/rota/contract';
import { NOTICE_ALLOWANCES, RATE_BASES, RATE_BASIS_LABELS, RATE_SOURCE_NOTES, STAFF_KIND_LABELS, STAFF_KINDS } from '../../../../electron/core/rota/contract';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { DataGrid } from '../../kit/grid/DataGrid';
import { Field } from '../../kit/Field';
import { staffCommunity, yuan } from './common';
import { Message, type Msg } from '../../kit/Message';
import { Select } from '../../kit/Select';
import { officeToday } from '../../kit/datetime';

/** Yuan as typed (e.g. 150 or -20.5) to whole fen; NaN when it is not a number. */
const fenOf = (s: string) => (s.trim() === '' ? Number.NaN : Math.round(Number(s) * 100));
type RateRow = { staffKind: StaffKind; rate: (Rate & { since: string | null; pending: boolean }) | undefined };

/** The notice's own word for its two allowances; any other kind starts with an empty item name for the office to write. */
const defaultLabel = (k: StaffKind) => Object.entries(NOTICE_ALLOWANCES).find(([, kind]) => kind === k)?.[0] ?? '';

/**
 * 补助标准: one line per kind of staff, by the day worked or by the shift, paid on
 * confirmed attendance. The notice names 临时性工作补助 for 专职城乡社区工作者 and
 * 补贴 for 社区志愿者 and sets no amounts: every amount is the office's.
 */
export function RatesSection({ canEdit, formRef }: { canEdit: boolean; formRef?: RefObject<HTMLFormElement | null> }) {
  const rates = useQuery('rota.rates.list', {});
  const [form, setForm] = useState({
    staffKind: 'community_worker' as StaffKind,
    label: defaultLabel('community_worker'),
    basis: 'day' as Rate['basis'],
    amount: '',
    /** 执行日期 as typed; null: the default for the kind (fromFor). */
    from: null as string | null,
  });
  const [msg, setMsg] = useState<Msg>(null);
  const rows: RateRow[] = STAFF_KINDS.map((k) => ({ staffKind: k, rate: rates.data?.rates.find((r) => r.staffKind === k) }));
  const removed = rates.data?.removedPresets ?? [];
  const earlier = rates.data?.earlier ?? [];
  // A standard changed from today unless the coordinator says otherwise; a kind's first standard covers every day.
  const fromFor = (k: StaffKind) => (rows.find((r) => r.staffKind === k)?.rate ? officeToday() : '');
  const from = form.from ?? fromFor(form.staffKind);
  const save = () => {
    const amountFen = fenOf(form.amount);
    if (Number.isNaN(amountFen)) return setMsg({ ok: false, text: '「补助标准（元）」应为数字' });
    void call('rota.rates.save', { staffKind: form.staffKind, label: form.label, basis: form.basis, amountFen, ...(from === '' ? {} : { from }) })
      .then(
        (r) => (
          setMsg({
            ok: true,
            text: `已保存补助标准：${STAFF_KIND_LABELS[r.staffKind]} ${r.label} ${yuan(r.amountFen)} 元/${r.basis === 'day' ? '天' : '班'}，${from === '' ? '全部日期按此计发' : `${from} 起执行，此前的出勤仍按原标准`}`,
          }),
          rates.reload()
        ),
      )
      .catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }));
  };
  return (
    <div className="panel">
      <h2>补助标准</h2>
      <p className="notice">
        通知提出“争取各地党委和政府重视支持”，为专职城乡社区工作者“适当发放临时性工作补助”、为社区志愿者“适当发放补贴”，没有规定金额：以下标准是本街道的设置，
        {canEdit ? '可在这里修改，' : '由统筹负责人设定，'}按已确认的出勤计发。
      </p>
      <p className="hint">
        每天的出勤按当天执行的标准计发：改标准时填「执行日期」，此前的出勤（包括已发放的月份）仍按原标准；「执行日期」留空则全部日期都按新标准（用于首次设定或改正录错的金额）。按出勤天数：当天上了任一班次即算一天。按半天计发的，在「
        <a href="#/rota?tab=posts">岗位与班次</a>
        」把班次设为上午、下午，计发方式选「按班次」，标准填半天的金额。
      </p>
      {removed.length > 0 && (
        <p className="notice" role="note">
          旧版本曾预置补助标准（{removed.map((r) => `${r.label} ${yuan(r.amountFen)} 元/${r.basis === 'day' ? '天' : '班'}`).join('、')}
          ），这些金额并非通知规定，已停用。请按本街道实际标准重新设置。
        </p>
      )}
      <Message msg={msg} />
      <DataGrid<RateRow>
        label="补助标准"
        height={340}
        rowData={rows}
        empty={{ text: '没有人员类别。' }}
        getRowId={(p) => p.data.staffKind}
        onRowClicked={(e) =>
          canEdit &&
          e.data &&
          setForm({
            staffKind: e.data.staffKind,
            label: e.data.rate?.label ?? defaultLabel(e.data.staffKind),
            basis: e.data.rate?.basis ?? 'day',
            amount: e.data.rate ? yuan(e.data.rate.amountFen) : '',
            from: null,
          })
        }
        columnDefs={[
          { field: 'staffKind', headerName: '人员类别', pinned: 'left', valueFormatter: (p) => STAFF_KIND_LABELS[p.value as StaffKind] },
          { colId: 'label', headerName: '补助项目', valueGetter: (p) => p.data?.rate?.label ?? '未设补助标准' },
          {
            colId: 'basis',
            headerName: '计发方式',
            width: 110,
            valueGetter: (p) => (p.data?.rate ? RATE_BASIS_LABELS[p.data.rate.basis] : ''),
          },
          { colId: 'amount', headerName: '标准（元）', width: 110, valueGetter: (p) => (p.data?.rate ? yuan(p.data.rate.amountFen) : '') },
          {
            colId: 'since',
            headerName: '执行日期',
            // 「2020-02-21 起（尚未执行）」 whole at 1366 (200 cut it).
            width: 240,
            // Saved from a day still to come: today is paid at the standard listed below as 今日执行.
            valueGetter: (p) =>
              p.data?.rate ? (p.data.rate.since === null ? '全部日期' : `${p.data.rate.since} 起${p.data.rate.pending ? '（尚未执行）' : ''}`) : '',
          },
          // The notice's words whole, on two lines where 1366 is too narrow (they were cut with 「…」).
          {
            colId: 'source',
            headerName: '依据',
            flex: 1,
            wrapText: true,
            autoHeight: true,
            valueGetter: (p) => (p.data ? RATE_SOURCE_NOTES[p.data.staffKind] : ''),
          },
        ]}
      />
      {earlier.length > 0 && (
        <section aria-label="此前的补助标准">
          <h3>此前的补助标准（这些日期的出勤仍按此计发）</h3>
          <ul>
            {earlier.map((e) => (
              <li key={`${e.staffKind}|${e.until}`}>
                {STAFF_KIND_LABELS[e.staffKind]}：至 {e.until}{' '}
                {e.rate ? `${e.rate.label} ${yuan(e.rate.amountFen)} 元/${e.rate.basis === 'day' ? '天' : '班'}` : '未设补助标准'}
                {e.inForceToday ? '（今日执行）' : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      {canEdit && (
        <form className="toolbar" aria-label="修改补助标准" ref={formRef} onSubmit={(e) => (e.preventDefault(), save())}>
          <Select
            id="rate-kind"
            label="人员类别"
            value={form.staffKind}
            onValue={(v) =>
              setForm({
                ...form,
                staffKind: v as StaffKind,
                label: rows.find((r) => r.staffKind === v)?.rate?.label ?? defaultLabel(v as StaffKind),
                from: null,
              })
            }
            options={STAFF_KINDS.map((k) => ({ value: k, label: STAFF_KIND_LABELS[k] }))}
          />
          <Field
            label="补助项目"
            value={form.label}
            onChange={(e) => setForm({ ...form, label: e.target.value })}
            placeholder="本单位的补助项目名称"
            required
          />
          <Select
            id="rate-basis"
            label="计发方式"
            value={form.basis}
            onValue={(v) => setForm({ ...form, basis: v === 'shift' ? 'shift' : 'day' })}
            options={RATE_BASES.map((b) => ({ value: b, label: RATE_BASIS_LABELS[b] }))}
          />
          <Field
            label="补助标准（元）"
            type="number"
            min={0}
            step="0.01"
            value={form.amount}
            onChange={(e) => setForm({ ...form, amount: e.target.value })}
            required
          />
          <Field label="执行日期" type="date" value={from} onChange={(e) => setForm({ ...form, from: e.target.value })} />
          <button className="primary" type="submit">
            保存补助标准
          </button>
        </form>
      )}
    </div>
  );
}

/** Each person once: one who moved (or changed kind) in the period has a row for each (each day counts as they were that day). */
function people(rows: AllowanceRow[]) {
  const byId = new Map<number, AllowanceRow[]>();
  for (const r of rows) byId.set(r.staffId, [...(byId.get(r.staffId) ?? []), r]);
  return [...byId].map(([staffId, mine]) => ({
    value: staffId,
    label: `${mine[0]!.name}（${[...new Set(mine.map((r) => staffCommunity(r.communityName)))].join('、')}）`,
  }));
}

/** 补助调整: an amount added to (or taken from) one person's allowance on a day, always with the reason. */
export function AdjustForm({ rows, defaultDay, onDone }: { rows: AllowanceRow[]; defaultDay: string; onDone: (m: Msg) => void }) {
  const [form, setForm] = useState({ staffId: '', day: defaultDay, amount: '', reason: '' });
  const submit = () => {
    const amountFen = fenOf(form.amount);
    if (form.staffId === '') return onDone({ ok: false, text: '请选择要调整补助的人员' });
    if (Number.isNaN(amountFen) || amountFen === 0) return onDone({ ok: false, text: '「调整金额（元）」应为不等于 0 的数字，扣减填负数' });
    const name = rows.find((r) => String(r.staffId) === form.staffId)?.name ?? '';
    void call('rota.allowances.adjust', { staffId: Number(form.staffId), day: form.day, amountFen, reason: form.reason })
      .then(() => (onDone({ ok: true, text: `已为${name}调整补助 ${yuan(amountFen)} 元` }), setForm({ ...form, amount: '', reason: '' })))
      .catch((e: unknown) => onDone({ ok: false, text: errorMessage(e) }));
  };
  return (
    <form className="toolbar panel" aria-label="补助调整" onSubmit={(e) => (e.preventDefault(), submit())}>
      <Select
        id="adjust-staff"
        label="调整人员"
        value={form.staffId}
        onValue={(v) => setForm({ ...form, staffId: v })}
        options={[{ value: '', label: '请选择' }, ...people(rows)]}
      />
      <Field label="调整日期" type="date" value={form.day} onChange={(e) => setForm({ ...form, day: e.target.value })} required />
      <Field
        label="调整金额（元）"
        type="number"
        step="0.01"
        value={form.amount}
        onChange={(e) => setForm({ ...form, amount: e.target.value })}
        placeholder="扣减填负数"
        required
      />
      <Field label="调整原因" value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} required />
      <button type="submit">登记调整</button>
    </form>
  );
}
