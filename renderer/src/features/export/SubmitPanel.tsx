import { useState } from 'react';
import type { ExportWritten } from '../../../../electron/core/io/export/contract';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Field } from '../../kit/Field';
import { DestinationPicker, lastWeek, MUTED } from './common';
import { Message, type Msg } from '../../kit/Message';
import { useTaskProgress } from '../../kit/use-task-progress';

/** 上报: choose the period and forms, see which personal data leaves, write the package to a stick. */
export function SubmitPanel({ preset }: { preset?: { scheduleId: number; dueDay: string; formIds: string[] } | undefined }) {
  const [period, setPeriod] = useState(lastWeek);
  const preview = useQuery('export.preview', period, [period.from, period.to]);
  const [chosen, setChosen] = useState<Set<string> | null>(preset ? new Set(preset.formIds) : null);
  const [folder, setFolder] = useState('');
  const [password, setPassword] = useState('');
  const [password2, setPassword2] = useState('');
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<Msg>(null);
  const [done, setDone] = useState<ExportWritten | null>(null);
  const progress = useTaskProgress('export.write');
  const forms = preview.data?.forms ?? [];
  const selected = chosen ?? new Set(forms.map((f) => f.id));
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };
  const leaving = [...new Set(forms.filter((f) => selected.has(f.id)).flatMap((f) => f.personalData))];

  const submit = async () => {
    setMsg(null);
    setDone(null);
    if (password !== password2) return setMsg({ ok: false, text: '两次输入的压缩包密码不一致。' });
    setBusy(true);
    try {
      const r = await call('export.write', { ...period, formIds: [...selected], folder, password, ...(preset ? { scheduleId: preset.scheduleId, dueDay: preset.dueDay } : {}) });
      setDone(r);
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
        </div>
        {preview.data?.correction && <p className="notice">这个期间已经上报过，本次将作为「更正」上报。</p>}
        {preview.error && <p className="error">{preview.error}</p>}
      </div>
      <div className="panel">
        <h2>2. 上报表格</h2>
        {forms.length === 0 && !preview.loading && <p className="notice">台账中还没有可以上报的数据。</p>}
        <ul style={{ listStyle: 'none', paddingLeft: 0 }} aria-label="上报表格">
          {forms.map((f) => (
            <li key={f.id}>
              <label>
                <input type="checkbox" checked={selected.has(f.id)} onChange={() => toggle(f.id)} /> {f.title}（{f.rows} 行）
              </label>
            </li>
          ))}
        </ul>
        {(preview.data?.leftOut.length ?? 0) > 0 && (
          <p style={MUTED}>未列出（没有数据，不会填写虚构内容）：{preview.data!.leftOut.map((f) => f.title).join('、')}</p>
        )}
        <p className={leaving.length ? 'notice' : undefined} aria-label="个人信息说明">
          {leaving.length ? `将随上报包离开本机的个人信息：${leaving.join('、')}。身份证号和电话号码只保留首尾几位。` : '所选表格只有汇总数字，不含个人信息。'}
        </p>
      </div>
      <div className="panel">
        <h2>3. 写入 U 盘</h2>
        <DestinationPicker value={folder} onChange={setFolder} />
        <div className="toolbar">
          <Field label="压缩包密码" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          <Field label="再次输入密码" type="password" autoComplete="new-password" value={password2} onChange={(e) => setPassword2(e.target.value)} />
        </div>
        <p style={MUTED}>密码请当面或电话告知区里，不要写在 U 盘上。7-Zip、WinRAR、Bandizip 都能用密码打开。</p>
        <button className="primary" type="button" disabled={busy || selected.size === 0 || !folder || password.length < 8} onClick={() => void submit()}>
          {busy ? '正在生成…' : '生成上报包'}
        </button>
        {busy && progress && <p role="status">{progress}</p>}
        <Message msg={msg} />
        {done && (
          <dl aria-label="上报结果">
            <dt>文件</dt>
            <dd>{done.path}</dd>
            <dt>SHA-256</dt>
            <dd style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{done.sha256}</dd>
            <dt>大小</dt>
            <dd>{(done.bytes / 1024).toFixed(1)} KB</dd>
          </dl>
        )}
      </div>
    </div>
  );
}
