/** Labelled selects for a store (街道仓库 or a community) and an item, loaded once from the core. */
import { useId } from 'react';
import { useQuery } from '../../api/hooks';

export function StoreSelect({
  label,
  value,
  onChange,
  allLabel,
  communitiesOnly,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  allLabel?: string;
  communitiesOnly?: boolean;
}) {
  const id = useId();
  const stores = useQuery('supplies.stores.list', {});
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} required={allLabel === undefined}>
        {allLabel !== undefined ? (
          <option value="">{allLabel}</option>
        ) : (
          <option value="" disabled>
            请选择
          </option>
        )}
        {(stores.data ?? [])
          .filter((s) => !communitiesOnly || s.id !== 0)
          .map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
      </select>
    </div>
  );
}

export function ItemSelect({ label, value, onChange, allLabel }: { label: string; value: string; onChange: (v: string) => void; allLabel?: string }) {
  const id = useId();
  const items = useQuery('supplies.items.list', {});
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} required={allLabel === undefined}>
        {allLabel !== undefined ? (
          <option value="">{allLabel}</option>
        ) : (
          <option value="" disabled>
            请选择
          </option>
        )}
        {(items.data ?? []).map((i) => (
          <option key={i.id} value={i.id}>
            {i.name}（{i.unit}）
          </option>
        ))}
      </select>
    </div>
  );
}
