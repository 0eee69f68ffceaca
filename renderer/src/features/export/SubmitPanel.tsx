import { useState } from 'react';
import type { ExportWritten } from '../../../../electron/core/io/export/contract';
import type { ChosenFile } from '../../../../electron/core/shell/contract';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Field } from '../../kit/Field';
import { DestinationPicker, lastWeek, MUTED } from './common';
import { officeToday } from '../../kit/datetime';
import { Message, type Msg } from '../../kit/Message';
import { revealOnMount } from '../../kit/reveal';
import { useTaskProgress } from '../../kit/use-task-progress';
import { type CalendarPreset, presetConflicts, ReportAnswerChoice, resolveAnswer } from './ReportAnswerChoice';

/** 上报: choose the period and forms, see which personal data leaves, write the package to a stick. */
export function SubmitPanel({ preset }: { preset?: CalendarPreset | undefined }) {
  const [period, setPeriod] = useState(lastWeek);
  const preview = useQuery('export.preview', period, [period.from, period.to]);
  const [chosen, setChosen] = useState<Set<string> | null>(preset ? new Set(preset.formIds) : null);
  const [folder, setFolder] = useState<ChosenFile | null>(null);
  const [password, setPassword] = useState('');
  const [password2, setPassword2] = useState('');
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<Msg>(null);
  const [done, setDone] = useState<ExportWritten | null>(null);
  const progress = useTaskProgress('export.write');
  const [emptyOk, setEmptyOk] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState<string | null>(null);
  const forms = preview.data?.forms ?? [];
  // Forms with rows this period, unless a schedule chose; an empty one is sent only when confirmed below.
  const selected = chosen ?? new Set(forms.filter((f) => f.rows > 0).map((f) => f.id));
  const formKey = [...selected].sort();
  // Which scheduled report it answers: the core's suggestion for this period and these forms, until the user picks.
  const answerOptions = useQuery('export.answers', { ...period, formIds: formKey }, [period.from, period.to, formKey.join(',')]);
  const [picked, setPicked] = useState<string | null>(null);
  const answers = resolveAnswer(preset, answerOptions.data, picked);
  // Not sent while the choices for another period or other forms are on screen (a moment, unannounced).
  const answersReady = !!preset || (answerOptions.data !== undefined && !answerOptions.loading);
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };
  const leaving = [...new Set(forms.filter((f) => selected.has(f.id)).flatMap((f) => f.personalData))];
  const fullForms = forms.filter((f) => selected.has(f.id) && f.fullNumbers && f.personalData.some((p) => p.endsWith('（完整号码）')));
  const numbersReason = reason ?? fullForms.find((f) => f.numbersReason)?.numbersReason ?? '';
  // What the greyed 生成上报包 waits for, in the order the steps ask for it.
  const missing = [
    ...(selected.size === 0 ? ['在第 2 步勾选要上报的表格'] : []),
    ...(fullForms.length > 0 && numbersReason.trim().length < 2 ? ['填写「使用完整号码的理由」'] : []),
    ...(folder ? [] : ['在第 3 步选择保存位置（U 盘或文件夹）']),
    ...(password.length < 8 ? ['填写压缩包密码（至少 8 位）'] : []),
    ...(presetConflicts(preset, answerOptions.data) ? ['在第 1 步改选统计期间（这个期间已经上报过）'] : []),
  ];
  const toggleEmpty = (id: string) => {
    const next = new Set(emptyOk);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setEmptyOk(next);
  };

  const submit = async () => {
    setMsg(null);
    setDone(null);
    if (password !== password2) return setMsg({ ok: false, text: '两次输入的压缩包密码不一致。' });
    if (!folder) return;
    setBusy(true);
    try {
      // A chosen folder works once: the next package asks again (the preview re-checks the typed path by itself).
      setFolder(null);
      const r = await call('export.write', {
        ...period,
        formIds: [...selected],
        folder: folder.handle,
        password,
        emptyConfirmed: [...emptyOk].filter((id) => selected.has(id)),
        ...(fullForms.length > 0 ? { numbersReason } : {}),
        answers,
      });
      setDone(r);
      // The report it answered is no longer open: the next package is offered what is.
      setPicked(null);
      answerOptions.reload();
      setMsg({ ok: true, text: `上报包已写入并核对无误${r.correction ? '（本期为更正）' : ''}。` });
    } catch (e) {
      setMsg({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <div className="panel">
        <h2>1. 统计期间</h2>
        <div className="toolbar">
          <Field label="开始日期" type="date" value={period.from} onChange={(e) => setPeriod({ ...period, from: e.target.value })} />
          <Field label="结束日期" type="date" value={period.to} onChange={(e) => setPeriod({ ...period, to: e.target.value })} />
          <button type="button" disabled={period.to === officeToday()} onClick={() => setPeriod({ ...period, to: officeToday() })}>
            截至今天
          </button>
        </div>
        {/* A first export is often of what was entered today: last week's period would show every form as 0 行 without saying why. */}
        <p style={MUTED}>默认是上周（周一至周日）。今天及本周登记、导入的记录不在其中；要一并上报，请点「截至今天」。</p>
        {preview.data?.correction && <p className="notice">这个期间已经上报过，本次将作为「更正」上报。</p>}
        {preview.error && <p className="error">{preview.error}</p>}
      </div>
      <div className="panel">
        <h2>2. 上报表格</h2>
        {/* A new office's first visit: what this is for and the first step, not a bare 「没有数据」 (a dead end). */}
        {forms.length === 0 && !preview.loading && (
          <div className="notice" role="status" aria-label="还没有可上报的数据">
            <p style={{ margin: '0 0 6px' }}>
              台账中还没有可以上报的数据。上报的表格都从台账生成：先导入社区报来的表格（或在「人员台账」逐户登记），有了数据这里就会列出可以上报的表格。
            </p>
            <a className="button-link" href="#/import">
              导入表格
            </a>
          </div>
        )}
        <ul style={{ listStyle: 'none', paddingLeft: 0 }} aria-label="上报表格">
          {forms.map((f) => (
            <li key={f.id} style={{ marginBottom: 4 }}>
              <label>
                <input type="checkbox" checked={selected.has(f.id)} onChange={() => toggle(f.id)} />{' '}
                {f.kind === 'template' && <span className="tag">区里的表格</span>}
                {f.title}（{f.rows} 行）
              </label>
              {f.personalData.some((p) => p.startsWith('身份证号') || p.startsWith('联系电话')) && (
                <span style={f.fullNumbers ? { color: '#8a1c1c', marginLeft: 8 } : { ...MUTED, marginLeft: 8 }}>
                  {f.fullNumbers ? '含完整身份证号和电话' : '号码隐去中间位'}
                </span>
              )}
              {f.rows === 0 && selected.has(f.id) && (
                <label className="notice" style={{ display: 'flex', marginLeft: 22 }}>
                  <input type="checkbox" checked={emptyOk.has(f.id)} onChange={() => toggleEmpty(f.id)} /> 本期没有数据。报送空表（只有表头）
                </label>
              )}
            </li>
          ))}
        </ul>
        {(preview.data?.leftOut.length ?? 0) > 0 && (
          <p style={MUTED}>未列出（没有数据，不会填写虚构内容）：{preview.data!.leftOut.map((f) => f.title).join('、')}</p>
        )}
        <div className={leaving.length ? 'notice' : undefined} aria-label="个人信息说明">
          <p style={{ margin: 0 }}>
            {leaving.length
              ? `将随上报包离开本机的个人信息：${leaving.join('、')}。`
              : selected.size === 0
                ? '还没有选择要上报的表格。'
                : '所选表格只有汇总数字，不含个人信息。'}
          </p>
          {fullForms.length > 0 ? (
            <p style={{ margin: '6px 0 0' }}>
              <strong>含完整身份证号和电话号码的表格：{fullForms.map((f) => `「${f.title}」`).join('、')}</strong>
              。完整号码只放在加密的上报包里，每次上报都记入操作日志（表格、期间、行数、理由）。其余表格的号码只保留首尾几位。
            </p>
          ) : (
            leaving.length > 0 && <p style={{ margin: '6px 0 0' }}>身份证号和电话号码只保留首尾几位。</p>
          )}
        </div>
        {fullForms.length > 0 && (
          <Field label="使用完整号码的理由" value={numbersReason} onChange={(e) => setReason(e.target.value)} style={{ minWidth: 420 }} />
        )}
        <ReportAnswerChoice preset={preset} data={answerOptions.data} current={answers} onPick={setPicked} />
        {answerOptions.error && <p className="error">{answerOptions.error}</p>}
        <p style={MUTED}>每张表的号码设置（完整或隐去）在「号码设置」中修改；区里发来的表格模板在「区级表格模板」中对应一次即可。</p>
      </div>
      <div className="panel">
        <h2>3. 写入 U 盘</h2>
        <DestinationPicker value={folder} onChange={setFolder} />
        <div className="toolbar">
          <Field label="压缩包密码" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          <Field label="再次输入密码" type="password" autoComplete="new-password" value={password2} onChange={(e) => setPassword2(e.target.value)} />
        </div>
        <p style={MUTED}>密码请当面或电话告知区里，不要写在 U 盘上。7-Zip、WinRAR、Bandizip 都能用密码打开。</p>
      </div>
      {/* Three steps are taller than a 1366×678 window: the way on stays at its foot (as an import step's), and says what it
          still waits for, so a greyed button is not a riddle. */}
      <div className="actions step-actions">
        {/* Nothing to report yet: step 2 already says why and where data comes from. */}
        {missing.length > 0 && forms.length > 0 && !busy && (
          <p className="notice" role="status" style={{ margin: '0 auto 0 0', alignSelf: 'center' }}>
            还需要{missing.join('、')}。
          </p>
        )}
        {busy && progress && (
          <p role="status" style={{ margin: '0 auto 0 0', alignSelf: 'center' }}>
            {progress}
          </p>
        )}
        <button className="primary" type="button" disabled={busy || missing.length > 0 || !answersReady} onClick={() => void submit()}>
          {busy ? '正在生成…' : '生成上报包'}
        </button>
      </div>
      {/* The outcome, and the next step, appear under the button, below the fold at 1366×768: brought into view, or the
          click seems to have done nothing. Keyed by what it says, so a second package (or an error) shows again. Its top
          margin cancels the bar's negative one (kept for when the bar is last), so the bar does not cover its first line. */}
      {(msg || done) && (
        <div key={done?.sha256 ?? msg?.text} ref={revealOnMount} style={{ marginTop: 16 }}>
          <Message msg={msg} />
          {done && (
            <dl aria-label="上报结果">
              <dt>文件</dt>
              <dd>{done.path}</dd>
              <dt>文件指纹（SHA-256）</dt>
              <dd style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{done.sha256}</dd>
              <dt>大小</dt>
              <dd>{(done.bytes / 1024).toFixed(1)} KB</dd>
            </dl>
          )}
          {done && (
            <p className="notice" role="note" aria-label="下一步">
              下一步：在电脑上「安全弹出」U 盘后再拔下，交给区里；压缩包密码请当面或打电话告诉区里。这次上报已记入「上报记录」。
            </p>
          )}
        </div>
      )}
    </div>
  );
}
