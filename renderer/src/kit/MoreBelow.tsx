import { useEffect, useState, type RefObject } from 'react';

/**
 * 「向下还有 N 项」 on a line of its own under a scroll frame while items of it (marked `data-more-item`) lie below what it
 * shows, empty at its end; a click scrolls the frame down by most of what it shows. At 1366×768 导入 › 对应列's 全表统一的值
 * ended mid-row at the frame's foot, with nothing to say that 采用「返程人员」 and more fields lay below (session 32).
 * Counted again when the frame scrolls, changes size or its content changes. Put it right after the frame: the line is
 * always there (a frame that changed height as it appeared would jump), and it covers nothing of the frame.
 */
export function MoreBelow({ frame }: { frame: RefObject<HTMLElement | null> }) {
  const [below, setBelow] = useState(0);
  // After the commit: the frame's ref, on an element around this one, is set only once its children's layout effects ran.
  useEffect(() => {
    const el = frame.current;
    if (!el) return;
    const count = () => {
      const foot = el.getBoundingClientRect().bottom;
      setBelow(Array.from(el.querySelectorAll('[data-more-item]')).filter((i) => i.getBoundingClientRect().bottom > foot + 1).length);
    };
    count();
    el.addEventListener('scroll', count, { passive: true });
    const resized = new ResizeObserver(count);
    resized.observe(el);
    const changed = new MutationObserver(count);
    changed.observe(el, { childList: true, subtree: true, characterData: true });
    return () => {
      el.removeEventListener('scroll', count);
      resized.disconnect();
      changed.disconnect();
    };
  }, [frame]);
  return (
    <div className="more-below" role="status" aria-label="框内下方还有">
      {below > 0 && (
        <button type="button" onClick={() => frame.current?.scrollBy({ top: frame.current.clientHeight * 0.8 })}>
          向下还有 {below} 项
        </button>
      )}
    </div>
  );
}
