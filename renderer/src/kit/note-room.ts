/**
 * A box's note in a row of fields hangs under its box, out of the row's flow (styles.css: in the flow it lifted the box
 * and its label above their neighbours'), and wraps within the box's column. Out of the flow it takes no room, so the
 * row keeps room for its tallest note: `--note-room` on the row, measured whenever a note's height changes (a longer
 * note, a narrower window) and when one goes.
 */
import { useLayoutEffect, type RefObject } from 'react';

/** The row's room: its tallest note (`leaving` not counted); with none left, the stylesheet's one line. */
function fitRow(row: HTMLElement, leaving?: Element): void {
  const notes = Array.from(row.querySelectorAll(':scope > .field > .field-note'), (n) => (n === leaving ? 0 : n.getBoundingClientRect().height));
  const tallest = Math.max(0, ...notes);
  if (tallest > 0) row.style.setProperty('--note-room', `${Math.ceil(tallest)}px`);
  else row.style.removeProperty('--note-room');
}

/** `text`: the note's words, or undefined while it is not shown (a box's note comes and goes with a choice). */
export function useNoteRoom(note: RefObject<HTMLElement | null>, text: string | undefined): void {
  useLayoutEffect(() => {
    const el = note.current;
    const row = el?.parentElement?.parentElement;
    if (!el || !row?.classList.contains('toolbar')) return;
    const watch = new ResizeObserver(() => fitRow(row));
    watch.observe(el);
    fitRow(row);
    return () => {
      watch.disconnect();
      fitRow(row, el);
    };
  }, [note, text]);
}
