import { useState } from 'react';
import type { CommitResult, DuplicateMode, InspectResult, PreviewResult } from '../../../../electron/core/io/import/contract';
import { TARGETS, type TargetId } from '../../../../electron/core/io/import/fields.shared';
import { call } from '../../api/client';
import { failureMsg, Message, type Msg } from '../../kit/Message';
import type { ChosenFile } from '../../../../electron/core/shell/contract';
import { MappingStep, type Encoding } from './MappingStep';
import { Counts, PreviewPanel, SheetCountsTable } from './PreviewPanel';
import { ProgressBar, useImportProgress } from './progress';
import { RejectedGrid, RejectedNote, RejectedSave, SheetsSentBack } from './RejectedRows';
import type { SheetChoice } from './SheetsByCommunity';
import { SheetsLeftOut } from './SheetsLeftOut';
import { SourceStep, type SourceKind } from './SourceStep';
import type { Constants } from './WholeFileValues';

type Step = 'file' | 'mapping' | 'preview' | 'report';
const STEPS: [Step, string][] = [
  ['file', '1 选择文件或粘贴'],
  ['mapping', '2 对应列与统一的值'],
  ['preview', '3 预览'],
  ['report', '4 导入结果'],
];

/** 导入向导: file or pasted list → column mapping and whole-file values → preview (nothing written) → commit (all or nothing) → report. */
/** Where the rows just written are seen: 导入完成's next step. */
const WHERE_WRITTEN: Record<TargetId, { label: string; href: string }> = {
  residents: { label: '到「人员台账 › 入户排查」查看导入的住户', href: '#/caseload?tab=households' },
  staff: { label: '到「人员」查看名单', href: '#/staff' },
  cases: { label: '到「人员台账」查看导入的个案', href: '#/caseload?tab=cases' },
  health_checks: { label: '到「人员台账」查看个案的监测记录', href: '#/caseload?tab=cases' },
  stock_counts: { label: '到「物资 › 库存」查看盘点后的库存', href: '#/supplies?tab=stock' },
  screenings: { label: '到「人员台账 › 排查覆盖」查看覆盖率', href: '#/caseload?tab=coverage' },
};

