import { useState } from 'react';
import { COMPUTED_LABELS, COMPUTED_SOURCES, type MappingSource, type TemplateInspection } from '../../../../electron/core/io/export/templates/contract';
import { call, errorMessage } from '../../api/client';
import type { ChosenFile } from '../../../../electron/core/shell/contract';
import { Field } from '../../kit/Field';
import { FileChooser } from '../../kit/FileChooser';
import { Message, type Msg } from '../../kit/Message';
import { Select } from '../../kit/Select';
import { revealOnMount } from '../../kit/reveal';
import { MUTED } from './common';

/** A mapping choice as one <select> value: field:key, a computed kind, text, blank, or '' (not chosen yet). */
const encode = (m: MappingSource | null): string => (m === null ? '' : m.kind === 'field' ? `field:${m.key}` : m.kind);
function decode(v: string, text: string): MappingSource | null {
  if (v === '') return null;
  if (v.startsWith('field:')) return { kind: 'field', key: v.slice(6) };
  if (v === 'text') return { kind: 'text', text };
  if (v === 'blank') return { kind: 'blank' };
  return { kind: v as (typeof COMPUTED_SOURCES)[number] };
}

/** 添加或更新区级表格模板: pick the district's xlsx, check the header found, say once what each column takes. */
export function TemplateMapper({ onSaved }: { onSaved: (name: string) => void }) {
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [found, setFound] = useState<TemplateInspection | null>(null);
  const [name, setName] = useState('');
  const [baseForm, setBaseForm] = useState('');
  const [choice, setChoice] = useState<string[]>([]);
  const [texts, setTexts] = useState<string[]>([]);
  const [fullNumbers, setFullNumbers] = useState(false);
  const [numbersReason, setNumbersReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<Msg>(null);

  const inspect = async () => {
    setMsg(null);
    if (!file) return;
    setBusy(true);
    try {
      const r = await call('export.templates.inspect', { templatePath: file.handle });
      setFound(r);
      setName(r.known?.name ?? r.fileName.replace(/\.xlsx$/i, ''));
      setBaseForm(r.suggested.baseForm);
      setChoice(r.suggested.mapping.map(encode));
      setTexts(r.suggested.mapping.map((m) => (m?.kind === 'text' ? m.text : '')));
      setFullNumbers(r.known?.fullNumbers ?? false);
      setNumbersReason(r.known?.numbersReason ?? '');
    } catch (e) {
      setFound(null);
      setMsg({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    if (!found || !file) return;
    setBusy(true);
    try {
      const mapping = found.columns.map((_, i) => decode(choice[i] ?? '', texts[i] ?? ''));
      const saved = await call('export.templates.save', {
        templatePath: file.handle,
        sheet: found.sheet,
        name,
        baseForm,
        mapping,
        fullNumbers,
        ...(fullNumbers ? { numbersReason } : {}),
      });
      setFound(null);
      setFile(null);
      onSaved(saved.name);
    } catch (e) {
      setMsg({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  const base = found?.sources.find((s) => s.id === baseForm);
  const set = (i: number, v: string) => setChoice(choice.map((c, k) => (k === i ? v : c)));
  const unmapped = found ? found.columns.filter((_, i) => !choice[i]).length : 0;

  return (
    <div className="panel">
      <h2>添加或更新区级表格模板</h2>
      <p style={MUTED}>
        选择区里发来的空白表格（.xlsx）。程序找到表头后，请为每一列选一次填什么；以后每期一键生成，格式、合并单元格、列宽和打印设置都保持区里的样子，原文件不会被改动。
      </p>
      <form className="toolbar" onSubmit={(e) => (e.preventDefault(), void inspect())}>
        <FileChooser kind="open" label="模板文件" title="选择区里发来的表格模板" extensions={['xlsx']} value={file} onChange={setFile} />
        <button type="submit" disabled={busy || !file}>
          打开模板
        </button>
      </form>
      <Message msg={msg} />
      {found && (
        // At 1366×768 the mapping opens below the fold (the saved templates' panel above it): brought into view.
        <div aria-label="模板对应" key={found.fingerprint} ref={revealOnMount}>
          <p className={found.known ? 'ok' : undefined} role="status">
            {found.known
              ? `这张模板以前对应过（「${found.known.name}」），已沿用上次的对应关系，保存即可更新。`
              : `工作表「${found.sheet}」：表头在第 ${found.headerRows[0]}${found.headerRows[1] !== found.headerRows[0] ? `–${found.headerRows[1]}` : ''} 行，共 ${found.columns.length} 列${found.totalRow ? `，第 ${found.totalRow} 行是合计行` : ''}。`}
            {found.infoLines.length > 0 && ` 会自动填写：${found.infoLines.join('、')}。`}
          </p>
          <div className="toolbar">
            <Field label="表格名称" value={name} onChange={(e) => setName(e.target.value)} style={{ minWidth: 260 }} />
            <Select label="每行来自" value={baseForm} onValue={setBaseForm} options={found.sources.map((s) => ({ value: s.id, label: s.title }))} />
          </div>
          <h3>列对应关系</h3>
          <table className="mapping" aria-label="列对应关系">
            <thead>
              <tr>
                <th>列</th>
                <th>模板列标题</th>
                <th>填什么</th>
              </tr>
            </thead>
            <tbody>
              {found.columns.map((c, i) => (
                <tr key={c.column} className={choice[i] ? undefined : 'unmapped'}>
                  <td>{c.letter}</td>
                  <td>{c.header}</td>
                  <td>
                    <select aria-label={`${c.letter} 列「${c.header}」填什么`} value={choice[i] ?? ''} onChange={(e) => set(i, e.target.value)}>
                      <option value="">（请选择）</option>
                      <optgroup label={`台账：${base?.title ?? ''}`}>
                        {base?.fields.map((f) => (
                          <option key={f.key} value={`field:${f.key}`}>
                            {f.header}
                          </option>
                        ))}
                      </optgroup>
                      <optgroup label="计算值">
                        {COMPUTED_SOURCES.map((k) => (
                          <option key={k} value={k}>
                            {COMPUTED_LABELS[k]}
                          </option>
                        ))}
                      </optgroup>
                      <option value="text">固定文字…</option>
                      <option value="blank">留空</option>
                    </select>
                    {choice[i] === 'text' && (
                      <input
                        aria-label={`${c.letter} 列固定文字`}
                        value={texts[i] ?? ''}
                        onChange={(e) => setTexts(texts.map((t, k) => (k === i ? e.target.value : t)))}
                        style={{ marginLeft: 6 }}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {unmapped > 0 && <p className="notice">还有 {unmapped} 列没有选择填什么（标黄的行）。不需要填的列请选「留空」。</p>}
          <div className="toolbar" style={{ marginTop: 10 }}>
            <label>
              <input type="checkbox" checked={fullNumbers} onChange={(e) => setFullNumbers(e.target.checked)} />{' '}
              完整号码：区里需要完整的身份证号和电话（只放在加密的上报包里或您明确选择保存的文件里）
            </label>
          </div>
          {fullNumbers && (
            <Field
              label="使用完整号码的理由"
              value={numbersReason}
              onChange={(e) => setNumbersReason(e.target.value)}
              placeholder="例如：区卫健委核对身份需要"
              style={{ minWidth: 420 }}
            />
          )}
          <div className="actions">
            <button className="primary" type="button" disabled={busy || !name.trim()} onClick={() => void save()}>
              保存模板
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
