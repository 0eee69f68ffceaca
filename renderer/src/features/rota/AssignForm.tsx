import { useState } from 'react';
import type { Calendar } from '../../../../electron/core/rota/contract';
import { call, errorMessage } from '../../api/client';
import { Field } from '../../kit/Field';
import { Select } from '../../kit/Select';
import { officeToday } from '../../kit/datetime';

/** 安排值守 under the calendar (CalendarPanel.tsx): one person on one post's shift on one day; a coordinator may give a reason to break a rule. */
export function AssignForm({
  data,
  days,
  isCoordinator,
  onDone,
}: {
  data: Calendar;
  days: string[];
  isCoordinator: boolean;
  onDone: (text: string, ok: boolean) => void;
}) {
  // The day sent is the day shown: the choice kept from another week (上一周 / 下一周) is not among these days, and the
  // drop-down showed this week's first while 安排 sent the old one (2020-02-17 with 02-24 至 03-01 on screen, session 47).
  // Unchosen, today if shown (a week begun: its first days have happened), else the first day shown.
  const [chosen, setDay] = useState('');
  const today = officeToday();
  const day = days.includes(chosen) ? chosen : days.includes(today) ? today : days[0]!;
  const [postId, setPostId] = useState<number | ''>('');
  const [shiftId, setShiftId] = useState<number | ''>('');
  const [staffId, setStaffId] = useState<number | ''>('');
  const [reason, setReason] = useState('');
  const submit = () => {
    if (postId === '' || shiftId === '' || staffId === '') return onDone('请选择岗位、班次和人员。', false);
    call('rota.assign', { day, postId, shiftId, staffId, ...(reason ? { overrideReason: reason } : {}) })
      .then(() => (onDone(`已安排 ${data.staff.find((s) => s.id === staffId)?.name ?? ''} ${day}`, true), setReason('')))
      .catch((e: unknown) => onDone(errorMessage(e), false));
  };
  return (
    <form className="toolbar" aria-label="安排值守" onSubmit={(e) => (e.preventDefault(), submit())}>
      <Select id="assign-day" label="日期" value={day} onValue={setDay} options={days.map((d) => ({ value: d, label: d }))} />
      <Select
        id="assign-post"
        label="安排到岗位"
        value={postId}
        onValue={(v) => setPostId(v ? Number(v) : '')}
        options={[{ value: '', label: '请选择' }, ...data.posts.map((p) => ({ value: p.id, label: `${p.communityName} ${p.name}` }))]}
      />
      <Select
        id="assign-shift"
        label="班次"
        value={shiftId}
        onValue={(v) => setShiftId(v ? Number(v) : '')}
        options={[{ value: '', label: '请选择' }, ...data.shifts.map((s) => ({ value: s.id, label: s.name }))]}
      />
      <Select
        id="assign-staff"
        label="人员"
        value={staffId}
        onValue={(v) => setStaffId(v ? Number(v) : '')}
        options={[{ value: '', label: '请选择' }, ...data.staff.map((s) => ({ value: s.id, label: `${s.name}${s.isMedical ? '（医务）' : ''}` }))]}
      />
      {isCoordinator && <Field label="破例安排的理由" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="仅医务人员上卡点时填写" />}
      <button type="submit">安排</button>
    </form>
  );
}
