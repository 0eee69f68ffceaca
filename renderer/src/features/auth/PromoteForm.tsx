import { useState } from 'react';
import type { UserRow as UserInfo } from '../../../../electron/core/auth/types.shared';
import { ROLE_LABELS, type Role } from '../../../../electron/core/contract';
import { errorMessage } from '../../api/client';
import { Message } from '../../kit/Message';
import { revealOnMount } from '../../kit/reveal';
import { InitialPasswordField } from './InitialPasswordField';
import { OwnPasswordField } from './OwnPasswordField';
import { ROLE_CAN } from './role-can';

/** The roles a 只读查看 account can be raised to: both hold the sensitive key. */
export const PROMOTIONS = ['clerk', 'coordinator'] as const satisfies readonly Role[];
export type Promotion = (typeof PROMOTIONS)[number];

/**
 * 改为录入员 / 改为统筹负责人 for a 只读查看 account (users.update; electron/core/README.md "Pins"): made like 重设密码,
 * with a new initial password given in person, since a key handed to the old password would never count. The
 * coordinator's own password confirms it. Stays open on an error (`onSubmit` rejects), said inside; the caller closes it.
 */
export function PromoteForm({
  user,
  role,
  onSubmit,
  onCancel,
}: {
  user: UserInfo;
  role: Promotion;
  onSubmit: (initialPassword: string, ownPassword: string) => Promise<unknown>;
  onCancel: () => void;
}) {
  const [initialPassword, setInitialPassword] = useState('');
  const [own, setOwn] = useState('');
  // Said inside the dialog, where the coordinator is looking (the panel's line is above the list, out of view).
  const [refused, setRefused] = useState<string | null>(null);
  const submit = () => (setRefused(null), void onSubmit(initialPassword, own).catch((e: unknown) => setRefused(errorMessage(e))));
  const to = ROLE_LABELS[role];
  return (
    <form className="notice" role="dialog" aria-label={`改为${to}`} ref={revealOnMount} onSubmit={(e) => (e.preventDefault(), submit())}>
      <p>
        把「{user.displayName}」（用户名 {user.username}）改为{to}。{ROLE_CAN[role]}
      </p>
      <p>
        他要拿到查看完整号码的密钥，原来的密码就不能再用：请给他一个新的初始密码，当面告诉本人。他正开着的窗口会被锁定；下次用新密码解锁后须先改成自己的密码。
      </p>
      <InitialPasswordField value={initialPassword} onChange={setInitialPassword} />
      <OwnPasswordField value={own} onChange={setOwn} />
      <Message msg={refused ? { ok: false, text: refused } : null} />
      <div className="actions">
        <button type="button" onClick={onCancel}>
          取消
        </button>
        <button className="primary" type="submit">
          确认改为{to}
        </button>
      </div>
    </form>
  );
}
