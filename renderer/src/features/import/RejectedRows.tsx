/**
 * What 「退回」 means, said where the count is (preview, report, history), and the one way to
 * save the rows sent back: a spreadsheet of them as they were, with a column saying why. The
 * rows stay with the import's record (import_rejected_rows), so it can be saved again later.
 */
import { useState, type ReactNode } from 'react';
import type { CommitResult, RejectedRowView } from '../../../../electron/core/io/import/contract';
import type { ChosenFile } from '../../../../electron/core/shell/contract';
import { call, errorMessage, isPreview } from '../../api/client';
import { ask, FileChooser } from '../../kit/FileChooser';
import { DataGrid } from '../../kit/grid/DataGrid';
import { Message, useRunner } from '../../kit/Message';

/** The widest a column of the file's own cells grows in the rejected rows (px). */
export const FILE_CELL_MAX_WIDTH = 240;

/** Preview and report: what happens to the rows sent back, and where to find and correct them. */
export function RejectedNote({ count, committed }: { count: number; committed: boolean }) {
  const n = count.toLocaleString('zh-CN');
  return (
    <p className="notice" role="note" aria-label="退回的行怎么办">
      {committed
        ? `这 ${n} 行没有写入台账，其他行已导入。下一步：按「保存退回表格」存成一份表格（原样的行，另加一列错误原因），发回社区，请社区按下表的行号和原因改正；改好的表格再导入一次即可（已导入的人不会重复）。以后也可以在「导入记录」里再次保存。`
        : `这 ${n} 行不会写入台账，其他行照常导入。确认导入后可以「保存退回表格」（原样的行，另加一列错误原因），发回社区改正后，把改好的退回表格再导入一次即可（已导入的人不会重复）。以后也可以在「导入记录」里再次保存这份退回表格。`}
    </p>
  );
}

/** The rows sent back, by row number and reason, then the file's own first cells. */
export function RejectedGrid({ rows, headers, height }: { rows: RejectedRowView[]; headers: string[]; height: number | string }) {
  const reasonsOf = (r: RejectedRowView) => r.reasons.map((x) => (x.field ? `「${x.field}」${x.message}` : x.message)).join('；');
  // An import by sheets: the same row number on two sheets is two rows, each named with its sheet (session 49).
  const bySheet = rows.some((r) => r.sheet !== undefined);
  return (
    <DataGrid<RejectedRowView>
      label="退回的行"
      height={height}
      rowData={rows}
      empty={{ text: '没有要退回的行。' }}
      getRowId={(p) => `${p.data.sheet ?? ''}:${p.data.rowNumber}`}
      columnDefs={[
        ...(bySheet ? [{ field: 'sheet' as const, headerName: '工作表', width: 100, pinned: 'left' as const }] : []),
        { field: 'rowNumber', headerName: '行号', width: 80, pinned: 'left' },
        // Wide enough to read whole (it says what to fix); the file's own cells, each fitted to its widest value, scroll beside it.
        {
          colId: 'reasons',
          headerName: '错误原因',
          width: 420,
          pinned: 'left',
          valueGetter: (p) => (p.data ? reasonsOf(p.data) : ''),
          wrapText: true,
          autoHeight: true,
        },
        ...headers.slice(0, 8).map((h, i) => ({
          headerName: h || `第${i + 1}列`,
          valueGetter: (p: { data?: RejectedRowView }) => p.data?.cells[i] ?? '',
          // A pasted paragraph in one cell would size its column past the screen: capped, cut with 「…」, whole on hover.
          maxWidth: FILE_CELL_MAX_WIDTH,
          cellRenderer: (p: { value?: string }) => <span title={p.value ?? ''}>{p.value ?? ''}</span>,
        })),
      ]}
    />
  );
}

/**
 * 保存退回表格 for one import: the button asks where (main's save dialog in the app; in the preview, which has no
 * dialog, a small one with the typed path, already beside the imported file), then saves. It was greyed until a path
 * box above it was filled, and coordinators did not see why (session 42).
 */
export function RejectedSave({
  importId,
  fileName,
  besidePath,
  askAtOnce = false,
  children,
}: {
  importId: number;
  fileName: string;
  besidePath?: string | undefined;
  /** Preview: the typed-path dialog shown from the start (导入记录's 保存退回表格 already was the user's click). */
  askAtOnce?: boolean;
  /** What else the row offers, to the right (导入结果's way on). */
  children?: ReactNode;
}) {
  const [asking, setAsking] = useState(isPreview && askAtOnce);
  const [saveTo, setSaveTo] = useState<ChosenFile | null>(null);
  const [busy, setBusy] = useState(false);
  const { msg, setMsg } = useRunner();
  const suggested = `退回_${fileName.replace(/\.[^.]*$/, '')}.xlsx`;
  const save = async (to: ChosenFile) => {
    setBusy(true);
    setMsg(null);
    try {
      const r = await call('import.rejected.save', { importId, outPath: to.handle });
      setMsg({ ok: true, text: `已保存退回表格（${r.rows} 行）：${r.path}。请把它发回社区改正。` });
      setAsking(false);
    } catch (e) {
      setMsg({ ok: false, text: errorMessage(e) });
    } finally {
      // A save location works once: the next save asks again.
      setSaveTo(null);
      setBusy(false);
    }
  };
  const start = async () => {
    setMsg(null);
    if (isPreview) return setAsking(true);
    try {
      const { chosen } = await ask({
        kind: 'save',
        label: '退回表格保存到',
        title: '保存退回表格',
        suggestedName: suggested,
        value: null,
        onChange: () => undefined,
      });
      if (chosen) await save(chosen);
    } catch (e) {
      setMsg({ ok: false, text: errorMessage(e) });
    }
  };
  return (
    <div className="rejected-save">
      <Message msg={msg} />
      <div className="actions">
        {asking ? (
          <form
            className="notice"
            role="dialog"
            aria-label="保存退回表格"
            onSubmit={(e) => {
              e.preventDefault();
              if (saveTo) void save(saveTo);
            }}
          >
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
              <button className="primary" type="submit" disabled={!saveTo || busy}>
                保存
              </button>
              <button type="button" onClick={() => (setAsking(false), setSaveTo(null))}>
                取消
              </button>
            </div>
          </form>
        ) : (
          <button className="primary" type="button" disabled={busy} onClick={() => void start()}>
            保存退回表格（发回社区改正）…
          </button>
        )}
        {children}
      </div>
    </div>
  );
}

/** 导入结果 of an import by sheets: each sheet's rows sent back are saved from its own 导入记录, one table a sheet. */
export function SheetsSentBack({
  report,
  fileName,
  besidePath,
  children,
}: {
  report: CommitResult;
  fileName: string;
  besidePath?: string | undefined;
  children?: ReactNode;
}) {
  const rejected = report.counts.rejected;
  return (
    <div className="rejected-report">
      <RejectedNote count={rejected} committed />
      {report.sheets.map((s) =>
        s.importId !== null && s.counts.rejected > 0 ? (
          <section key={s.sheet} aria-label={`工作表「${s.sheet}」退回的行`}>
            <p style={{ margin: '6px 0 0' }}>
              工作表「{s.sheet}」（{s.community}）退回 {s.counts.rejected.toLocaleString('zh-CN')} 行：
            </p>
            <RejectedSave importId={s.importId} fileName={`${fileName.replace(/\.[^.]*$/, '')}_${s.sheet}`} besidePath={besidePath} />
          </section>
        ) : null,
      )}
      <div className="actions">{children}</div>
    </div>
  );
}
