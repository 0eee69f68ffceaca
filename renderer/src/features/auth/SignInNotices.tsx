import { useContext } from 'react';
import { call } from '../../api/client';
import { SessionUpdateCtx, useSession } from '../../kit/session-context';
import { ConfirmCoordinatorForm } from './ConfirmCoordinatorForm';
import { ConfirmedByNotice } from './ConfirmedByNotice';

/**
 * Above every screen, what the core found at sign-in that the user must know (auth.unlock / auth.whoami):
 * a clerk or coordinator working without the sensitive key, why and what fixes it (auth/key-notice.ts); a table
 * 统筹负责人 working as 录入员 (auth/coordinator-notice.ts), with the recovery-key form when the ledger awaits its first;
 * a coordinator confirmed by someone else, until they have read it (auth/confirmed-notice.ts);
 * for a coordinator, an audit anchor that does not hold, in the core's words, with the way to 操作日志's check, and a
 * key history that does not open (S34-A5: old entries' numbers unreadable), and a stopped rotation's recovery key
 * never shown (the printed sheet void), each with the way to 密钥.
 */
export function SignInNotices() {
  const s = useSession();
  const update = useContext(SessionUpdateCtx);
  const seen = () => void call('auth.whoami', {}).then((next) => next && update(next));
  return (
    <>
      {s.keyNotice && (
        <p className="notice" role="status" aria-label={s.keyNotice.role === 'coordinator' && s.user.role === 'clerk' ? '统筹负责人身份' : '敏感信息密钥'}>
          {s.keyNotice.message}
        </p>
      )}
      {s.keyNotice?.case === 'confirm' && <ConfirmCoordinatorForm />}
      {s.confirmedBy && <ConfirmedByNotice notice={s.confirmedBy} onSeen={seen} />}
      {s.anchorFinding && (
        <p className="notice" role="alert" aria-label="操作日志锚点">
          程序在您登录时核对操作日志，发现：{s.anchorFinding.message} <a href="#/settings?tab=audit">到「设置 → 操作日志」点「校验日志完整性」查看</a>
        </p>
      )}
      {s.recoverySheetUnseen && (
        <p className="notice" role="alert" aria-label="恢复密钥已作废">
          {s.recoverySheetUnseen} <a href="#/settings?tab=users">到「设置 → 用户 → 密钥」生成</a>
        </p>
      )}
      {s.keyHistory && (
        <p className="notice" role="alert" aria-label="旧密钥记录">
          {s.keyHistory.message} <a href="#/settings?tab=users">到「设置 → 用户 → 密钥」查看</a>
        </p>
      )}
    </>
  );
}
