/**
 * A workbook kept one sheet per community (issue 14, session 49): 青松里, 翠竹苑… with the same columns. At the mapping
 * step, once a sheet names a community of this office and another could be imported beside it, the coordinator may
 * import them in one pass: each sheet's community is its name's or its title's (session 50: 「一网格」 under 「青松里社区
 * 返程人员登记表」), shown to confirm by ticking the sheet (never taken silently); a sheet nothing names is listed with
 * why, and a community can be chosen for it by hand (「（不导入）」 until one is). The columns mapped for the sheet on
 * screen serve all. Two sheets read as one community (「青松里」 and 「青松里\u200b」, alike on screen) are said under the
 * second (session 52), not refused.
 */
import type { SheetCommunitySuggestion } from '../../../../electron/core/io/import/contract';
import { useQuery } from '../../api/hooks';

export interface SheetChoice {
  sheet: string;
  community: string;
  /** A grid-named sheet's grid for each of its rows, when ticked (session 52). */
  grid?: string;
}

/** The choice itself: off (one sheet, as before), or on with the sheets ticked, in the workbook's order. */
export function SheetsByCommunity({
  suggestions,
  chosen,
  onChange,
}: {
  suggestions: readonly SheetCommunitySuggestion[];
  chosen: SheetChoice[] | null;
  onChange: (c: SheetChoice[] | null) => void;
}) {
  const communities = useQuery('org.communities.list', {});
  const names = (communities.data ?? []).map((c) => c.name);
  const named = suggestions.filter((s) => s.community !== null).length;
  if (named === 0 || suggestions.filter((s) => s.community !== null || s.table).length < 2) return null;
  // `grid`: null takes it off; omitted keeps the sheet's (a community chosen again keeps its ticked grid).
  const set = (sheet: string, community: string | null, grid: string | null = (chosen ?? []).find((c) => c.sheet === sheet)?.grid ?? null) => {
    const rest = (chosen ?? []).filter((c) => c.sheet !== sheet);
    const next = community === null ? rest : [...rest, { sheet, community, ...(grid !== null ? { grid } : {}) }];
    const order = (x: SheetChoice) => suggestions.findIndex((y) => y.sheet === x.sheet);
    onChange(next.sort((a, b) => order(a) - order(b)));
  };
  return (
    <fieldset className="panel" aria-label="按工作表分社区导入" data-more-item style={{ margin: '0 0 8px' }}>
      <label>
        <input type="checkbox" checked={chosen !== null} onChange={(e) => onChange(e.target.checked ? [] : null)} /> 每张工作表是一个社区：一次导入多张工作表
      </label>
      {chosen !== null && (
        <>
          <p className="muted" style={{ margin: '6px 0' }}>
            每张表的「社区」取自表名或表上的标题，请核对后勾选要导入的表；没有写社区的表可以自己选社区；各表的列要与当前这张相同。
          </p>
          <ul aria-label="各工作表的社区" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {suggestions.map((s) =>
              s.community ? (
                <li key={s.sheet}>
                  <label>
                    <input
                      type="checkbox"
                      aria-label={`导入工作表「${s.sheet}」，社区为「${s.community}」`}
                      checked={chosen.some((c) => c.sheet === s.sheet)}
                      onChange={(e) => set(s.sheet, e.target.checked ? s.community : null)}
                    />{' '}
                    「{s.sheet}」→ 社区「{s.community}」{s.from === 'title' && `（取自标题「${s.title ?? ''}」）`}
                  </label>
                  <GridOffer s={s} chosen={chosen} set={set} />
                  {s.readAlike && (
                    <p className="notice" role="note" aria-label={`工作表「${s.sheet}」与别的表读作同一社区`} style={{ margin: '2px 0 4px' }}>
                      {s.readAlike}。
                    </p>
                  )}
                </li>
              ) : s.table ? (
                <li key={s.sheet}>
                  <label>
                    「{s.sheet}」：{s.reason}。{s.reason?.includes('网格名') ? '它是哪个社区的网格？' : '它是本街道哪个社区的？不是本街道的就不导入。'}社区{' '}
                    <select
                      aria-label={`工作表「${s.sheet}」的社区`}
                      value={chosen.find((c) => c.sheet === s.sheet)?.community ?? ''}
                      onChange={(e) => set(s.sheet, e.target.value === '' ? null : e.target.value)}
                    >
                      <option value="">（不导入）</option>
                      {names.map((n) => (
                        <option key={n} value={n}>
                          {n}
                        </option>
                      ))}
                    </select>
                  </label>
                  <GridOffer s={s} chosen={chosen} set={set} />
                </li>
              ) : (
                <li key={s.sheet} className="muted">
                  「{s.sheet}」不导入：{s.reason}
                </li>
              ),
            )}
          </ul>
        </>
      )}
    </fieldset>
  );
}

/** A grid-named sheet once it is to be imported: its name offered as the 网格 of each of its rows, taken only if ticked. */
function GridOffer({
  s,
  chosen,
  set,
}: {
  s: SheetCommunitySuggestion;
  chosen: SheetChoice[];
  set: (sheet: string, community: string | null, grid: string | null) => void;
}) {
  const choice = chosen.find((c) => c.sheet === s.sheet);
  if (!s.gridName || !choice) return null;
  return (
    <label style={{ display: 'block', margin: '2px 0 4px 24px' }}>
      <input
        type="checkbox"
        aria-label={`工作表「${s.sheet}」每一行的网格填「${s.gridName}」`}
        checked={choice.grid !== undefined}
        onChange={(e) => set(s.sheet, choice.community, e.target.checked ? (s.gridName ?? null) : null)}
      />{' '}
      这张表每一行的「网格」填「{s.gridName}」（表里没有网格列时）
    </label>
  );
}
