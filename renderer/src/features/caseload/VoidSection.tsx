/** 作废登记 and 撤销作废 in the case drawer (core: electron/core/caseload/case-void.ts). */
import { useEffect, useRef, useState } from 'react';
import { VOID_EFFECT, VOID_KIND_LABELS, VOID_KINDS, type VoidKind } from '../../../../electron/core/caseload/case-void.shared';
import type { CaseListRow } from '../../../../electron/core/caseload/list-types.shared';
import { call } from '../../api/client';
import { formatInstant } from '../../kit/datetime';
import { Select } from '../../kit/Select';
import { useRoleAtLeast } from '../../kit/session-context';

type Run = (p: Promise<unknown>, ok: string) => Promise<boolean>;

/** A voided case says so first, with who, when and why; a coordinator may restore it, saying why. */
export function VoidedNote({ c, run }: { c: CaseListRow; run: Run }) {
  const canRestore = useRoleAtLeast('coordinator');
  const [reason, setReason] = useState('');
  if (c.voidedAt === null) return null;
  return (
    <section className="panel cl-voided" aria-label="已作废">
      <p>
        <strong>已作废</strong>：{c.voidReason}（{c.voidedBy}，{formatInstant(c.voidedAt)}）。这条登记不计入任何统计和上报表，记录保留可查。
      </p>
      {canRestore && (
        <div className="toolbar">
          <div className="field">
            <label htmlFor="restore-reason">撤销原因</label>
            <input id="restore-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <button type="button" onClick={() => void run(call('cases.restore', { caseId: c.id, reason }), '已撤销作废，这条登记重新计入统计')}>
            撤销作废
          </button>
        </div>
      )}
    </section>
  );
}

/** 作废登记…: closed until asked for, then what it does in words, the reason and 确认作废. */
export function VoidForm({ c, run }: { c: CaseListRow; run: Run }) {
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<VoidKind | ''>('');
  const [words, setWords] = useState('');
  const form = useRef<HTMLElement>(null);
  // The form opens at the drawer's foot: brought into sight whole, 确认作废 with it.
  useEffect(() => {
    if (open) form.current?.scrollIntoView({ block: 'end' });
  }, [open]);
  if (!open)
    return (
      <p className="hint">
        登错了人、登错了类别，或同一人重复登记？{' '}
        <button type="button" onClick={() => setOpen(true)}>
          作废登记…
        </button>
      </p>
    );
  return (
    <section ref={form} className="panel" role="group" aria-label="作废登记">
      <h3>作废登记</h3>
      <p>{VOID_EFFECT}</p>
      <div className="toolbar">
        <Select label="作废原因" value={kind} onChange={(e) => setKind(e.target.value as VoidKind | '')}>
          <option value="">请选择</option>
          {VOID_KINDS.map((k) => (
            <option key={k} value={k}>
              {VOID_KIND_LABELS[k]}
            </option>
          ))}
        </Select>
        <div className="field">
          <label htmlFor="void-words">作废说明</label>
          <input id="void-words" placeholder={kind === 'other' ? '必填' : '选填，如与哪条登记重复'} value={words} onChange={(e) => setWords(e.target.value)} />
        </div>
      </div>
      <div className="actions" style={{ justifyContent: 'flex-start' }}>
        <button
          type="button"
          disabled={kind === ''}
          onClick={() => void run(call('cases.void', { caseId: c.id, kind: kind as VoidKind, reason: words || null }), '已作废这条登记')}
        >
          确认作废
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          取消
        </button>
      </div>
    </section>
  );
}
