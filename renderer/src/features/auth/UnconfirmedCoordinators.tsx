import { useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Message, useRunner } from '../../kit/Message';

/**
 * 设置 › 用户, on top: table 统筹负责人 the coordinators' list does not name (KeyStatus.unconfirmedCoordinators; issue 19,
 * CR1-U): those of before the upgrade to coordinator keys, or someone written in since. They work as 录入员 until a
 * confirmed coordinator answers for each, one click (users.confirmCoordinator), audited.
 */
export function UnconfirmedCoordinators({ onChanged }: { onChanged: () => void }) {
  const status = useQuery('users.keyStatus', {});
  const { msg, setMsg } = useRunner();
  // Answered ones leave the list at once, not when the status comes back.
  const [answered, setAnswered] = useState<number[]>([]);
  const pending = (status.data?.unconfirmedCoordinators ?? []).filter((u) => !answered.includes(u.id));
  if (pending.length === 0) return <Message msg={msg} />;
  // A confirmed coordinator whose slot could not be given the key (its public key never vouched for) needs a reset too.
  const said = (name: string, confirm: boolean, sealed: boolean): string =>
    !confirm
      ? `已把「${name}」改为录入员。`
      : sealed
        ? `已确认「${name}」是统筹负责人：他下次登录即按统筹负责人使用。`
        : `已确认「${name}」是统筹负责人。他的密钥槽还没有经过核实，请在下面的用户列表里为他重设密码，他用新密码登录后即按统筹负责人使用。`;
  const answer = (u: { id: number; name: string }, confirm: boolean) => {
    setMsg(null);
    void call('users.confirmCoordinator', { id: u.id, confirm })
      .then((r) => (setAnswered((a) => [...a, u.id]), setMsg({ ok: true, text: said(u.name, confirm, r.sealed) }), status.reload(), onChanged()))
      .catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }));
  };
  return (
    <section className="notice" role="region" aria-label="待确认的统筹负责人">
      <p>
        以下账号在升级前是统筹负责人（或在用户表里被改成了统筹负责人），还没有经过确认，登录后只能作为录入员使用。请逐个确认：认得、确实是统筹负责人的点「确认」；
        不认得或不该是统筹负责人的点「改为录入员」（可能有人在程序之外改了用户表，请再到「操作日志」核对）。
      </p>
      <ul>
        {pending.map((u) => (
          <li key={u.id}>
            <strong>{u.name}</strong>{' '}
            <button type="button" className="link" onClick={() => answer(u, true)}>
              确认
            </button>{' '}
            <button type="button" className="link" onClick={() => answer(u, false)}>
              改为录入员
            </button>
          </li>
        ))}
      </ul>
      <Message msg={msg} />
    </section>
  );
}
