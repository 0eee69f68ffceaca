import { useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Message, useRunner } from '../../kit/Message';
import { InitialPasswordField, initialPasswordSet } from './InitialPasswordField';

type Pending = { id: number; name: string };

/**
 * 设置 › 用户, on top: table 统筹负责人 the coordinators' list does not name (KeyStatus.unconfirmedCoordinators; issue 19,
 * CR1-U): those of before the upgrade to coordinator keys, or someone written in since. They work as 录入员 until a
 * confirmed coordinator answers for each (users.confirmCoordinator), audited. 确认 gives a new initial password, as
 * 重设密码 does: their slot as found may be one a clerk swapped in (CR1-U3), so the key goes only into a new one.
 */
export function UnconfirmedCoordinators({ onChanged }: { onChanged: () => void }) {
  const status = useQuery('users.keyStatus', {});
  const { msg, setMsg } = useRunner();
  // Answered ones leave the list at once, not when the status comes back.
  const [answered, setAnswered] = useState<number[]>([]);
  const [confirming, setConfirming] = useState<{ user: Pending; password: string } | null>(null);
  const pending = (status.data?.unconfirmedCoordinators ?? []).filter((u) => !answered.includes(u.id));
  if (pending.length === 0) return <Message msg={msg} />;
  const answer = (u: Pending, confirm: boolean, initialPassword?: string) => {
    setMsg(null);
    void call('users.confirmCoordinator', { id: u.id, confirm, ...(initialPassword ? { initialPassword } : {}) })
      .then(() => {
        setAnswered((a) => [...a, u.id]);
        setConfirming(null);
        setMsg({ ok: true, text: confirm ? initialPasswordSet(`已确认「${u.name}」是统筹负责人，并设了新的初始密码`) : `已把「${u.name}」改为录入员。` });
        status.reload();
        onChanged();
      })
      .catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }));
  };
  return (
    <section className="notice" role="region" aria-label="待确认的统筹负责人">
      <p>
        以下账号在升级前是统筹负责人（或在用户表里被改成了统筹负责人），还没有经过确认，登录后只能作为录入员使用。请逐个确认：认得、确实是统筹负责人的点「确认」，
        并给他一个新的初始密码当面告诉本人；不认得或不该是统筹负责人的点「改为录入员」（可能有人在程序之外改了用户表，请再到「操作日志」核对）。
      </p>
      <ul>
        {pending.map((u) => (
          <li key={u.id}>
            <strong>{u.name}</strong>{' '}
            <button type="button" className="link" onClick={() => setConfirming({ user: u, password: '' })}>
              确认
            </button>{' '}
            <button type="button" className="link" onClick={() => answer(u, false)}>
              改为录入员
            </button>
          </li>
        ))}
      </ul>
      {confirming && (
        <form className="toolbar" aria-label="确认为统筹负责人" onSubmit={(e) => (e.preventDefault(), answer(confirming.user, true, confirming.password))}>
          <p>确认「{confirming.user.name}」是统筹负责人：他在密钥文件里的那一项会重新生成，原来的密码不能再用。</p>
          <InitialPasswordField value={confirming.password} onChange={(password) => setConfirming({ ...confirming, password })} />
          <button type="button" onClick={() => setConfirming(null)}>
            取消
          </button>
          <button className="primary" type="submit">
            确认为统筹负责人
          </button>
        </form>
      )}
      <Message msg={msg} />
    </section>
  );
}
