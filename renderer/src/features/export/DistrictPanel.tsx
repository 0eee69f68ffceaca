import { useEffect, useRef, useState } from 'react';
import type { DistrictResult, OverlapChoice, PackageVerdict } from '../../../../electron/core/io/export/district.shared';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { DataGrid } from '../../kit/grid/DataGrid';
import type { ChosenFile } from '../../../../electron/core/shell/contract';
import { Field } from '../../kit/Field';
import { FileChooser } from '../../kit/FileChooser';
import { HelpNote } from '../../kit/HelpNote';
import { Select } from '../../kit/Select';
import { MUTED } from './common';
import { Message, type Msg } from '../../kit/Message';
import { useTaskProgress } from '../../kit/use-task-progress';
import { fileName, OverlapQuestions } from './DistrictOverlaps';
import { DistrictVerdicts } from './DistrictVerdicts';

/** 区级汇总: register offices' public keys, verify their packages, show the merged summary forms. */
export function DistrictPanel() {
  const keys = useQuery('export.district.keys', {});
  const templates = useQuery('export.templates.list', {});
  const [templateId, setTemplateId] = useState('');
  const [folder, setFolder] = useState<ChosenFile | null>(null);
  const [keyFile, setKeyFile] = useState<ChosenFile | null>(null);
  const [packages, setPackages] = useState<ChosenFile[]>([]);
  const [password, setPassword] = useState('');
  const [result, setResult] = useState<DistrictResult | null>(null);
  // The clerk's answers to overlap questions (「替换」 / 「不合并这个」), by package id, sent with every 核验.
  const [decisions, setDecisions] = useState<ReadonlyMap<string, OverlapChoice>>(new Map());
  const [msg, setMsg] = useState<Msg>(null);
  const [busy, setBusy] = useState(false);
  const progress = useTaskProgress('export.district.verify');
  // At 1366×768 the results (and a flag above them) appear below the form the clerk just used: bring them on screen.
  const resultTop = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result) resultTop.current?.scrollIntoView({ block: 'start' });
  }, [result]);
  // Answers belong to the packages they were given for: another choice of packages starts without any.
  useEffect(() => setDecisions(new Map()), [packages]);

  const addKey = () =>
    keyFile &&
    call('export.district.addKey', { keyPath: keyFile.handle })
      .then((k) => {
        setMsg({ ok: true, text: `已登记「${k.officeName}」的公钥，指纹 ${k.fingerprint}` });
        setKeyFile(null);
        keys.reload();
      })
      .catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }));

  const verify = async (answers: ReadonlyMap<string, OverlapChoice> = decisions) => {
    setBusy(true);
    setMsg(null);
    try {
      const template = templateId && folder ? { template: { id: Number(templateId), folder: folder.handle } } : {};
      // The folder for the filled form works once: choose again next time.
      setFolder(null);
      const chosen = [...answers].map(([packageId, choice]) => ({ packageId, choice }));
      setResult(await call('export.district.verify', { packages: packages.map((p) => ({ path: p.handle, password })), ...template, decisions: chosen }));
    } catch (e) {
      setMsg({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <Message msg={msg} />
      <HelpNote title="区级核验汇总怎么用（区里收各街道上报包时用）">
        <ol>
          <li>每个街道在「本街道公钥」导出公钥文件（.pub），当面或用 U 盘交给区里；区里在下面登记一次，并和街道电话核对指纹。</li>
          <li>收到上报包（.zip）后，填写文件位置（每行一个）和压缩包密码，点「核验并汇总」。</li>
          <li>签名不符、内容被改动或公钥没有登记的包会被拒收，并写明原因；通过的包自动汇总成区级报表。</li>
          <li>
            同一个街道（同一把公钥）的包，按导出先后比对其中记录的操作日志，也和以前核验过的包比：后报的包日志反而变短、对不上或条数变少，会在结果上方标出。
            旧版本程序生成的包没有记录操作日志，不参与比对；不同街道的包互不比对。
          </li>
        </ol>
      </HelpNote>
      <div className="panel">
        <h2>已登记的街道公钥</h2>
        {keys.data?.length === 0 && <p style={MUTED}>还没有登记任何街道的公钥：先登记，才能核验它们的上报包。</p>}
        <ul aria-label="已登记的街道公钥">
          {(keys.data ?? []).map((k) => (
            <li key={k.id}>
              {k.officeName}：<code>{k.fingerprint}</code>
            </li>
          ))}
        </ul>
        <form className="toolbar" onSubmit={(e) => (e.preventDefault(), void addKey())}>
          <FileChooser kind="open" label="公钥文件（.pub）" title="选择街道的公钥文件" extensions={['pub']} value={keyFile} onChange={setKeyFile} />
          {/* No office's key yet: registering one is the first step here, so it is the button that stands out. */}
          <button className={keys.data?.length === 0 ? 'primary' : undefined} type="submit" disabled={!keyFile}>
            登记公钥
          </button>
        </form>
        <p style={MUTED}>请与街道当面或电话核对指纹，确认无误再登记。</p>
      </div>
      <div className="panel">
        <h2>核验上报包</h2>
        <FileChooser
          kind="open"
          addsToList
          label="上报包文件（可逐个添加多个）"
          title="选择街道的上报包"
          extensions={['zip']}
          value={null}
          onChange={(f) => f && setPackages((list) => (list.some((p) => p.path === f.path) ? list : [...list, f]))}
        />
        {packages.length > 0 && (
          <ul aria-label="待核验的上报包">
            {packages.map((p) => (
              <li key={p.handle}>
                {p.path}{' '}
                <button className="link" type="button" onClick={() => setPackages((list) => list.filter((x) => x.handle !== p.handle))}>
                  移除
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="toolbar">
          <Field label="上报包密码" type="password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        <div className="toolbar">
          <Select
            label="同时填写区级表格模板"
            value={templateId}
            onValue={setTemplateId}
            options={[
              { value: '', label: '（不填写）' },
              ...(templates.data ?? []).map((t) => ({ value: t.id, label: `${t.name}（每行来自：${t.baseTitle}）` })),
            ]}
          />
          {templateId && <FileChooser kind="folder" label="保存位置" title="填好的表格保存到这个文件夹" value={folder} onChange={setFolder} />}
          <button
            className="primary"
            type="button"
            disabled={busy || packages.length === 0 || !password || (templateId !== '' && !folder)}
            onClick={() => void verify()}
          >
            核验并汇总
          </button>
        </div>
        {busy && progress && <p role="status">{progress}</p>}
      </div>
      {result && (
        <div ref={resultTop}>
          {result.filled && (
            <p className="ok" role="status" aria-label="区级表格">
              已填好区级表格「{result.filled.title}」：{result.filled.offices} 个街道，{result.filled.rows} 行，保存在 {result.filled.path}
            </p>
          )}
          <OverlapQuestions
            packages={result.packages}
            busy={busy}
            onChoose={(packageId, choice) => {
              const answers = new Map(decisions).set(packageId, choice);
              setDecisions(answers);
              void verify(answers);
            }}
          />
          <AuditFlags packages={result.packages} />
          <div className="panel">
            <h2>核验结果</h2>
            <div role="region" aria-label="核验结果">
              <DistrictVerdicts packages={result.packages} />
            </div>
          </div>
          {result.merged.map((f) => (
            <div className="panel" key={f.id}>
              <h2>{f.title}（汇总）</h2>
              <DataGrid<Array<string | number | null>>
                label={`${f.title}（汇总）`}
                height={300}
                rowData={f.rows}
                empty={{ text: '这张报表在各街道的上报包里都没有数据。' }}
                columnDefs={f.headers.map((h, i) => ({
                  headerName: h,
                  valueGetter: (p: { data?: Array<string | number | null> }) => p.data?.[i] ?? '',
                  flex: 1,
                }))}
              />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

/** The packages whose office's audit log went back, said plainly above the grid: which office, which file, what to do. */
function AuditFlags({ packages }: { packages: PackageVerdict[] }) {
  const flagged = packages.filter((p) => p.auditFlag);
  if (flagged.length === 0) return null;
  return (
    <div className="panel audit-flags" role="alert" aria-label="操作日志前后比对">
      <h2>请注意：{flagged.length === 1 ? '有 1 个上报包' : `有 ${flagged.length} 个上报包`}的操作日志与同一街道之前报送的对不上</h2>
      <ul>
        {flagged.map((p) => (
          <li key={p.path}>
            <strong>{p.officeName}</strong>（{fileName(p.path)}）：{p.auditFlag}
          </li>
        ))}
      </ul>
      <p className="hint">签名和内容核验都已通过（是否计入汇总见下方「核验结果」）；这只说明该街道的台账在两次报送之间可能被改动过，需要向街道问明。</p>
    </div>
  );
}
