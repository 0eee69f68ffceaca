/** The honours screens' section frame: a titled panel with its actions on the right; what their grids share. */
import type { ReactNode } from 'react';
import type { GridApi } from 'ag-grid-community';

/**
 * An honours grid with no rows yet (a fresh ledger) kept ag-grid's 200 px for every column the kit sizes to its content
 * (kit/grid/DataGrid.tsx does that at the first rows): at 1366×768 表彰表扬 cut 「拟稿日期」 at the edge and hid 审批机关,
 * 牺牲人员 hid 追授表彰 and 待解决困难. Those columns (`colIds`: the ones with no width, flex or wrapping of their own) are
 * sized to their headers while the grid has no rows, and to their content again whenever rows come (a filter that
 * found nothing, then one that finds rows: the kit sizes only at the first rows). Once the rows are drawn: autosizing
 * measures the cells on screen.
 */
export function headersWhileEmpty<T>(colIds: string[]) {
  const fit = (api: GridApi<T>) =>
    setTimeout(() => {
      if (!api.isDestroyed()) api.autoSizeColumns(colIds);
    }, 0);
  return { onGridReady: (e: { api: GridApi<T> }) => fit(e.api), onRowDataUpdated: (e: { api: GridApi<T> }) => fit(e.api) };
}

export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="panel honours-section" aria-label={title}>
      <div className="honours-section-head">
        <h2>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
