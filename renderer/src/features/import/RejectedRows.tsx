/**
 * What 「退回」 means, said where the count is (preview, report, history), and the one way to
 * save the rows sent back: a spreadsheet of them as they were, with a column saying why. The
 * rows stay with the import's record (import_rejected_rows), so it can be saved again later.
 */
import { useState } from 'react';
import type { ChosenFile } from '../../../../electron/core/shell/contract';
import { call, errorMessage } from '../../api/client';
import { FileChooser } from '../../kit/FileChooser';
import { Message, useRunner } from '../../kit/Message';

/** Preview and report: what happens to the rows sent back, and where to find and correct them. */
export function RejectedNote({ count, committed }: { count: number; committed: boolean }) {
  const n = count.toLocaleString('zh-CN');
  return (
    <p className="notice" role="note" aria-label="退回的行怎么办">
      {committed ? `这 ${n} 行没有写入台账，其他行已导入。请在下面` : `这 ${n} 行不会写入台账，其他行照常导入。确认导入后可以`}
      {
        '「保存退回表格」（原样的行，另加一列错误原因），发回社区改正后，把改好的退回表格再导入一次即可（已导入的人不会重复）。以后也可以在「导入记录」里再次保存这份退回表格。'
      }
    </p>
  );
}

/** The save box and button for one import's rows sent back. */
export function RejectedSave({ importId, fileName, besidePath }: { importId: number; fileName: string; besidePath?: string | undefined }) {
  const [saveTo, setSaveTo] = useState<ChosenFile | null>(null);
  const [busy, setBusy] = useState(false);
  const { msg, setMsg } = useRunner();
  const suggested = `退回_${fileName.replace(/\.[^.]*$/, '')}.xlsx`;
  const save = async () => {
    if (!saveTo) return;
    setBusy(true);
    setMsg(null);
    try {
      const r = await call('import.rejected.save', { importId, outPath: saveTo.handle });
      setMsg({ ok: true, text: `已保存退回表格（${r.rows} 行）：${r.path}` });
    } catch (e) {
      setMsg({ ok: false, text: errorMessage(e) });
    } finally {
      // A save location works once: the next save asks again.
      setSaveTo(null);
      setBusy(false);
    }
  };
  return (
    <div>
      <Message msg={msg} />
      <div className="toolbar">
        <FileChooser
          kind="save"
          label="退回表格保存到"
          title="保存退回表格"
          suggestedName={suggested}
          defaultPath={besidePath ? besidePath.replace(/[^/\\]*$/, '') + suggested : undefined}
          value={saveTo}
          onChange={setSaveTo}
        />
        <button type="button" disabled={!saveTo || busy} onClick={() => void save()}>
          保存退回表格
        </button>
      </div>
    </div>
  );
}
