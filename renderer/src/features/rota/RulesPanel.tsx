import { useState } from 'react';
import { NOTICE_ROTA_RULES, OFFICE_RULE_NOTE, type RotaRules } from '../../../../electron/core/rota/contract';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Field } from '../../kit/Field';
import { Message, type Msg } from '../../kit/Message';

/**
 * 排班规则, by where each comes from: the notice's two (轮休; 医务人员原则上不安排卡点值守)
 * apart from the office's own numbers (rest days per 7, consecutive days, hours
 * between shifts), which the notice does not set. 自动排班 keeps to all of them; the
 * calendar marks existing assignments that break them after a change.
 */
export function RulesPanel({ canEdit }: { canEdit: boolean }) {
  const rules = useQuery('rota.rules.get', {});
  // Here, not in the form: the form starts afresh when the stored rules change, the message stays.
  const [msg, setMsg] = useState<Msg>(null);
  if (!rules.data) return <p className="loading">{rules.error ?? '正在读取排班规则…'}</p>;
  // Keyed by the saved values: after a save (or a change elsewhere) the form shows what is stored.
  return <RulesForm key={JSON.stringify(rules.data)} saved={rules.data} canEdit={canEdit} msg={msg} setMsg={setMsg} />;
}

/** The office's own numbers, with the ranges rota.rules.save accepts. */
const OFFICE_NUMBERS = [
  { key: 'minRestDaysPer7', label: '每 7 天至少轮休（天）', min: 0, max: 3 },
  { key: 'maxConsecutiveDays', label: '最多连续工作（天）', min: 1, max: 14 },
  { key: 'minRestHours', label: '两班最短间隔（小时）', min: 0, max: 24 },
] as const;

function RulesForm({ saved, canEdit, msg, setMsg }: { saved: RotaRules; canEdit: boolean; msg: Msg; setMsg: (m: Msg) => void }) {
  const [form, setForm] = useState({
    minRestDaysPer7: String(saved.minRestDaysPer7),
    maxConsecutiveDays: String(saved.maxConsecutiveDays),
    minRestHours: String(saved.minRestHours),
  });
  const save = () =>
    call('rota.rules.save', {
      minRestDaysPer7: Number(form.minRestDaysPer7),
      maxConsecutiveDays: Number(form.maxConsecutiveDays),
      minRestHours: Number(form.minRestHours),
    })
      .then((r) =>
        setMsg({
          ok: true,
          text: `已保存排班规则：每 7 天至少轮休 ${r.minRestDaysPer7} 天，最多连续工作 ${r.maxConsecutiveDays} 天，两班间隔至少 ${r.minRestHours} 小时`,
        }),
      )
      .catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }));
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <div className="panel">
      <h2>排班规则</h2>
      <section aria-label="通知的要求">
        <h3>通知的要求（豫民文〔2020〕14号、民发〔2020〕13号）</h3>
        <ul>
          {NOTICE_ROTA_RULES.map((r) => (
            <li key={r.rule}>
              <strong>{r.rule}</strong>（原文：“{r.quote}”）：{r.how}。
            </li>
          ))}
        </ul>
      </section>
      <h3>本街道的设置</h3>
      <p className="muted">{OFFICE_RULE_NOTE}</p>
      <Message msg={msg} />
      <form className="toolbar" aria-label="本街道的排班设置" onSubmit={(e) => (e.preventDefault(), void save())}>
        {OFFICE_NUMBERS.map((n) => (
          <Field key={n.key} label={n.label} type="number" min={n.min} max={n.max} value={form[n.key]} onChange={set(n.key)} disabled={!canEdit} required />
        ))}
        {canEdit && (
          <button className="primary" type="submit">
            保存规则
          </button>
        )}
      </form>
      <p className="notice">
        自动排班按这些规则安排；已发布的周不会被自动排班改动。规则收紧后，排班日历中不再符合规则的安排会标出 ⚠。{canEdit ? '' : '只有统筹负责人可以修改规则。'}
      </p>
      {/* rules.ts restRotation: what the generator does with the rest days when the posts need more than the staff can give. */}
      <p className="muted" aria-label="轮休日错开">
        轮休日错开（本街道的设置）：自动排班按各社区人员的登记顺序错开每人的轮休日，轮休日逐周前移，每八周轮遍周一到周日（周末轮休人人轮到）；人手不够时，空缺分散在一周各天，不会都落在同一天。
      </p>
    </div>
  );
}
