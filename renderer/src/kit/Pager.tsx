import { useEffect, useState } from 'react';

/** 上一页 / 第 a / b 页（共 N 条，每页 n 条）/ 下一页; nothing when one page holds them all. */
export function PagerNav({ at, total, size, label, onPage }: { at: number; total: number; size: number; label: string; onPage: (page: number) => void }) {
  const pages = Math.max(1, Math.ceil(total / size));
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={`${label}分页`}>
      <button type="button" disabled={at === 0} onClick={() => onPage(at - 1)}>
        上一页
      </button>
      <span>
        第 {at + 1} / {pages} 页（共 {total} 条，每页 {size} 条）
      </span>
      <button type="button" disabled={at >= pages - 1} onClick={() => onPage(at + 1)}>
        下一页
      </button>
    </nav>
  );
}

/**
 * The page to show of `total` items, kept on a page that exists when the list
 * shrinks (an item done, a filter chosen).
 */
export function usePageOf(total: number, size: number): [number, (page: number) => void] {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(total / size));
  useEffect(() => {
    if (page > pages - 1) setPage(pages - 1);
  }, [page, pages]);
  return [Math.min(page, pages - 1), setPage];
}