export function ImportWizard() {
  const [step, setStep] = useState<Step>('file');
  const [target, setTarget] = useState<TargetId>('residents');
  const [kind, setKind] = useState<SourceKind>('file');
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [text, setText] = useState('');
  const [encoding, setEncoding] = useState<Encoding>('auto');
  const [inspect, setInspect] = useState<InspectResult | null>(null);
  const [mapping, setMapping] = useState<(string | null)[]>([]);
  const [constants, setConstants] = useState<Constants>({});
  const [bySheets, setBySheets] = useState<SheetChoice[] | null>(null);
  const [onDuplicate, setOnDuplicate] = useState<DuplicateMode>('skip');
  const [preview, setPreview] = useState<PreviewResult | null>(null);
  const [report, setReport] = useState<CommitResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [jobId, setJobId] = useState('');
  const [msg, setMsg] = useState<Msg>(null);
  const progress = useImportProgress(busy);

  const run = async <T,>(work: (job: string) => Promise<T>): Promise<T | undefined> => {
    const job = `imp-${Date.now().toString(36)}`;
    setJobId(job);
    setBusy(true);
    setMsg(null);
    try {
      return await work(job);
    } catch (e) {
      setMsg(failureMsg(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  /** What the core reads: the chosen file, or the pasted text. */
  const source = (): { path: string } | { text: string } => (kind === 'paste' ? { text } : { path: file?.handle ?? '' });

  const doInspect = async (opts: { sheet?: string; enc?: Encoding; as?: TargetId } = {}) => {
    const as = opts.as ?? target;
    const r = await run(async () => {
      if (kind === 'paste') return call('import.inspect', { text, target: as });
      if (!file) return undefined;
      return call('import.inspect', { path: file.handle, target: as, encoding: opts.enc ?? encoding, ...(opts.sheet ? { sheet: opts.sheet } : {}) });
    });
    if (!r) return;
    // One of the office's own collection sheets: it says what it holds.
    if (r.preset && r.preset.target !== as) {
      setTarget(r.preset.target);
      return void doInspect({ ...opts, as: r.preset.target });
    }
    setInspect(r);
    setMapping(r.mapping);
    setConstants(r.constants);
    setBySheets(null);
    setPreview(null);
    setStep('mapping');
  };

  const plan = (job: string) => ({
    ...source(),
    target,
    encoding,
    mapping,
    onDuplicate,
    jobId: job,
    // By sheets: each sheet's 社区 is the one confirmed for it, no whole-file one beside it.
    ...(bySheets
      ? { sheets: bySheets, constants: Object.fromEntries(Object.entries(constants).filter(([k]) => k !== 'community')) }
      : { constants, ...(inspect?.sheet ? { sheet: inspect.sheet } : {}) }),
  });
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
    setStep('report');
  };
  const restart = () => {
    setStep('file');
    setInspect(null);
    setPreview(null);
    setReport(null);
    setMsg(null);
  };

  /** After the import: where the rows are seen, and the next file (not the step's main button while rows wait to go back). */
  const wayOn = (main: boolean) =>
    report && (
      <>
        {report.counts.created + report.counts.updated > 0 && (
          <a href={WHERE_WRITTEN[target].href} className="way-on">
            {WHERE_WRITTEN[target].label}
          </a>
        )}
        <button className={main ? 'primary' : undefined} type="button" onClick={restart}>
          导入下一个文件
        </button>
      </>
    );

  return (
    <div>
      <ol className="toolbar" aria-label="导入步骤" style={{ listStyle: 'none', padding: 0 }}>
        {STEPS.map(([s, l]) => (
          <li
            key={s}
            aria-current={s === step ? 'step' : undefined}
            style={{ fontWeight: s === step ? 700 : 400, padding: '4px 10px', borderBottom: s === step ? '3px solid var(--accent)' : '3px solid transparent' }}
          >
            {l}
          </li>
        ))}
      </ol>
      <Message msg={msg} />
      {busy && <ProgressBar progress={progress} onCancel={() => void call('import.cancel', { jobId })} />}

      {step === 'file' && (
        <SourceStep
          target={target}
          setTarget={setTarget}
          kind={kind}
          setKind={setKind}
          file={file}
          setFile={setFile}
          text={text}
          setText={setText}
          busy={busy}
          onOpen={() => void doInspect()}
        />
      )}

      {step === 'mapping' && inspect && (
        <MappingStep
          inspect={inspect}
          def={TARGETS[target]}
          mapping={mapping}
          setMapping={setMapping}
          constants={constants}
          setConstants={setConstants}
          encoding={encoding}
          onEncoding={(e) => (setEncoding(e), void doInspect({ enc: e }))}
          onSheet={(s) => void doInspect({ sheet: s })}
          bySheets={bySheets}
          setBySheets={setBySheets}
          onDuplicate={onDuplicate}
          setOnDuplicate={setOnDuplicate}
          busy={busy}
          onRestart={restart}
          onPreview={() => void doPreview()}
        />
      )}

      {step === 'preview' && preview && (
        <div>
          <p>预览不会写入台账。确认后，所有有效行一次性写入；中途出错或取消，台账保持原样。</p>
          <PreviewPanel preview={preview} />
          <div className="actions step-actions">
            <button type="button" onClick={() => setStep('mapping')}>
              返回修改
            </button>
            <button className="primary" type="button" disabled={busy || preview.alreadyImported !== null} onClick={() => void doCommit()}>
              确认导入
            </button>
          </div>
        </div>
      )}

      {step === 'report' && report && (
        <div className="panel import-report">
          <h2>{report.alreadyImported ? '这份内容以前导入过，本次没有任何改动' : '导入完成'}</h2>
          <Counts counts={report.counts} label="导入结果" merged={report.merged} />
          <SheetCountsTable sheets={report.sheets} label="各工作表的导入数" />
          <SheetsLeftOut sheets={report.sheetsLeftOut} committed />
          {report.sheets.length > 0 && report.counts.rejected > 0 ? (
            <SheetsSentBack report={report} fileName={inspect?.fileName ?? '表格'} besidePath={file && kind === 'file' ? file.path : undefined}>
              {wayOn(false)}
            </SheetsSentBack>
          ) : report.importId !== null && report.counts.rejected > 0 ? (
            <div className="rejected-report">
              <RejectedNote count={report.counts.rejected} committed />
              {/* The next step first, beside the way on; the rows named below it in a frame that takes what the window leaves. */}
              <RejectedSave importId={report.importId} fileName={inspect?.fileName ?? '表格'} besidePath={file && kind === 'file' ? file.path : undefined}>
                {wayOn(false)}
              </RejectedSave>
              {/* The preview's rows: the commit took that preview's plan. */}
              {preview && preview.counts.rejected === report.counts.rejected && (
                <>
                  {preview.rejected.length < report.counts.rejected && (
                    <p className="muted">
                      下表列出前 {preview.rejected.length.toLocaleString('zh-CN')} 行；退回表格里有全部 {report.counts.rejected.toLocaleString('zh-CN')} 行。
                    </p>
                  )}
                  <RejectedGrid rows={preview.rejected} headers={preview.headers} height="var(--rejected-grid-height)" />
                </>
              )}
            </div>
          ) : (
            <div className="actions">{wayOn(true)}</div>
          )}
        </div>
      )}
    </div>
  );
}
