import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { Message } from '../../kit/Message';
import { revealOnMount } from '../../kit/reveal';
import { NO_ROTATION_PASSWORDS, rotationFieldNamed, RotationPasswordFields, type RotationPasswords } from './RotationPasswordFields';

/**
 * The dialog of a change on 设置 › 用户 that changes the keys (停用, 改为只读查看; users.disable, users.update): what will
 * happen in plain words, the coordinator's own password and a new one twice. A refusal (a wrong own password, the new
 * one typed differently) is said inside the dialog, where the coordinator is looking, and the box it names is marked;
 * the dialog stays open. `onSubmit` rejects on a refusal; the caller closes the dialog on success.
 */
export function RotationConfirmForm({
  label,
  confirm,
  children,
  onSubmit,
  onCancel,
}: {
  /** The dialog's name, as tests and screen readers find it. */
  label: string;
  /** The confirming button's words. */
  confirm: string;
  /** What will happen, in a sentence or two. */
  children: ReactNode;
  onSubmit: (passwords: RotationPasswords) => Promise<unknown>;
  onCancel: () => void;
}) {
  const [passwords, setPasswords] = useState(NO_ROTATION_PASSWORDS);
  const [refused, setRefused] = useState<{ text: string; field: keyof RotationPasswords | null } | null>(null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => revealOnMount(form.current), []);
  // The refusal and the buttons below the boxes stay in view (at 1366×768 the dialog sits under the user list).
  useEffect(() => {
    if (refused) form.current?.scrollIntoView({ block: 'nearest' });
  }, [refused]);
  const submit = () => {
    setRefused(null);
    void onSubmit(passwords).catch((e: unknown) =>
      setRefused({ text: errorMessage(e), field: e instanceof ApiError ? rotationFieldNamed(e.details?.fields) : null }),
    );
  };
  return (
    <form className="notice" role="dialog" aria-label={label} ref={form} onSubmit={(e) => (e.preventDefault(), submit())}>
      {children}
      <RotationPasswordFields
        value={passwords}
        invalid={refused?.field ?? null}
        onChange={(next) => (setPasswords(next), refused?.field && setRefused({ ...refused, field: null }))}
      />
      <Message msg={refused ? { ok: false, text: refused.text } : null} />
      <div className="actions">
        <button type="button" onClick={onCancel}>
          取消
        </button>
        <button className="primary" type="submit">
          {confirm}
        </button>
      </div>
    </form>
  );
}
