/** The one-line outcome under a form or an action: 已保存, or what went wrong in words a clerk can act on. */
import { useState } from 'react';
import { ApiError, errorMessage } from '../api/client';

/** ok: done (green); not ok: an error (red), unless `info`: neither, such as a cancel the user asked for, said plainly. */
export type Msg = { ok: boolean; text: string; info?: boolean } | null;

/** The line for an action that did not finish: what the core said. A cancel the user asked for (取消) is no error. */
export function failureMsg(e: unknown): NonNullable<Msg> {
  const text = errorMessage(e);
  return e instanceof ApiError && e.code === 'CANCELLED' ? { ok: false, text, info: true } : { ok: false, text };
}

export function Message({ msg }: { msg: Msg }) {
  if (!msg) return null;
  return (
    <p className={msg.info ? 'info' : msg.ok ? 'ok' : 'error'} role={msg.ok || msg.info ? 'status' : 'alert'}>
      {msg.text}
    </p>
  );
}

/** Runs an action and turns its outcome into a message a clerk can read. */
export function useRunner(onDone?: () => void): { msg: Msg; run: (p: Promise<unknown>, ok: string) => Promise<boolean>; setMsg: (m: Msg) => void } {
  const [msg, setMsg] = useState<Msg>(null);
  // The last verdict goes as the new attempt starts, so an old error is never read as this attempt's answer.
  const run = (p: Promise<unknown>, ok: string) => {
    setMsg(null);
    return p.then(() => (setMsg({ ok: true, text: ok }), onDone?.(), true)).catch((e: unknown) => (setMsg(failureMsg(e)), false));
  };
  return { msg, run, setMsg };
}
