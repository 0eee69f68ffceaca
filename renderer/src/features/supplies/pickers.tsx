/** Labelled selects for a store (街道仓库 or a community) and an item, loaded once from the core. */
import { useQuery } from '../../api/hooks';
import { Select, type SelectOption } from '../../kit/Select';

interface PickerProps {
  label: string;
  value: string;
  onChange: (v: string) => void;
  /** The first choice meaning "any" (a filter); without it the choice is required and starts at 请选择. */
  allLabel?: string;
}

/** The one shape of both pickers: "any" or 请选择 first, then the choices. */
function Picker({ label, value, onChange, allLabel, options }: PickerProps & { options: readonly SelectOption[] }) {
  return (
    <Select label={label} value={value} onValue={onChange} required={allLabel === undefined}>
      {allLabel !== undefined ? (
        <option value="">{allLabel}</option>
      ) : (
        <option value="" disabled>
          请选择
        </option>
      )}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </Select>
  );
}

export function StoreSelect({ communitiesOnly, ...picker }: PickerProps & { communitiesOnly?: boolean }) {
  const stores = useQuery('supplies.stores.list', {});
  const options = (stores.data ?? []).filter((s) => !communitiesOnly || s.id !== 0).map((s) => ({ value: s.id, label: s.name }));
  return <Picker {...picker} options={options} />;
}

export function ItemSelect(picker: PickerProps) {
  const items = useQuery('supplies.items.list', {});
  return <Picker {...picker} options={(items.data ?? []).map((i) => ({ value: i.id, label: `${i.name}（${i.unit}）` }))} />;
}
