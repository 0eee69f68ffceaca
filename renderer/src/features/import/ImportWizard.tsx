import { useState } from 'react';
import type { CommitResult, DuplicateMode, InspectResult, PreviewResult } from '../../../../electron/core/io/import/contract';
import { DUPLICATE_LABELS, DUPLICATE_MODES } from '../../../../electron/core/io/import/contract';
import { TARGET_IDS, TARGETS, type TargetId } from '../../../../electron/core/io/import/fields.shared';
import { call, errorMessage } from '../../api/client';
import { Field } from '../../kit/Field';
import { Counts, PreviewPanel } from './PreviewPanel';
import { ProgressBar, useImportProgress } from './progress';
import { formatInstant } from '../../kit/datetime';

type Step = 'file' | 'mapping' | 'preview' | 'report';
type Encoding = 'auto' | 'utf-8' | 'gb18030';
const STEPS: [Step, string][] = [['file', '1 选择文件'], ['mapping', '2 工作表与对应列'], ['preview', '3 预览'], ['report', '4 导入结果']];

/** 导入向导: file → sheet and column mapping → preview (nothing written) → commit (all or nothing) → report. */
export function ImportWizard() {
  const [step, setStep] = useState<Step>('file');
  const [target, setTarget] = useState<TargetId>('residents');
  const [path, setPath] = useState('');
  const [encoding, setEncoding] = useState<Encoding>('auto');
  const [inspect, setInspect] = useState<InspectResult | null>(null);
  const [mapping, setMapping] = useState<(string | null)[]>([]);
  const [onDuplicate, setOnDuplicate] = useState<DuplicateMode>('skip');
  const [preview, setPreview] = useState<PreviewResult | null>(null);
  const [report, setReport] = useState<CommitResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [jobId, setJobId] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [savePath, setSavePath] = useState('');
  const progress = useImportProgress(busy);

  const run = async <T,>(work: (job: string) => Promise<T>): Promise<T | undefined> => {
    const job = `imp-${Date.now().toString(36)}`;
    setJobId(job);
    setBusy(true);
    setMsg(null);
    try {
      return await work(job);
    } catch (e) {
      setMsg({ ok: false, text: errorMessage(e) });
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  const doInspect = async (sheet?: string, enc: Encoding = encoding) => {
    const r = await run(async () => {
      const picked = await call('shell.openFile', { title: '选择社区报来的表格', extensions: ['xlsx', 'csv', 'txt'], ...(path ? { path } : {}) });
      if (!picked.path) return undefined;
      setPath(picked.path);
      return call('import.inspect', { path: picked.path, target, encoding: enc, ...(sheet ? { sheet } : {}) });
    });
    if (!r) return;
    setInspect(r);
    setMapping(r.mapping);
    setPreview(null);
    setStep('mapping');
  };

  const plan = (job: string) => ({ path, target, encoding, mapping, onDuplicate, jobId: job, ...(inspect?.sheet ? { sheet: inspect.sheet } : {}) });
  const doPreview = async () => {
    const r = await run((job) => call('import.preview', plan(job)));
    if (!r) return;
    setPreview(r);
    setStep('preview');
  };
  const doCommit = async () => {
    const r = await run((job) => call('import.commit', { ...plan(job), ...(preview ? { previewId: preview.previewId } : {}) }));
    if (!r) return;
    setReport(r);
    setSavePath(path.replace(/[^/\\]*$/, '') + `退回_${(inspect?.fileName ?? '表格').replace(/\.[^.]*$/, '')}.xlsx`);
    setStep('report');
  };
  const saveRejected = async () => {
    if (!report?.importId) return;
    const r = await run(async () => {
      const picked = await call('shell.saveFile', { title: '保存退回表格', suggestedName: savePath.replace(/^.*[/\\]/, ''), ...(savePath ? { path: savePath } : {}) });
      return picked.path ? call('import.rejected.save', { importId: report.importId!, outPath: picked.path }) : undefined;
    });
    if (r) setMsg({ ok: true, text: `已保存退回表格（${r.rows} 行）：${r.path}` });
  };
  const restart = () => {
    setStep('file');
    setInspect(null);
    setPreview(null);
    setReport(null);
    setMsg(null);
  };
  const def = TARGETS[target];

  return (
    <div>
      <ol className="toolbar" aria-label="导入步骤" style={{ listStyle: 'none', padding: 0 }}>
        {STEPS.map(([s, l]) => (
          <li key={s} aria-current={s === step ? 'step' : undefined} style={{ fontWeight: s === step ? 700 : 400, padding: '4px 10px', borderBottom: s === step ? '3px solid var(--accent)' : '3px solid transparent' }}>{l}</li>
        ))}
      </ol>
      {msg && <p className={msg.ok ? 'ok' : 'error'} role={msg.ok ? 'status' : 'alert'}>{msg.text}</p>}
      {busy && <ProgressBar progress={progress} onCancel={() => void call('import.cancel', { jobId })} />}

      {step === 'file' && (
        <form className="panel" onSubmit={(e) => (e.preventDefault(), void doInspect())}>
          <div className="field">
            <label htmlFor="import-target">导入内容</label>
            <select id="import-target" value={target} onChange={(e) => setTarget(e.target.value as TargetId)}>
              {TARGET_IDS.map((t) => <option key={t} value={t}>{TARGETS[t].label}</option>)}
            </select>
          </div>
          <p>{def.description}</p>
          <Field label="文件路径" value={path} onChange={(e) => setPath(e.target.value)} placeholder="留空则弹出选择文件窗口" style={{ width: '100%' }} />
          <p className="notice">支持 .xlsx 和 .csv（UTF-8 或 GBK）。旧版 .xls 或 WPS 的 .et 请先另存为 .xlsx。</p>
          <div className="actions"><button className="primary" type="submit" disabled={busy}>打开文件</button></div>
        </form>
      )}

      {step === 'mapping' && inspect && (
        <div className="panel">
          <p>文件：<strong>{inspect.fileName}</strong>（{inspect.format === 'xlsx' ? 'Excel 工作簿' : `文本表格，编码 ${inspect.encoding === 'gb18030' ? 'GBK/GB18030' : 'UTF-8'}`}）；表头在第 {inspect.headerRows.join('、')} 行。</p>
          {inspect.alreadyImported && <p className="notice" role="status">这个文件已在 {formatInstant(inspect.alreadyImported.at)} 导入过；再次导入不会有任何改动。</p>}
          {inspect.remembered && <p className="ok" role="status">已按上次相同表头的文件自动对应列。</p>}
          <div className="toolbar">
            {inspect.sheets.length > 1 && (
              <div className="field">
                <label htmlFor="import-sheet">工作表</label>
                <select id="import-sheet" value={inspect.sheet ?? ''} onChange={(e) => void doInspect(e.target.value)}>
                  {inspect.sheets.map((s) => <option key={s}>{s}</option>)}
                </select>
              </div>
            )}
            {inspect.format === 'csv' && (
              <div className="field">
                <label htmlFor="import-encoding">文字编码</label>
                <select id="import-encoding" value={encoding} onChange={(e) => (setEncoding(e.target.value as Encoding), void doInspect(undefined, e.target.value as Encoding))}>
                  <option value="auto">自动识别</option>
                  <option value="utf-8">UTF-8</option>
                  <option value="gb18030">GBK / GB18030</option>
                </select>
              </div>
            )}
            <div className="field">
              <label htmlFor="import-dup">与台账重复时</label>
              <select id="import-dup" value={onDuplicate} onChange={(e) => setOnDuplicate(e.target.value as DuplicateMode)}>
                {DUPLICATE_MODES.map((m) => <option key={m} value={m}>{DUPLICATE_LABELS[m]}</option>)}
              </select>
            </div>
          </div>
          <table className="mapping" aria-label="列对应关系" style={{ borderCollapse: 'collapse', width: '100%' }}>
            <thead><tr><th align="left">文件中的列</th><th align="left">示例</th><th align="left">对应到</th></tr></thead>
            <tbody>
              {inspect.headers.map((h, i) => (
                <tr key={i} style={{ borderTop: '1px solid var(--line)' }}>
                  <td>{h || `（第 ${i + 1} 列，无表头）`}</td>
                  <td style={{ color: 'var(--muted)' }}>{inspect.sample.slice(0, 2).map((r) => r[i] ?? '').join(' / ')}</td>
                  <td>
                    <select aria-label={`「${h || `第 ${i + 1} 列`}」对应到`} value={mapping[i] ?? ''} onChange={(e) => setMapping(mapping.map((m, j) => (j === i ? e.target.value || null : m === e.target.value ? null : m)))}>
                      <option value="">（不导入）</option>
                      {def.fields.map((f) => <option key={f.key} value={f.key}>{f.label}{f.required ? '（必填）' : ''}</option>)}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="actions" style={{ marginTop: 12 }}>
            <button type="button" onClick={restart}>重新选择文件</button>
            <button className="primary" type="button" disabled={busy} onClick={() => void doPreview()}>预览</button>
          </div>
        </div>
      )}

      {step === 'preview' && preview && (
        <div>
          <p>预览不会写入台账。确认后，文件中的所有有效行一次性写入；中途出错或取消，台账保持原样。</p>
          <PreviewPanel preview={preview} />
          <div className="actions">
            <button type="button" onClick={() => setStep('mapping')}>返回修改</button>
            <button className="primary" type="button" disabled={busy || preview.alreadyImported !== null} onClick={() => void doCommit()}>确认导入</button>
          </div>
        </div>
      )}

      {step === 'report' && report && (
        <div className="panel">
          <h2>{report.alreadyImported ? '这个文件以前导入过，本次没有任何改动' : '导入完成'}</h2>
          <Counts counts={report.counts} label="导入结果" />
          {report.importId !== null && report.counts.rejected > 0 && (
            <div className="toolbar">
              <Field label="退回表格保存到" value={savePath} onChange={(e) => setSavePath(e.target.value)} style={{ width: 420 }} />
              <button type="button" onClick={() => void saveRejected()}>保存退回表格</button>
            </div>
          )}
          <div className="actions"><button className="primary" type="button" onClick={restart}>导入下一个文件</button></div>
        </div>
      )}
    </div>
  );
}
