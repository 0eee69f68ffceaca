import { useState } from 'react';
import type { SetupStatus } from '../../../../electron/core/auth/types.shared';
import { call, errorMessage, isPreview } from '../../api/client';
import type { ChosenFile } from '../../../../electron/core/shell/contract';
import { FileChooser } from '../../kit/FileChooser';

/** The way to a backup without a session: its folder is a ledger's own files, opened as one (a copy: opening writes). */
const BACKUP_WAY =
  '用备份：备份是在「上报 › 备份与恢复」做的，每份是一个名为「台账备份_街道名_日期」的文件夹，在当时选的 U 盘或自动备份位置里。' +
  '先把整个备份文件夹复制一份，再在下面打开复制出的那份（打开的文件夹会被写入，备份原件请保持不动）。' +
  '这样只对这一次有效：要以后启动时也打开它，请退出程序，把上面台账位置的文件夹改名留存，把复制出的文件夹改成同样的名字放到那里，再启动。';

/**
 * When the ledger cannot be opened, found at startup or refused at the password (LEDGER_DAMAGED: a trigger the
 * program did not make, a broken anchor or chain): say what happened in plain Chinese, delete nothing, and offer the
 * ways out: a copy of a backup folder opened (restoring inside the app needs a coordinator's session, which a refused
 * ledger cannot give: a backup folder holds a ledger's own files and opens as one), or quit. `onBack`: the refusal
 * came at the password, and may be one account's (a damaged key slot): the way back to the sign-in stays.
 * `accountOnly`: the ledger is sound but the only coordinator's key and the recovery key's are both broken
 * (ACCOUNT_KEY_DAMAGED's 'backup' way, from the unlock form): not 台账无法打开, and the others may still sign in.
 */
export function LedgerProblemScreen({
  status,
  onReopened,
  onBack,
  accountOnly = false,
}: {
  status: SetupStatus;
  onReopened: () => void;
  onBack?: () => void;
  accountOnly?: boolean;
}) {
  const [folder, setFolder] = useState<ChosenFile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [quitNote, setQuitNote] = useState<string | null>(null);
  async function openOther() {
    setError(null);
    if (!folder) return;
    try {
      const next = await call('setup.openLedger', { path: folder.handle });
      if (next.problem) setError(next.problem.message);
      else onReopened();
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  return (
    <main className="auth-card problem">
      <h1>{accountOnly ? '统筹负责人的账号打不开：用备份' : '台账无法打开'}</h1>
      <p className="error" role="alert">
        {status.problem?.message}
      </p>
      {accountOnly && (
        <p>
          录入员和只读查看的人仍可用自己的密码解锁（点下面的「返回解锁」），但没有统筹负责人就不能管理用户、更换密钥，也不能在程序里恢复备份：请照下面「用备份」那一段做。
        </p>
      )}
      <p>
        台账位置：<code>{status.dataDir}</code>
      </p>
      <p>程序没有删除或改动任何文件。您可以：</p>
      <ul className="problem-ways">
        <li>{BACKUP_WAY}</li>
        <li>把正确的台账文件夹放回上面的位置后重新启动。</li>
        <li>退出程序，联系技术支持。</li>
      </ul>
      <h2>打开另一个台账（例如复制出的备份文件夹）</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void openOther();
        }}
      >
        <FileChooser
          kind="ledgerFolder"
          label="台账文件夹路径"
          title="选择台账文件夹"
          placeholder="例如 D:\恢复\台账备份_红旗街道办事处_20200217"
          value={folder}
          onChange={setFolder}
        />
        {error && <p className="error">{error}</p>}
        <div className="actions">
          <button type="submit" className="primary" disabled={!folder}>
            打开这个台账
          </button>
          {onBack && (
            <button type="button" onClick={onBack}>
              返回解锁
            </button>
          )}
          <button
            type="button"
            onClick={() => void call('app.quit', {}).then(() => setQuitNote(isPreview ? '预览模式下请直接关闭浏览器标签页。' : '正在退出…'))}
          >
            退出程序
          </button>
        </div>
      </form>
      {quitNote && <p className="notice">{quitNote}</p>}
    </main>
  );
}
