import { AgGridReact, type AgGridReactProps } from 'ag-grid-react';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import { gridTheme } from './setup';

// One object for every grid and every render: a new object would make ag-grid rebuild its columns.
const DEFAULT_COL_DEF = { sortable: true, resizable: true, minWidth: 80 } as const;

/** Every table in the app: the shared theme, locale and column defaults. */
export function DataGrid<T>(props: AgGridReactProps<T> & { height?: number | string; label: string }) {
  const { height = 420, label, ...rest } = props;
  return (
    <div className="grid-box" style={{ height }} role="region" aria-label={label}>
      <AgGridReact<T>
        theme={gridTheme}
        localeText={AG_GRID_LOCALE_CN}
        defaultColDef={DEFAULT_COL_DEF}
        suppressCellFocus={false}
        {...rest}
      />
    </div>
  );
}
