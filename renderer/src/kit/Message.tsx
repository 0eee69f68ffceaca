/** The one-line outcome under a form or an action: 已保存, or what went wrong in words a clerk can act on. */
import { useState } from 'react';
import { errorMessage } from '../api/client';

export type Msg = { ok: boolean; text: string } | null;

export function Message({ msg }: { msg: Msg }) {
  if (!msg) return null;
  return (
    <p className={msg.ok ? 'ok' : 'error'} role={msg.ok ? 'status' : 'alert'}>
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
    return p.then(() => (setMsg({ ok: true, text: ok }), onDone?.(), true)).catch((e: unknown) => (setMsg({ ok: false, text: errorMessage(e) }), false));
  };
  return { msg, run, setMsg };
}
