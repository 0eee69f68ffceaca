/** Labelled text inputs: the label is what e2e tests and screen readers find them by. */
import { useId, useRef, type InputHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { useNoteRoom } from './note-room';

/** `note`: a line under the box saying what to write and why (read with the box: aria-describedby). */
export function Field({ label, id, note, ...rest }: { label: string; note?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const generated = useId();
  const inputId = id ?? generated;
  const noteRef = useRef<HTMLParagraphElement>(null);
  useNoteRoom(noteRef, note);
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <input id={inputId} aria-describedby={note ? `${inputId}-note` : undefined} {...rest} />
      {note && (
        <p className="field-note" id={`${inputId}-note`} ref={noteRef}>
          {note}
        </p>
      )}
    </div>
  );
}

export function TextArea({ label, ...rest }: { label: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={3} {...rest} />
    </div>
  );
}
