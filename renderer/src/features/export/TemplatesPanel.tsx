import { useState } from 'react';
import type { TemplateSummary } from '../../../../electron/core/io/export/templates/contract';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { formatInstant } from '../../kit/datetime';
import type { ChosenFile } from '../../../../electron/core/shell/contract';
import { Field } from '../../kit/Field';
import { FileChooser } from '../../kit/FileChooser';
import { DataGrid } from '../../kit/grid/DataGrid';
import { Message, type Msg } from '../../kit/Message';
import { useTaskProgress } from '../../kit/use-task-progress';
import { lastWeek, MUTED } from './common';
import { TemplateMapper } from './TemplateMapper';

/** One saved template filled for a period and saved alone as a plain xlsx where the user chooses. */
function FillAlone({ template, onDone }: { template: TemplateSummary; onDone: (m: Msg) => void }) {
  const [period, setPeriod] = useState(lastWeek);
  const [saveTo, setSaveTo] = useState<ChosenFile | null>(null);
  const [fullNumbers, setFullNumbers] = useState(false);
  const [numbersReason, setNumbersReason] = useState(template.numbersReason ?? '');
  const [allowEmpty, setAllowEmpty] = useState(false);
  const [busy, setBusy] = useState(false);
  const progress = useTaskProgress('export.templates.fill');
  const suggested = `${template.name}_${period.from.replace(/-/g, '')}-${period.to.replace(/-/g, '')}.xlsx`;

  const fill = async () => {
    if (!saveTo) return;
    setBusy(true);
    try {
      // A save location works once: the next form asks again.
      setSaveTo(null);
      const r = await call('export.templates.fill', {
        id: template.id,
        ...period,
        outPath: saveTo.handle,
        fullNumbers,
        allowEmpty,
        ...(fullNumbers ? { numbersReason } : {}),
      });
      onDone({ ok: true, text: `已生成「${template.name}」（${r.rows} 行，${r.fullNumbers ? '含完整号码' : '号码隐去中间位'}）：${r.path}` });
    } catch (e) {
      onDone({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="panel" aria-label="单独生成">
      <h3>单独生成「{template.name}」</h3>
      <div className="toolbar">
        <Field label="开始日期" type="date" value={period.from} onChange={(e) => setPeriod({ ...period, from: e.target.value })} />
        <Field label="结束日期" type="date" value={period.to} onChange={(e) => setPeriod({ ...period, to: e.target.value })} />
        <FileChooser kind="save" label="保存位置" title="保存填好的表格" suggestedName={suggested} value={saveTo} onChange={setSaveTo} />
      </div>
      <div className="toolbar">
        <label>
          <input type="checkbox" checked={allowEmpty} onChange={(e) => setAllowEmpty(e.target.checked)} /> 本期没有数据时也生成（报送空表，只有表头）
        </label>
        {template.fullNumbers && (
          <label>
            <input type="checkbox" checked={fullNumbers} onChange={(e) => setFullNumbers(e.target.checked)} /> 完整号码（这是不加密的文件，请妥善保管）
          </label>
        )}
      </div>
      {fullNumbers && <Field label="使用完整号码的理由" value={numbersReason} onChange={(e) => setNumbersReason(e.target.value)} style={{ minWidth: 420 }} />}
      {!template.fullNumbers && <p style={MUTED}>这张表的号码设置是“隐去中间位”，生成的文件只保留号码首尾几位。</p>}
      <button className="primary" type="button" disabled={busy || !saveTo || (fullNumbers && numbersReason.trim().length < 2)} onClick={() => void fill()}>
        生成表格
      </button>
      {busy && progress && <p role="status">{progress}</p>}
    </div>
  );
}

/** 区级表格模板: the district's own forms, mapped once; each filled per period into the package or alone. */
export function TemplatesPanel() {
  const templates = useQuery('export.templates.list', {});
  const [chosen, setChosen] = useState<TemplateSummary | null>(null);
  const [msg, setMsg] = useState<Msg>(null);

  const list = templates.data ?? [];
  const remove = (t: TemplateSummary) =>
    window.confirm(`删除模板「${t.name}」？删除后它不再出现在上报表格清单里，已经报送的文件不受影响。`) &&
    call('export.templates.remove', { id: t.id })
      .then(() => (setMsg({ ok: true, text: `已删除模板「${t.name}」` }), setChosen(null), templates.reload()))
      .catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }));

  return (
    <div>
      <Message msg={msg} />
      <div className="panel">
        <h2>已保存的区级表格模板</h2>
        <p style={MUTED}>保存后，这些表格会出现在「生成上报包」的表格清单里（标有“区里的表格”），也可以在这里单独生成。</p>
        {list.length === 0 && <p className="notice">还没有保存区里的表格模板。收到区里的空白表格后，在下面「添加或更新区级表格模板」中选择它。</p>}
        {list.length > 0 && (
          <DataGrid<TemplateSummary>
            label="区级表格模板"
            height={Math.min(320, 56 + list.length * 42)}
            rowData={list}
            empty={{ text: '还没有保存区里的表格模板。' }}
            getRowId={(p) => String(p.data.id)}
            columnDefs={[
              { field: 'name', headerName: '表格名称', pinned: 'left' },
              { field: 'baseTitle', headerName: '每行来自', flex: 2 },
              { headerName: '号码', width: 120, valueGetter: (p) => (p.data?.fullNumbers ? '完整号码' : '隐去中间位') },
              // The district's file names are long (金水区居家医学观察人员花名册.xlsx): wrapped whole at 1366, not cut with 「…」.
              { field: 'fileName', headerName: '模板文件', flex: 3, minWidth: 200, wrapText: true, autoHeight: true },
              { field: 'updatedAt', headerName: '更新时间', width: 150, valueFormatter: (p) => formatInstant(String(p.value)) },
              {
                headerName: '操作',
                width: 170,
                sortable: false,
                cellRenderer: (p: { data?: TemplateSummary }) =>
                  p.data ? (
                    <span>
                      <button type="button" onClick={() => (setMsg(null), setChosen(p.data!))}>
                        单独生成
                      </button>{' '}
                      <button type="button" onClick={() => void remove(p.data!)}>
                        删除
                      </button>
                    </span>
                  ) : null,
              },
            ]}
          />
        )}
      </div>
      {chosen && <FillAlone key={chosen.id} template={chosen} onDone={setMsg} />}
      <TemplateMapper onSaved={(name) => (setMsg({ ok: true, text: `已保存模板「${name}」。以后每期在「生成上报包」中勾选即可。` }), templates.reload())} />
    </div>
  );
}
