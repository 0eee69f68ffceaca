import { useState } from 'react';
import { call, errorMessage } from '../../api/client';

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
      <span data-testid={`${field}-${residentId}`}>{value ?? masked}</span>
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
