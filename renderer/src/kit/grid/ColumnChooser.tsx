import { useEffect, useId, useRef, useState } from 'react';

export interface ChoosableColumn {
  id: string;
  name: string;
  shown: boolean;
}

/**
 * 「显示列」: a menu of the grid's columns with a tick for each, so the
 * secondary ones stay out of the way at 1366 wide until someone wants them.
 */
export function ColumnChooser({
  columns,
  onChange,
  onReset,
}: {
  columns: ChoosableColumn[];
  onChange: (id: string, shown: boolean) => void;
  onReset: () => void;
}) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const menuId = useId();
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => box.current && !box.current.contains(e.target as Node) && setOpen(false);
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', away);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', esc);
    };
  }, [open]);
  const hidden = columns.filter((c) => !c.shown).length;
  return (
    <div className="column-chooser" ref={box}>
      <button type="button" aria-expanded={open} aria-controls={menuId} onClick={() => setOpen(!open)}>
        显示列{hidden > 0 ? `（${hidden} 列未显示）` : ''}
      </button>
      {open && (
        <div className="column-menu" id={menuId} role="group" aria-label="显示列">
          {columns.map((c) => (
            <label key={c.id} className="check">
              <input type="checkbox" checked={c.shown} onChange={(e) => onChange(c.id, e.target.checked)} /> {c.name}
            </label>
          ))}
          <button type="button" className="link" onClick={onReset}>
            恢复默认
          </button>
        </div>
      )}
    </div>
  );
}
