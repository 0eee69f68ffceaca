/**
 * A grid that pages from the core (ag-grid's Infinite Row Model), made quick to
 * refilter: `npm run bench`, part screen, times choosing a community until its
 * rows are on screen (target 100 ms). What that click costs, and what this does about it:
 * - the request leaves from the click itself (`apply`), not after React has drawn
 *   the new choice and run an effect; the drawing happens while the core answers;
 * - pages of 40 rows: one screen at 1366×768 shows 12, a maximised 1080p window
 *   about 23, and the core's page costs grow with its rows (each row's binding is checked);
 * - the count (共 N 条) lives in a little store of its own, so a new count redraws
 *   the words that show it, not the whole screen and its grid's options;
 * - rows are reloaded in place (refreshInfiniteCache) and kept on screen until the
 *   new ones come: a purge drew the grid twice (empty loading rows, then the rows).
 */
import type { GridApi, GridReadyEvent, IDatasource, SortModelItem } from 'ag-grid-community';
import { useRef, useState, useSyncExternalStore } from 'react';

export const PAGE_ROWS = 40;

export interface PageOf<Row> {
  rows: Row[];
  total: number;
}
export type PageFetch<Row, F> = (filter: F, sort: SortModelItem[], offset: number, limit: number) => Promise<PageOf<Row>>;

/** The number of rows the core has for the filter applied now (null until the first page comes). */
export class RowCountStore {
  private value: number | null = null;
  private readonly listeners = new Set<() => void>();
  readonly get = (): number | null => this.value;
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  set(value: number): void {
    if (value === this.value) return;
    this.value = value;
    for (const l of this.listeners) l();
  }
}

export interface PagedRows<Row, F> {
  datasource: IDatasource;
  onGridReady: (e: GridReadyEvent<Row>) => void;
  count: RowCountStore;
  api: () => GridApi<Row> | null;
  /** The filter the rows on screen were asked with. */
  filter: () => F;
  /** Applies a filter at once: the rows are asked for before the screen redraws the choice. */
  apply: (filter: F) => void;
  /** Asks again with the same filter (after a change). */
  refresh: () => void;
}

/**
 * One per grid, made once: `fetchPage` and `onError` are read at call time, so
 * the screen may pass new closures on every render.
 */
export function usePagedRows<Row, F>(initial: F, fetchPage: PageFetch<Row, F>, onError: (e: unknown) => void): PagedRows<Row, F> {
  const latest = useRef({ fetchPage, onError });
  latest.current = { fetchPage, onError };
  const [paged] = useState(() => {
    let applied = initial;
    let gridApi: GridApi<Row> | null = null;
    const count = new RowCountStore();
    const source: PagedRows<Row, F> = {
      datasource: {
        getRows(p) {
          latest.current
            .fetchPage(applied, p.sortModel, p.startRow, p.endRow - p.startRow)
            .then((r) => (p.successCallback(r.rows, r.total), count.set(r.total)))
            .catch((e: unknown) => (latest.current.onError(e), p.failCallback()));
        },
      },
      onGridReady: (e) => (gridApi = e.api),
      count,
      api: () => gridApi,
      filter: () => applied,
      apply: (filter) => {
        applied = filter;
        gridApi?.refreshInfiniteCache();
      },
      refresh: () => gridApi?.refreshInfiniteCache(),
    };
    return source;
  });
  return paged;
}

export function useRowCount(count: RowCountStore): number | null {
  return useSyncExternalStore(count.subscribe, count.get);
}
