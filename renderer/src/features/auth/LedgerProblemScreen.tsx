import { useState } from 'react';
import type { SetupStatus } from '../../../../electron/core/auth/contract';
import { call, errorMessage, isPreview } from '../../api/client';
import type { ChosenFile } from '../../../../electron/core/shell/contract';
import { FileChooser } from '../../kit/FileChooser';

/**
 * Startup when the ledger cannot be opened: say what happened in plain
 * Chinese, delete nothing, and offer the ways out: open another ledger
 * folder (e.g. a restored backup), or quit.
 */
export function LedgerProblemScreen({ status, onReopened }: { status: SetupStatus; onReopened: () => void }) {
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
      <h1>台账无法打开</h1>
      <p className="error" role="alert">
        {status.problem?.message}
      </p>
      <p>
        台账位置：<code>{status.dataDir}</code>
      </p>
      <p>程序没有删除或改动任何文件。您可以：从备份恢复；把正确的台账文件夹放回原处后重新启动；或者退出程序，联系技术支持。</p>
      <h2>打开另一个台账（例如从备份恢复出的文件夹）</h2>
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
          placeholder="例如 D:\台账备份\2020-02-17"
          value={folder}
          onChange={setFolder}
        />
        {error && <p className="error">{error}</p>}
        <div className="actions">
          <button type="submit" className="primary" disabled={!folder}>
            打开这个台账
          </button>
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
