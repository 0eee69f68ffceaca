/**
 * A share as the percentage a coordinator reads on 工作台 and the forms: 100 only when the whole is reached,
 * never rounded up to it (999 of 1,000 households screened is not 全覆盖, 209 of 210 positions is not 满员);
 * null when there is no whole to measure against. The one rule for coverage and the rota's fill rate.
 */
export function shownPct(part: number, whole: number, decimals: 0 | 1): number | null {
  if (whole <= 0) return null;
  if (part >= whole) return 100;
  const scale = 10 ** decimals;
  return Math.min((100 * scale - 1) / scale, Math.round((part / whole) * 100 * scale) / scale);
}
