import { useState } from 'react';
import { usernameAsTyped } from '../../../../electron/core/auth/username.shared';
import type { KeysRotated, UserRow as UserInfo } from '../../../../electron/core/auth/types.shared';
import { ROLE_LABELS, ROLES, type Role } from '../../../../electron/core/contract';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { DataGrid } from '../../kit/grid/DataGrid';
import { Field } from '../../kit/Field';
import { Message } from '../../kit/Message';
import { revealOnMount } from '../../kit/reveal';
import { useSession } from '../../kit/session-context';
import { KeysPanel } from './KeysPanel';
import { UnconfirmedCoordinators } from './UnconfirmedCoordinators';
import { ROLE_CAN } from './role-can';
import type { RotationPasswords } from './RotationPasswordFields';
import { InitialPasswordField, initialPasswordSet } from './InitialPasswordField';
import { PROMOTIONS, PromoteForm, type Promotion } from './PromoteForm';
import { RotationResult } from './RotationResult';
import { DemoteDialog, DisableDialog } from './UserRotationDialogs';

/**
 * Clerks sharing the office PC each get their own account, so every change has a name on it. `showKeys`: opened by a
 * link to 密钥 (?at=keys), which is brought into view.
 */
export function UsersPanel({ showKeys = false }: { showKeys?: boolean }) {
  const users = useQuery('users.list', {});
  const [form, setForm] = useState({ username: '', displayName: '', role: 'clerk' as Role, password: '' });
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const session = useSession();
  const me = session.user;
  // 停用 and 改为只读查看 take the account's key away and re-key the ledger: asked once more (UserRotationDialogs), never
  // offered where they can only fail (whyNot), the dialog open until the core says yes.
  const [rotating, setRotating] = useState<{ user: UserInfo; change: 'disable' | 'demote' } | null>(null);
  // What the rotation did (whose password to reset, the new recovery key): shown once, before anything else.
  const [rotated, setRotated] = useState<KeysRotated | null>(null);
  // A forgotten password: a new initial one, which the user replaces at their next unlock (FirstPasswordScreen).
  const [resetting, setResetting] = useState<{ user: UserInfo; password: string } | null>(null);
  // 改为录入员 / 改为统筹负责人: a new initial password, like 重设密码 (PromoteForm); the dialog stays open on an error.
  const [promoting, setPromoting] = useState<{ user: UserInfo; role: Promotion } | null>(null);
  const promote = (user: UserInfo, role: Promotion, initialPassword: string, password: string) =>
    call('users.update', { id: user.id, role, initialPassword, password }).then(() => {
      setPromoting(null);
      users.reload();
      setMsg({ ok: true, text: initialPasswordSet(`已把「${user.displayName}」改为${ROLE_LABELS[role]}，并设了新的初始密码`) });
    });
  const activeCoordinators = (users.data ?? []).filter((u) => u.role === 'coordinator' && !u.disabled).length;
  const whyNot = (u: UserInfo): string | null =>
    u.id === me.id ? '当前登录的账号' : u.role === 'coordinator' && activeCoordinators <= 1 ? '唯一的统筹负责人' : null;
  const run = (p: Promise<unknown>, ok: string) =>
    p.then(() => setMsg({ ok: true, text: ok })).catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }));
  // A refusal rejects (the dialog says it and stays open); on success the rotation's result replaces the screen.
  const rotate = async (user: UserInfo, change: 'disable' | 'demote', passwords: RotationPasswords) => {
    const r =
      change === 'disable'
        ? await call('users.disable', { id: user.id, ...passwords })
        : await call('users.update', { id: user.id, role: 'viewer', ...passwords });
    setRotating(null);
    setMsg({
      ok: true,
      text:
        change === 'disable'
          ? `已停用「${user.displayName}」，这个账号的密码不能再打开台账。`
          : `已把「${user.displayName}」改为只读查看：他登录后只能看到打码的号码，不能登记或修改。`,
    });
    if (r.keysRotated) setRotated(r.keysRotated);
    else users.reload();
  };
  const RotationDialog = rotating?.change === 'demote' ? DemoteDialog : DisableDialog;
  if (rotated)
    return (
      <div className="panel">
        <Message msg={msg} />
        <RotationResult result={rotated} office={session.officeName} doneLabel="我已妥善保存，回到用户列表" onDone={() => (setRotated(null), users.reload())} />
      </div>
    );
  return (
    <div className="panel">
      <Message msg={msg} />
      <UnconfirmedCoordinators onChanged={users.reload} />
      <form
        className="toolbar"
        onSubmit={(e) => (
          e.preventDefault(),
          void run(
            call('users.create', form).then(() => setForm({ ...form, username: '', displayName: '', password: '' })),
            `已添加${ROLE_LABELS[form.role]}「${form.displayName}」（用户名 ${usernameAsTyped(form.username)}）。请把用户名和初始密码当面告诉本人：在这台电脑上点右上角「锁定」，再用自己的账号解锁：第一次解锁时台账会先请他设置只有自己知道的新密码，设好才能使用。`,
          )
        )}
      >
        <Field label="姓名" value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} required />
        <Field label="用户名" value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} required />
        <div className="field">
          <label htmlFor="new-user-role">角色</label>
          <select id="new-user-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <Field label="初始密码" type="password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} required />
        <button className="primary" type="submit">
          添加用户
        </button>
      </form>
      <p style={{ color: 'var(--muted)' }} aria-label="权限说明">
        {ROLE_CAN[form.role]}
      </p>
      <DataGrid<UserInfo>
        label="用户列表"
        // As tall as its rows (an office has a few accounts), up to 300 px: a fixed 300 px left 密钥 under the foot of a
        // 1366×678 window with one account or three, below a blank grid.
        height={Math.min(300, 60 + 34 * (users.data?.length ?? 3))}
        rowData={users.data}
        empty={{ text: '还没有用户。在上面填写姓名、用户名和初始密码，为每位录入员建一个账号。' }}
        getRowId={(p) => String(p.data.id)}
        columnDefs={[
          { field: 'displayName', headerName: '姓名', pinned: 'left' },
          { field: 'username', headerName: '用户名' },
          { field: 'role', headerName: '角色', valueFormatter: (p) => ROLE_LABELS[p.value as Role] },
          // A boolean field would be drawn as a bare checkbox: the status is words.
          {
            colId: 'status',
            headerName: '状态',
            width: 190,
            valueGetter: (p) =>
              p.data?.disabled ? '已停用' : p.data?.needsNewPassword ? '在用（需重设密码）' : p.data?.mustChangePassword ? '在用（待本人设置密码）' : '在用',
          },
          {
            headerName: '操作',
            flex: 1,
            cellRenderer: (p: { data: UserInfo }) =>
              p.data.disabled ? null : whyNot(p.data) ? (
                <span className="muted">{whyNot(p.data)}</span>
              ) : (
                <span style={{ display: 'flex', gap: 12 }}>
                  {p.data.role === 'viewer' &&
                    PROMOTIONS.map((role) => (
                      <button key={role} className="link" onClick={() => setPromoting({ user: p.data, role })}>
                        改为{ROLE_LABELS[role]}
                      </button>
                    ))}
                  <button className="link" onClick={() => setResetting({ user: p.data, password: '' })}>
                    重设密码
                  </button>
                  {p.data.role !== 'viewer' && (
                    <button className="link" onClick={() => setRotating({ user: p.data, change: 'demote' })}>
                      改为只读查看
                    </button>
                  )}
                  <button className="link" onClick={() => setRotating({ user: p.data, change: 'disable' })}>
                    停用
                  </button>
                </span>
              ),
          },
        ]}
      />
      {resetting && (
        <form
          className="notice"
          aria-label="重设密码"
          key={resetting.user.id}
          ref={revealOnMount}
          onSubmit={(e) => {
            e.preventDefault();
            const { user, password } = resetting;
            setResetting(null);
            void run(call('users.resetPassword', { id: user.id, password }), initialPasswordSet(`已为「${user.displayName}」设了新的初始密码`));
          }}
        >
          <p>
            「{resetting.user.displayName}」（用户名 {resetting.user.username}
            ）忘了密码时，在这里给他一个新的初始密码。他正开着的窗口会被锁定；下次解锁后须先改成自己的密码。
          </p>
          <InitialPasswordField value={resetting.password} onChange={(password) => setResetting({ ...resetting, password })} />
          <div className="actions">
            <button type="button" onClick={() => setResetting(null)}>
              取消
            </button>
            <button className="primary" type="submit">
              重设密码
            </button>
          </div>
        </form>
      )}
      {promoting && (
        <PromoteForm
          key={`${promoting.user.id}-${promoting.role}`}
          user={promoting.user}
          role={promoting.role}
          onCancel={() => setPromoting(null)}
          onSubmit={(initialPassword, password) => promote(promoting.user, promoting.role, initialPassword, password)}
        />
      )}
      {rotating && (
        <RotationDialog
          key={`${rotating.user.id}-${rotating.change}`}
          user={rotating.user}
          onCancel={() => setRotating(null)}
          onSubmit={(passwords) => rotate(rotating.user, rotating.change, passwords)}
        />
      )}
      <KeysPanel onRotated={setRotated} reveal={showKeys} />
    </div>
  );
}
