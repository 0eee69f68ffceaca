/**
 * How a BAD_INPUT message names a field: by the channel's own labels (see
 * `areaContract` and `labelOf` in contract.ts), the way that channel's
 * screen names it. There is no global map: labels travel with the channel.
 */
import { labelOf, type AnyChannelSpec } from './contract';

export function fieldLabel(path: readonly PropertyKey[], spec: AnyChannelSpec): string {
  const names = path.filter((p): p is string => typeof p === 'string');
  const named = names[names.length - 1];
  if (named === undefined) return '输入';
  const label = labelOf(spec, names) ?? named;
  const index = path.find((p) => typeof p === 'number');
  return typeof index === 'number' ? `第 ${index + 1} 项的「${label}」` : `「${label}」`;
}
