import { useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { useSession } from '../../kit/session-context';

/** Why a viewer sees 4101********1234: said beside the grid, and on each masked value. */
const MASKED_WHY = '只读账号看不到完整证件号和电话（中间几位打码）';

export function MaskedNote() {
  const { keyNotice } = useSession();
  return (
    <span className="field-note" role="note" aria-label="打码说明">
      {/* A clerk or coordinator without the sensitive key is no 只读账号: the reason is theirs (SignInNotices says it in full). */}
      {keyNotice ? '号码打码：您这次登录没有敏感信息密钥（原因和办法见本页上方）。' : `${MASKED_WHY}；需要完整号码请找录入员或统筹负责人。`}
    </span>
  );
}

/** A masked ID number or phone; a clerk or coordinator may show it in full (each reveal is audited in the core). */
export function RevealCell({
  residentId,
  field,
  masked,
  allowed,
  name,
}: {
  residentId: number;
  field: 'idNumber' | 'phone';
  masked: string;
  allowed: boolean;
  name: string;
}) {
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!masked) return null;
  const label = field === 'idNumber' ? '身份证号' : '电话';
  return (
    <span className="cl-inline">
      <span data-testid={`${field}-${residentId}`} title={allowed ? undefined : MASKED_WHY}>
        {value ?? masked}
      </span>
      {allowed && value === null && (
        <button
          type="button"
          className="link"
          aria-label={`显示${name}的完整${label}`}
          onClick={(e) => {
            e.stopPropagation();
            call('residents.reveal', { residentId, field })
              .then((r) => setValue(r.value))
              .catch((err: unknown) => setError(errorMessage(err)));
          }}
        >
          显示
        </button>
      )}
      {error && <span className="error">{error}</span>}
    </span>
  );
}

/**
 * A grid column's renderer for RevealCell. The grid reloads rows in place when
 * refiltered (kit/grid/paged-rows.ts): the same cell then shows another
 * person, so the cell is keyed by resident and a number shown in full never
 * stays beside someone else's name.
 */
export function revealCellRenderer(field: 'idNumber' | 'phone', allowed: boolean) {
  return (p: { data?: { residentId: number; name: string; idNumber: string; phone: string } }) =>
    p.data ? (
      <RevealCell key={p.data.residentId} residentId={p.data.residentId} field={field} masked={p.data[field]} allowed={allowed} name={p.data.name} />
    ) : null;
}
