import { useState } from 'react';
import { STAFF_KIND_LABELS, type InsuranceLine } from '../../../../electron/core/rota/contract';
import { call } from '../../api/client';
import { useQuery } from '../../api/hooks';
import type { ChosenFile } from '../../../../electron/core/shell/contract';
import { Field } from '../../kit/Field';
import { FileChooser } from '../../kit/FileChooser';
import { DataGrid } from '../../kit/grid/DataGrid';
import { COMPACT_GRID_THEME } from '../../kit/grid/setup';
import { staffCommunity } from './common';
import { Message, useRunner } from '../../kit/Message';

// Two lists side by side at 1366 wide (about 550 px each): every column a width of its own, at the compact padding, so
// all five headers show whole, in a list with rows and in an empty one (sized to content, 保险截止日 was cut at the edge).
const columns = [
  { field: 'name' as const, headerName: '姓名', pinned: 'left' as const, width: 80, tooltipField: 'name' as const },
  {
    field: 'kind' as const,
    headerName: '类别',
    // 9 characters: 社区医生/医务人员.
    width: 150,
    valueFormatter: (p: { value: unknown }) => STAFF_KIND_LABELS[p.value as InsuranceLine['kind']],
  },
  {
    field: 'communityName' as const,
    headerName: '社区',
    width: 96,
    valueFormatter: (p: { value: unknown }) => staffCommunity(p.value as string | null),
  },
  { field: 'insurer' as const, headerName: '承保公司', flex: 1, minWidth: 90, tooltipField: 'insurer' as const },
  // 5 characters and the sort arrow.
  { field: 'insuranceTo' as const, headerName: '保险截止日', width: 108 },
];

/**
 * 专属保险: who has none (or whose cover has ended), whose cover ends within 14
 * days, and the roster the insurer needs (full ID numbers: coordinators only). `canEdit`: the reader registers staff
 * (the form above); a viewer is not told to press what is not there.
 */
export function InsurancePanel({ canEdit, isCoordinator }: { canEdit: boolean; isCoordinator: boolean }) {
  const gaps = useQuery('rota.staff.insurance', {});
  // 「都有专属保险」 only when there is someone in post to have it: with nobody registered it would claim what was never checked.
  const staff = useQuery('rota.staff.list', {});
  const inPost = (staff.data ?? []).filter((s) => s.status === 'active').length;
  const [roster, setRoster] = useState<{ file: ChosenFile | null; insurer: string }>({ file: null, insurer: '' });
  const { msg, run } = useRunner();
  const g = gaps.data;
  return (
    <div className="panel" aria-label="专属保险">
      <h2>专属保险</h2>
      <p className="notice">
        通知：“有条件的地方，可为参与社区防控工作的社区工作者、基层医务人员办理专属保险。”下表列出全部在岗人员，由本单位决定为哪些人投保。
      </p>
      {g && (
        <div className="grid-pair">
          <section aria-label="未参保或已过期">
            <h3>未参保或保险已过期（{g.missing.length} 人）</h3>
            <DataGrid<InsuranceLine>
              label="未参保或已过期名单"
              height={220}
              rowData={g.missing}
              empty={{
                text: !staff.data
                  ? '正在统计…'
                  : inPost > 0
                    ? `在岗的 ${inPost} 人都有专属保险。`
                    : canEdit
                      ? '还没有在岗人员：先在上面填好姓名，点「登记人员」。'
                      : '还没有在岗人员。',
              }}
              getRowId={(p) => String(p.data.staffId)}
              columnDefs={columns}
              theme={COMPACT_GRID_THEME}
            />
          </section>
          <section aria-label={`${g.withinDays} 天内到期`}>
            <h3>
              {g.withinDays} 天内到期（{g.ending.length} 人）
            </h3>
            <DataGrid<InsuranceLine>
              label="即将到期名单"
              height={220}
              rowData={g.ending}
              empty={{ text: `${g.withinDays} 天内没有到期的保险。` }}
              getRowId={(p) => String(p.data.staffId)}
              columnDefs={columns}
              theme={COMPACT_GRID_THEME}
            />
          </section>
        </div>
      )}
      {isCoordinator && (
        <form
          className="toolbar"
          aria-label="导出投保人员名单"
          onSubmit={(e) => {
            e.preventDefault();
            if (!roster.file) return;
            const file = roster.file;
            setRoster({ ...roster, file: null });
            void run(
              call('rota.staff.insurerRoster', { path: file.handle, ...(roster.insurer ? { insurer: roster.insurer } : {}) }).then(() => undefined),
              `已导出投保人员名单：${file.path}`,
            );
          }}
        >
          <Field
            label="承保公司"
            value={roster.insurer}
            onChange={(e) => setRoster({ ...roster, insurer: e.target.value })}
            placeholder="不填则导出全部在岗人员"
          />
          <FileChooser
            kind="save"
            label="保存到（.xlsx 文件）"
            title="保存投保人员名单"
            suggestedName="投保人员名单.xlsx"
            value={roster.file}
            onChange={(file) => setRoster((r) => ({ ...r, file }))}
          />
          <button className="primary" type="submit" disabled={!roster.file}>
            导出投保人员名单（含完整身份证号）
          </button>
        </form>
      )}
      <Message msg={msg} />
    </div>
  );
}
