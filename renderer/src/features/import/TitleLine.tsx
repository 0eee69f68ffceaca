import { useLayoutEffect, useRef, useState } from 'react';

/**
 * The mapping step's 标题: the one line that names the community or the category (InspectResult.title, the line the
 * suggestions below come from), on one line cut with an ellipsis; the whole title on hover and under 展开. A 接龙's
 * notice keeps five lines as title rows, and all of them joined stood above the columns as a wall of text that
 * pushed the list down at 1366×768 (w48-import). `open` is the step's, so that the column frame under it is measured
 * again when the whole title opens.
 */
export function TitleLine({ title, rows, open, setOpen }: { title: string | null; rows: readonly string[]; open: boolean; setOpen: (o: boolean) => void }) {
  const [cut, setCut] = useState(false);
  const text = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const t = text.current;
    if (t) setCut(t.scrollWidth > t.clientWidth);
  });
  if (title === null) return null;
  const more = rows.length > 1 || cut;
  return (
    <div className="title-line">
      <p>
        <span className="title-label">标题：</span>
        <span className="title-text" ref={text} title={rows.join('\n')}>
          {title}
        </span>
        {more && (
          <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? '收起' : rows.length > 1 ? `展开（共 ${rows.length} 行）` : '展开'}
          </button>
        )}
      </p>
      {open && (
        <ul className="title-rows" aria-label="标题全文">
          {rows.map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
