import { useEffect, useState, type ReactNode } from 'react';

/**
 * A long list a page at a time, with 上一页 / 下一页 under it: the page stays
 * a screen or two tall however many items the day brings. Back to a page that
 * exists when the list shrinks (an item done, a filter chosen).
 */
export function usePaged<T>(items: readonly T[], size: number, label: string): { shown: readonly T[]; pager: ReactNode } {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(items.length / size));
  useEffect(() => {
    if (page > pages - 1) setPage(pages - 1);
  }, [page, pages]);
  const at = Math.min(page, pages - 1);
  const shown = items.slice(at * size, at * size + size);
  const pager =
    pages > 1 ? (
      <nav className="pager" aria-label={`${label}分页`}>
        <button type="button" disabled={at === 0} onClick={() => setPage(at - 1)}>
          上一页
        </button>
        <span>
          第 {at + 1} / {pages} 页（共 {items.length} 条，每页 {size} 条）
        </span>
        <button type="button" disabled={at === pages - 1} onClick={() => setPage(at + 1)}>
          下一页
        </button>
      </nav>
    ) : null;
  return { shown, pager };
}
