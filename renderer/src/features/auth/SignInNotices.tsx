import { useContext, useEffect, useState, type ReactNode } from 'react';
import { RECOVERY_SLOT_ALTERED_WORDS, recoveryNoticeName } from '../../../../electron/core/auth/recovery-notice.shared';
import { call, onCoreEvent } from '../../api/client';
import { SessionUpdateCtx, useSession } from '../../kit/session-context';
import { ConfirmCoordinatorForm } from './ConfirmCoordinatorForm';
import { ConfirmedByNotice } from './ConfirmedByNotice';

/** 设置 › 用户 › 密钥, brought into view (it stands under the users' list, below a 1366×678 window's foot). */
const KEYS_LINK = '#/settings?tab=users&at=keys';

/** The notices the user folded away, by what they were (a new or different one opens the list again); until reload. */
let foldedFor: string | null = null;

/**
 * For a coordinator: table 统筹负责人 still to confirm (KeyStatus.unconfirmedCoordinators), who work as 录入员 until
 * they are; read again when the core reports a change (an answer on 设置 › 用户 takes them off).
 */
function usePendingCoordinators(coordinator: boolean): string[] {
  const [names, setNames] = useState<string[]>([]);
  const [tick, setTick] = useState(0);
  useEffect(() => (coordinator ? onCoreEvent((e) => e.type === 'changed' && setTick((t) => t + 1)) : undefined), [coordinator]);
  useEffect(() => {
    if (!coordinator) return;
    let alive = true;
    call('users.keyStatus', {})
      .then((k) => alive && setNames(k.unconfirmedCoordinators.map((u) => u.name)))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [coordinator, tick]);
  return names;
}

/**
 * Above every screen, what the core found at sign-in that the user must know (auth.unlock / auth.whoami):
 * a clerk or coordinator working without the sensitive key, why and what fixes it (auth/key-notice.ts); a table
 * 统筹负责人 working as 录入员 (auth/coordinator-notice.ts), with the recovery-key form when the ledger awaits its first;
 * a coordinator confirmed by someone else, until they have read it (auth/confirmed-notice.ts);
 * for a coordinator, an audit anchor that does not hold, in the core's words, with the way to 操作日志's check, and a
 * key history that does not open (S34-A5: old entries' numbers unreadable), and a stopped rotation's recovery key
 * never shown (the printed sheet void), each with the way to 密钥; and table 统筹负责人 still to confirm, with the way to
 * 设置 › 用户 (before, said only there).
 *
 * In the order to act on them: first what this sign-in may do (its role); then what says the file was changed outside
 * the program, whose way is a backup restored, which would replace whatever is done before it; last a new recovery
 * key, made once the ledger is the one to keep; then the others' accounts to confirm. Two or more are numbered under one line saying how many and where to
 * start, and can be folded to that line, so a long list does not push the screen itself out of a 768-high window.
 */
export function SignInNotices() {
  const s = useSession();
  const update = useContext(SessionUpdateCtx);
  const seen = () => void call('auth.whoami', {}).then((next) => next && update(next));
  const pending = usePendingCoordinators(s.user.role === 'coordinator');
  const notices: Array<{ key: string; node: ReactNode }> = [];
  if (s.keyNotice)
    notices.push({
      key: `key:${s.keyNotice.case}`,
      node: (
        <>
          <p className="notice" role="status" aria-label={s.keyNotice.role === 'coordinator' && s.user.role === 'clerk' ? '统筹负责人身份' : '敏感信息密钥'}>
            {s.keyNotice.message}
          </p>
          {s.keyNotice.case === 'confirm' && <ConfirmCoordinatorForm />}
        </>
      ),
    });
  if (s.confirmedBy) notices.push({ key: 'confirmedBy', node: <ConfirmedByNotice notice={s.confirmedBy} onSeen={seen} /> });
  if (s.anchorFinding)
    notices.push({
      key: 'anchor',
      node: (
        <p className="notice" role="alert" aria-label="操作日志锚点">
          程序在您登录时核对操作日志，发现：{s.anchorFinding.message} <a href="#/settings?tab=audit">到「设置 → 操作日志」点「校验日志完整性」查看</a>
        </p>
      ),
    });
  if (s.keyHistory)
    notices.push({
      key: 'keyHistory',
      node: (
        <p className="notice" role="alert" aria-label="旧密钥记录">
          {s.keyHistory.message} <a href={KEYS_LINK}>到「设置 → 用户 → 密钥」查看</a>
        </p>
      ),
    });
  if (s.recoverySheetUnseen)
    notices.push({
      key: 'recoverySheet',
      node: (
        <p className="notice" role="alert" aria-label={recoveryNoticeName(s.recoverySheetUnseen)}>
          {s.recoverySheetUnseen}{' '}
          <a href={KEYS_LINK}>到「设置 → 用户 → 密钥」{s.recoverySheetUnseen === RECOVERY_SLOT_ALTERED_WORDS ? '核对或生成' : '生成'}</a>
        </p>
      ),
    });
  if (pending.length > 0)
    notices.push({
      key: `pending:${pending.join('、')}`,
      node: (
        <p className="notice" role="status" aria-label="统筹负责人待确认">
          {pending.join('、')} 在升级前是统筹负责人（或在用户表里被改成了统筹负责人），还没有经过确认，登录后只能作为录入员使用。{' '}
          <a href="#/settings?tab=users">到「设置 → 用户」逐个确认或改为录入员</a>
        </p>
      ),
    });
  const which = `${s.user.id}:${notices.map((n) => n.key).join(',')}`;
  const [folded, setFolded] = useState(foldedFor === which);
  if (notices.length === 0) return null;
  if (notices.length === 1) return <>{notices[0]!.node}</>;
  const restoreFirst = notices.some((n) => n.key === 'anchor' || n.key === 'keyHistory') && notices.some((n) => n.key === 'recoverySheet');
  const fold = (on: boolean) => ((foldedFor = on ? which : null), setFolded(on));
  return (
    <section className="sign-in-notices" aria-label="登录时发现的事">
      <p className="notice sign-in-notices-lead">
        <strong>登录时发现 {notices.length} 件事，</strong>
        {folded ? '已收起。' : `按处理的先后列在下面，请从第 1 件做起${restoreFirst ? '（决定要从备份恢复的，先恢复再做后面的）' : ''}。`}{' '}
        <button type="button" className="link" aria-expanded={!folded} onClick={() => fold(!folded)}>
          {folded ? '展开' : '收起'}
        </button>
      </p>
      {!folded && (
        <ol className="sign-in-notices-list">
          {notices.map((n) => (
            <li key={n.key}>{n.node}</li>
          ))}
        </ol>
      )}
    </section>
  );
}
