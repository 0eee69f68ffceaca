import { useSession } from '../../kit/session-context';

/**
 * Above every screen, what the core found at sign-in that the user must know (auth.unlock / auth.whoami):
 * a clerk or coordinator working without the sensitive key, why and what fixes it (auth/key-notice.ts);
 * for a coordinator, an audit anchor that does not hold, in the core's words, with the way to 操作日志's check.
 */
export function SignInNotices() {
  const s = useSession();
  return (
    <>
      {s.keyNotice && (
        <p className="notice" role="status" aria-label="敏感信息密钥">
          {s.keyNotice.message}
        </p>
      )}
      {s.anchorFinding && (
        <p className="notice" role="alert" aria-label="操作日志锚点">
          程序在您登录时核对操作日志，发现：{s.anchorFinding.message} <a href="#/settings?tab=audit">到「设置 → 操作日志」点「校验日志完整性」查看</a>
        </p>
      )}
    </>
  );
}
