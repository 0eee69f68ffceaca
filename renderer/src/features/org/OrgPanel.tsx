import { useState } from 'react';
import type { Community, Grid } from '../../../../electron/core/org/contract';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { DataGrid } from '../../kit/grid/DataGrid';
import { Field } from '../../kit/Field';
import { CoordinatorOnly } from '../../kit/CoordinatorOnly';

/** Communities (社区/村) and their grids (网格), with household and population counts. */
export function OrgPanel({ editable }: { editable: boolean }) {
  const communities = useQuery('org.communities.list', {});
  const grids = useQuery('org.grids.list', {});
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'社区' | '村'>('社区');
  const [gridName, setGridName] = useState('');
  const [gridCommunity, setGridCommunity] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);

  const run = (p: Promise<unknown>, ok: string) =>
    p.then(() => setMsg({ ok: true, text: ok })).catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }));

  return (
    <div>
      {msg && (
        <p className={msg.ok ? 'ok' : 'error'} role={msg.ok ? 'status' : 'alert'}>
          {msg.text}
        </p>
      )}
      {/* Side by side: one above the other, 「添加网格」 sat under a 1366×768 screen's window (706 px of 678). */}
      <div className="org-panels">
        <div className="panel">
          <h2>社区 / 村</h2>
          {editable && (
            <form
              className="toolbar"
              onSubmit={(e) => (
                e.preventDefault(),
                void run(
                  call('org.communities.save', { name, kind }).then(() => setName('')),
                  `已添加社区「${name}」`,
                )
              )}
            >
              <Field label="社区名称" value={name} onChange={(e) => setName(e.target.value)} required />
              <div className="field">
                <label htmlFor="community-kind">类别</label>
                <select id="community-kind" value={kind} onChange={(e) => setKind(e.target.value as '社区' | '村')}>
                  <option>社区</option>
                  <option>村</option>
                </select>
              </div>
              <button className="primary" type="submit">
                添加社区
              </button>
            </form>
          )}
          {!editable && <CoordinatorOnly what="添加或修改社区、网格和户数" />}
          {editable && <p className="hint">名称、户数和人口数可在表格里双击修改；户数是入户排查覆盖率的分母。</p>}
          <DataGrid<Community>
            label="社区列表"
            height={300}
            rowData={communities.data}
            empty={
              editable
                ? { text: '还没有社区或村。台账从这里开始：在上面填写社区名称，点「添加社区」；然后为每个社区添加网格。' }
                : { text: '还没有社区或村，请统筹负责人添加。' }
            }
            getRowId={(p) => String(p.data.id)}
            columnDefs={[
              { field: 'name', headerName: '社区名称', pinned: 'left', editable },
              { field: 'kind', headerName: '类别' },
              { field: 'gridCount', headerName: '网格数' },
              { field: 'households', headerName: '户数', width: 110, editable, valueParser: (p) => Number(p.newValue) },
              { field: 'population', headerName: '人口数', width: 110, editable, valueParser: (p) => Number(p.newValue) },
            ]}
            onCellValueChanged={(e) =>
              void run(
                call('org.communities.save', {
                  id: e.data.id,
                  name: e.data.name,
                  kind: e.data.kind,
                  households: e.data.households,
                  population: e.data.population,
                }),
                '已保存',
              ).finally(communities.reload)
            }
          />
        </div>
        <div className="panel">
          <h2>网格</h2>
          {editable && (
            <form
              className="toolbar"
              onSubmit={(e) => (
                e.preventDefault(),
                void run(
                  call('org.grids.save', { communityId: Number(gridCommunity), name: gridName }).then(() => setGridName('')),
                  `已添加网格「${gridName}」`,
                )
              )}
            >
              <div className="field">
                <label htmlFor="grid-community">所属社区</label>
                <select id="grid-community" value={gridCommunity} onChange={(e) => setGridCommunity(e.target.value)} required>
                  <option value="">请选择</option>
                  {(communities.data ?? []).map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </div>
              <Field label="网格名称" value={gridName} onChange={(e) => setGridName(e.target.value)} required />
              <button className="primary" type="submit">
                添加网格
              </button>
            </form>
          )}
          {editable && <p className="hint">网格名称、户数和人口数可在表格里双击修改。</p>}
          <DataGrid<Grid>
            label="网格列表"
            height={300}
            rowData={grids.data}
            empty={
              (communities.data ?? []).length === 0
                ? { text: '还没有社区：先在「社区 / 村」填写社区名称，点「添加社区」，再为它划分网格。' }
                : editable
                  ? { text: '还没有网格。选「所属社区」、填网格名称，点「添加网格」。' }
                  : { text: '还没有网格，请统筹负责人添加。' }
            }
            getRowId={(p) => String(p.data.id)}
            columnDefs={[
              { field: 'communityName', headerName: '所属社区', pinned: 'left' },
              { field: 'name', headerName: '网格名称', pinned: 'left', editable },
              { field: 'households', headerName: '户数', width: 110, editable, valueParser: (p) => Number(p.newValue) },
              { field: 'population', headerName: '人口数', width: 110, editable, valueParser: (p) => Number(p.newValue) },
            ]}
            onCellValueChanged={(e) =>
              void run(
                call('org.grids.save', {
                  id: e.data.id,
                  communityId: e.data.communityId,
                  name: e.data.name,
                  households: e.data.households,
                  population: e.data.population,
                }),
                '已保存',
              ).finally(grids.reload)
            }
          />
        </div>
      </div>
    </div>
  );
}
