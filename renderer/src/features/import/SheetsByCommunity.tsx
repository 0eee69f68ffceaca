/**
 * A workbook kept one sheet per community (issue 14, session 49): 青松里, 翠竹苑… with the same columns. At the mapping
 * step, once two or more sheets name communities of this office, the coordinator may import them in one pass: each
 * sheet's community is its name's, shown to confirm by ticking the sheet (never taken silently), and a sheet whose name
 * is no community of this office is listed with why it is left out. The columns mapped for the sheet on screen serve all.
 */
import type { SheetCommunitySuggestion } from '../../../../electron/core/io/import/contract';

export interface SheetChoice {
  sheet: string;
  community: string;
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
  if (suggestions.filter((s) => s.community !== null).length < 2) return null;
  const tick = (s: SheetCommunitySuggestion, on: boolean) => {
    const next = on ? [...(chosen ?? []), { sheet: s.sheet, community: s.community! }] : (chosen ?? []).filter((c) => c.sheet !== s.sheet);
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
            每张表的「社区」取自表名，请核对后勾选要导入的表；各表的列要与当前这张相同。
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
                      onChange={(e) => tick(s, e.target.checked)}
                    />{' '}
                    「{s.sheet}」→ 社区「{s.community}」
                  </label>
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
