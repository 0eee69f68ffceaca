import { AgGridReact, type AgGridReactProps } from 'ag-grid-react';
import { useT } from '../i18n';
import { gridLocale, gridTheme } from './setup';

/** Every table in the app: the shared theme, locale and column defaults. */
export function DataGrid<T>(props: AgGridReactProps<T> & { height?: number | string; label: string }) {
  const { locale } = useT();
  const { height = 420, label, ...rest } = props;
  return (
    <div className="grid-box" style={{ height }} role="region" aria-label={label}>
      <AgGridReact<T>
        theme={gridTheme}
        localeText={gridLocale(locale)}
        defaultColDef={{ sortable: true, resizable: true, minWidth: 80 }}
        suppressCellFocus={false}
        {...rest}
      />
    </div>
  );
}
