import { useState } from 'react';
import type { NumberPolicyView } from '../../../../electron/core/io/export/templates/contract';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Field } from '../../kit/Field';
import { DataGrid } from '../../kit/grid/DataGrid';
import { Message, type Msg } from '../../kit/Message';
import { MUTED } from './common';
import { revealOnMount } from '../../kit/reveal';

/** 号码设置: for each form with ID numbers or phones, whether they leave full (and why) or masked. */
export function PoliciesPanel() {
  const policies = useQuery('export.policies.list', {});
  const [editing, setEditing] = useState<NumberPolicyView | null>(null);
  const [numbersReason, setNumbersReason] = useState('');
  const [msg, setMsg] = useState<Msg>(null);
  const rows = (policies.data ?? []).filter((p) => p.carriesNumbers);

  const change = (p: NumberPolicyView, fullNumbers: boolean) =>
    call('export.policies.set', { formId: p.formId, fullNumbers, ...(fullNumbers ? { numbersReason } : {}) })
      .then(() => {
        setMsg({ ok: true, text: `「${p.title}」已改为${fullNumbers ? '完整号码' : '隐去中间位'}（已记入操作日志）。` });
        setEditing(null);
        policies.reload();
      })
      .catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }));

  return (
    <div>
      <Message msg={msg} />
      <div className="panel">
        <h2>号码设置</h2>
        <p style={MUTED}>
          每张含身份证号或电话的表格，号码是完整还是只保留首尾几位，由本街道按接收单位的需要设定（这是本街道的设定，不是文件规定）。默认：居家（医学）观察人员名单、重点人群关爱服务台账、值守人员及补助统计表为完整号码，其余隐去。完整号码只放在加密的上报包里，或您明确选择保存的文件里；每次导出都记入操作日志。
        </p>
        <DataGrid<NumberPolicyView>
          label="号码设置"
          height={300}
          rowData={rows}
          empty={{ text: '没有含身份证号或电话的表格。' }}
          getRowId={(p) => p.data.formId}
          columnDefs={[
            { field: 'title', headerName: '表格', pinned: 'left' },
            {
              headerName: '号码',
              width: 130,
              valueGetter: (p) => (p.data?.fullNumbers ? '完整号码' : '隐去中间位'),
              cellStyle: (p) => (p.data?.fullNumbers ? { color: '#8a1c1c', fontWeight: 600 } : null),
            },
            { field: 'reason', headerName: '理由', flex: 3, minWidth: 200, wrapText: true, autoHeight: true },
            { headerName: '设置人', width: 150, valueGetter: (p) => (p.data?.isDefault ? '默认设置' : `${p.data?.setBy ?? ''}`) },
            {
              headerName: '操作',
              width: 140,
              sortable: false,
              cellRenderer: (p: { data?: NumberPolicyView }) =>
                p.data ? (
                  p.data.fullNumbers ? (
                    <button type="button" onClick={() => void change(p.data!, false)}>
                      改为隐去
                    </button>
                  ) : (
                    <button type="button" onClick={() => (setNumbersReason(''), setEditing(p.data!))}>
                      改为完整号码
                    </button>
                  )
                ) : null,
            },
          ]}
        />
      </div>
      {editing && (
        <form
          className="panel"
          aria-label="改为完整号码"
          key={editing.formId}
          ref={revealOnMount}
          onSubmit={(e) => (e.preventDefault(), void change(editing, true))}
        >
          <h3>「{editing.title}」改为完整号码</h3>
          <p>表格：{editing.title}。请写明接收单位为什么需要完整的身份证号和电话，这段话会记入操作日志，并在每次上报时显示。</p>
          <Field label="使用完整号码的理由" value={numbersReason} onChange={(e) => setNumbersReason(e.target.value)} style={{ minWidth: 420 }} required />
          <div className="actions">
            <button type="button" onClick={() => setEditing(null)}>
              取消
            </button>
            <button className="primary" type="submit" disabled={numbersReason.trim().length < 2}>
              确认改为完整号码
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
