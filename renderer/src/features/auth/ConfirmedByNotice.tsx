import { useState } from 'react';
import type { ConfirmedByNotice as Notice } from '../../../../electron/core/auth/types.shared';
import { call, errorMessage } from '../../api/client';
import { RecoverySheetCheck } from './RecoverySheetCheck';

/**
 * A coordinator confirmed on 设置 › 用户 by someone else (SessionInfo.confirmedBy; issue 19, CR1-U2): who confirmed
 * them, who confirmed first with the recovery key and who is listed, in the core's words, with 用恢复密钥核对 (the one
 * tell that does not rest on rows the confirming person could write). On the first-password screen it stands above
 * the form (no acknowledgement yet: nothing but the password change and the check opens there); above every screen
 * after, until 我已看过 (`onSeen`, auth.acknowledgeConfirmation).
 */
export function ConfirmedByNotice({ notice, onSeen }: { notice: Notice; onSeen?: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const seen = () => {
    setError(null);
    void call('auth.acknowledgeConfirmation', {})
      .then(() => onSeen?.())
      .catch((e: unknown) => setError(errorMessage(e)));
  };
  return (
    <section className="notice confirmed-by" aria-label="统筹负责人确认提示">
      <p role="status">{notice.message}</p>
      <RecoverySheetCheck>
        {onSeen && (
          <button type="button" className="primary" onClick={seen}>
            我已看过
          </button>
        )}
      </RecoverySheetCheck>
      {!onSeen && <p className="field-note">设好自己的密码后，这条提示还会显示在台账上方，直到您点「我已看过」。</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
