import { AgGridReact, type AgGridReactProps } from 'ag-grid-react';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import type { ColDef, ColGroupDef, GridApi, OverlayType } from 'ag-grid-community';
import { useMemo, type ReactNode } from 'react';
import { ColumnChooser } from './ColumnChooser';
import { useColumnChoices } from './column-choices';
import { EmptyStateBox, type EmptyState } from './EmptyState';
import { PAGE_ROWS, useRowCount, type PagedRows, type RowCountStore } from './paged-rows';
import { gridTheme } from './setup';

// One object for every grid and every render: a new object would make ag-grid rebuild its columns.
// No inferred cell types: a boolean would be drawn as a bare tick box; screens say 是/已停用 in words.
const DEFAULT_COL_DEF = { sortable: true, resizable: true, minWidth: 80, cellDataType: false } as const;
// ag-grid's own empty words never show (EmptyStateBox says what is missing); screen readers get these.
// Its Chinese still names two keys in English, read aloud on every row's tick box (「按 Space 切换行选择」): as said here.
const chineseKeys = (text: string) =>
  text
    .replace(/(SPACE|Space)( 键)?\s?/g, '空格键')
    .replace(/(ENTER|Enter)( 键)?\s?/g, '回车键')
    .replace(/按 (?=空格键|回车键)/g, '按');
const LOCALE_TEXT = {
  ...Object.fromEntries(Object.entries(AG_GRID_LOCALE_CN).map(([key, text]) => [key, key.startsWith('aria') ? chineseKeys(text) : text])),
  noRowsToShow: '没有记录',
  noMatchingRows: '没有符合条件的记录',
};
const NO_EMPTY_OVERLAYS: OverlayType[] = ['noRows', 'noMatchingRows'];

type Column<T> = ColDef<T> | ColGroupDef<T>;
const idOf = <T,>(c: ColDef<T>): string => c.colId ?? String(c.field ?? '');
const isLeaf = <T,>(c: Column<T>): c is ColDef<T> => !('children' in c);

/** Columns the 「显示列」 menu offers: named, not pinned (the scanned ones stay), not locked. */
const choosable = <T,>(c: Column<T>): c is ColDef<T> => isLeaf(c) && !!c.headerName && !c.pinned && !c.lockVisible && idOf(c) !== '';

/** Sizes to their content the shown columns that have no width of their own (no width, flex or wrapping). */
function fitToContent<T>(api: GridApi<T>): void {
  const ids = (api.getColumns() ?? [])
    .filter((c) => {
      const d = c.getColDef();
      return c.isVisible() && d.width === undefined && d.initialWidth === undefined && d.flex === undefined && !d.wrapText;
    })
    .map((c) => c.getColId());
  if (ids.length > 0) api.autoSizeColumns(ids);
}

export interface DataGridProps<T> extends AgGridReactProps<T> {
  /** The grid's name on screen: its region's label, and the key of each user's column choices. */
  label: string;
  height?: number | string;
  /** What an empty grid says is missing, and the way to add it. */
  empty: EmptyState;
  /** Offers 「显示列」: columns with `hide: true` start hidden, and each user's choices are remembered. */
  chooseColumns?: boolean;
  /** For grids that page from the core (infinite row model, kit/grid/paged-rows.ts). */
  paged?: Pick<PagedRows<T, never>, 'datasource' | 'onGridReady' | 'count'>;
  /** What sits on the grid's own line above it, left of 「显示列」: a count, actions on the chosen rows. */
  bar?: ReactNode;
}

/**
 * Every table in the app: the shared theme, Chinese words, column defaults;
 * columns without a width sized to their content; the empty state; and, where
 * asked, the 「显示列」 menu. Columns a coordinator scans are pinned left by the
 * screen (`pinned: 'left'`); long text wraps (`wrapText`, `autoHeight`) or lives
 * in the screen's detail drawer.
 */
export function DataGrid<T>(props: DataGridProps<T>) {
  const { height = 420, label, empty, chooseColumns = false, paged, bar, columnDefs, onFirstDataRendered, onColumnVisible, ...rest } = props;
  const { shown, choose, failed } = useColumnChoices(label, chooseColumns);
  const defs = useMemo(
    () => (columnDefs ?? []).map((c) => (chooseColumns && choosable(c) && shown[idOf(c)] !== undefined ? { ...c, hide: !shown[idOf(c)] } : c)),
    [columnDefs, chooseColumns, shown],
  );
  const offered = chooseColumns
    ? (columnDefs ?? []).filter(choosable).map((c) => ({ id: idOf(c), name: c.headerName!, shown: shown[idOf(c)] ?? !c.hide }))
    : [];
  const isEmpty = !paged && Array.isArray(rest.rowData) && rest.rowData.length === 0;
  return (
    <div className="grid-frame">
      {(chooseColumns || bar) && (
        <div className="grid-bar">
          <div className="grid-bar-start">{bar}</div>
          {failed && <span className="error">{failed}</span>}
          {chooseColumns && <ColumnChooser columns={offered} onChange={(id, on) => choose({ ...shown, [id]: on })} onReset={() => choose({})} />}
        </div>
      )}
      <div className="grid-box" style={{ height }} role="region" aria-label={label}>
        <AgGridReact<T>
          theme={gridTheme}
          localeText={LOCALE_TEXT}
          defaultColDef={DEFAULT_COL_DEF}
          suppressCellFocus={false}
          // Every column in the DOM (a grid has at most a few dozen): headers are measured and found whether scrolled to or not.
          suppressColumnVirtualisation
          suppressOverlays={NO_EMPTY_OVERLAYS}
          // Loading until the rows come (undefined); said outright, or the suppressed empty overlay leaves it up.
          loading={paged ? undefined : rest.rowData === undefined}
          columnDefs={defs}
          onFirstDataRendered={(e) => (fitToContent(e.api), onFirstDataRendered?.(e))}
          onColumnVisible={(e) => (fitToContent(e.api), onColumnVisible?.(e))}
          {...(paged
            ? {
                rowModelType: 'infinite',
                datasource: paged.datasource,
                cacheBlockSize: PAGE_ROWS,
                maxBlocksInCache: 50,
                // Rows beyond the viewport drawn ahead (ag-grid's default is 10): each is a dozen cells redrawn on every refilter.
                rowBuffer: 4,
                onGridReady: paged.onGridReady,
              }
            : {})}
          {...rest}
        />
        {isEmpty && <EmptyStateBox empty={empty} />}
        {paged && <EmptyWhenNone count={paged.count} empty={empty} />}
      </div>
    </div>
  );
}

/** A paged grid's empty state, redrawn with its count alone. */
function EmptyWhenNone({ count, empty }: { count: RowCountStore; empty: EmptyState }) {
  return useRowCount(count) === 0 ? <EmptyStateBox empty={empty} /> : null;
}

/** 「共 N 条」 for a paged grid's bar: the words redraw with the count, the screen does not. */
export function RowCount({ count, unit = '条' }: { count: RowCountStore; unit?: string }) {
  const n = useRowCount(count);
  return (
    <span aria-live="polite" className="grid-count">
      {n === null ? '' : `共 ${n} ${unit}`}
    </span>
  );
}
