import type { SortModelItem } from 'ag-grid-community';
import { useState } from 'react';
import { TAG_LABELS, TAG_SHORT_LABELS, type ResidentTag } from '../../../../electron/core/caseload/codes.shared';
import type { ResidentListRow } from '../../../../electron/core/caseload/list-types.shared';
import type { ApiInput } from '../../../../electron/core/api';
import { isDigitSearch } from '../../../../electron/core/caseload/search.shared';
import { call, errorMessage } from '../../api/client';
import { DataGrid, RowCount } from '../../kit/grid/DataGrid';
import { usePagedRows } from '../../kit/grid/paged-rows';
import { COMPACT_GRID_THEME } from '../../kit/grid/setup';
import { Message, useRunner } from '../../kit/Message';
import { revealOnMount } from '../../kit/reveal';
import { useRoleAtLeast, useSession } from '../../kit/session-context';
import { originFromParams } from './CareOrigin';
import { OpenCaseForm } from './RegisterPanel';
import { HouseholdPanel } from './HouseholdPanel';
import { MaskedNote, RevealCell } from './RevealCell';
import { nothingYet, numOrUndefined, PersonSearch, PlacePicker } from './shared';

type Filter = NonNullable<ApiInput<'residents.list'>['filter']>;
const SORTS = { name: 'name', birthDate: 'birthDate' } as const;
const toSort = (model: SortModelItem[]) => model.flatMap((s) => (s.colId in SORTS ? [{ field: SORTS[s.colId as keyof typeof SORTS], dir: s.sort }] : []));
const filterOf = (c: { q: string; communityId: string; gridId: string }): Filter => ({
  communityId: numOrUndefined(c.communityId),
  gridId: numOrUndefined(c.gridId),
  ...(c.q.trim() ? { q: c.q.trim() } : {}),
});
const NO_CASE_ORIGIN = originFromParams(undefined);
const tagsOf = (value: unknown): ResidentTag[] => (Array.isArray(value) ? (value as ResidentTag[]) : []);
/**
 * 标签 as short chips: two fit the column; a third or more shows as 「+2」 after the first, every name whole on hover.
 * (session 24: 「分散供养特困人员、监护缺失儿童」 was cut to 「分散供养特…」 in a 120 px column.)
 */
function TagChips({ tags }: { tags: ResidentTag[] }) {
  const shown = tags.length > 2 ? tags.slice(0, 1) : tags;
  return (
    <span className="tag-chips">
      {shown.map((t) => (
        <span key={t} className="tag">
          {TAG_SHORT_LABELS[t] ?? t}
        </span>
      ))}
      {tags.length > shown.length && <span className="tag">+{tags.length - shown.length}</span>}
    </span>
  );
}
/**
 * 住址 is read whole on screen, not only on hover: at 1366×768 its column holds about 17 characters a line, and a
 * community's addresses (小区、楼、单元、室) run to 30 and more. The grid pages from the core (infinite row model),
 * which takes one row height for all rows, so every row is as tall as two lines of 14 px text (a few rows fewer on
 * screen than at 34 px, every address whole without widening the column or scrolling sideways).
 */
const ADDRESS_ROW_HEIGHT = 50;
/** Said before asking: the core refuses a viewer's search by digits (it would un-mask a number a digit at a time). */
const VIEWER_DIGITS = '只读账号只能按姓名搜索：按身份证号或电话查找会逐位暴露打码的号码，请找录入员或统筹负责人。';
// The key notice itself stands above every screen (SignInNotices): here only what it means for this search.
const NO_KEY_DIGITS = '按号码查找需要敏感信息密钥，您这次登录没有（原因和办法见本页上方）；可以先按姓名查找。';

/**
 * 居民查询: every resident, found by name or by the last digits of an ID number or phone (clerks and coordinators;
 * each such search is audited in the core), whether or not they have a case. A clerk opens a case for the one found.
 */
export function ResidentsGrid() {
  const canWrite = useRoleAtLeast('clerk');
  // A clerk or coordinator without the sensitive key: the core's reason, not the viewer's rule.
  const { keyNotice } = useSession();
  const [choice, setChoice] = useState({ q: '', communityId: '', gridId: '' });
  const [caseFor, setCaseFor] = useState<ResidentListRow | null>(null);
  const [householdOf, setHouseholdOf] = useState<ResidentListRow | null>(null);
  const { msg, setMsg } = useRunner();
  const paged = usePagedRows<ResidentListRow, Filter>(
    filterOf(choice),
    (filter, sort, offset, limit) => call('residents.list', { filter, sort: toSort(sort), offset, limit }),
    (e) => setMsg({ ok: false, text: errorMessage(e) }),
  );
  const choose = (patch: Partial<typeof choice>) => {
    const next = { ...choice, ...patch };
    if (!canWrite && isDigitSearch(next.q)) return setMsg({ ok: false, text: keyNotice ? NO_KEY_DIGITS : VIEWER_DIGITS });
    setMsg(null);
    paged.apply(filterOf(next));
    setChoice(next);
  };
  const searched = choice.q.trim() !== '' || choice.communityId !== '';
  const reveal = (field: 'idNumber' | 'phone') => (p: { data?: ResidentListRow }) =>
    p.data ? <RevealCell key={p.data.id} residentId={p.data.id} field={field} masked={p.data[field]} allowed={canWrite} name={p.data.name} /> : null;
  return (
    <div>
      <form className="toolbar" onSubmit={(e) => (e.preventDefault(), choose({}))}>
        <PersonSearch id="resident-search" value={choice.q} onChange={(q) => setChoice({ ...choice, q })} canWrite={canWrite} />
        <PlacePicker
          anyLabel="全部"
          communityId={choice.communityId}
          gridId={choice.gridId}
          onChange={(communityId, gridId) => choose({ communityId, gridId })}
        />
        <button className="primary" type="submit">
          查询
        </button>
      </form>
      <Message msg={msg} />
      <DataGrid<ResidentListRow>
        label="居民列表"
        height="calc(100vh - 300px)"
        bar={
          <>
            <RowCount count={paged.count} unit="人" />
            {canWrite ? <span className="field-note">按身份证号或电话的后几位（至少 4 位）查找，每次查找记入操作日志。</span> : <MaskedNote />}
          </>
        }
        paged={paged}
        empty={
          searched
            ? { text: '没有找到这个人。请核对姓名或号码的后几位；人还不在台账里时，可以导入社区的居民表或到「入户登记」登记。' }
            : nothingYet('居民', canWrite, '从社区报来的居民表导入，或到「入户登记」逐户登记。')
        }
        getRowId={(p) => String(p.data.id)}
        theme={COMPACT_GRID_THEME}
        rowHeight={ADDRESS_ROW_HEIGHT}
        columnDefs={[
          { field: 'name', headerName: '姓名', width: 100, pinned: 'left', tooltipField: 'name' },
          // Compact cells (10 px each side, as 个案台账) and each column as wide as its widest cell at 1366 (a masked number
          // and 显示, a full birth date, two tag chips, 登记个案): the rest goes to 住址, which ended in 「…」 at 180 px and
          // scrolled the grid sideways (session 25).
          { field: 'idNumber', headerName: '身份证号', width: 195, sortable: false, cellRenderer: reveal('idNumber') },
          { field: 'phone', headerName: '联系电话', width: 145, sortable: false, cellRenderer: reveal('phone') },
          // The list carries the birth year (a whole date beside a name picks one person out); a date where the row has one.
          {
            field: 'birthDate',
            headerName: '出生',
            width: 100,
            valueFormatter: (p) => (typeof p.value === 'string' && p.value.length === 4 ? `${p.value}年` : (p.value ?? '')),
          },
          { field: 'communityName', headerName: '社区', width: 104, sortable: false, tooltipField: 'communityName' },
          {
            field: 'address',
            headerName: '住址',
            flex: 1,
            minWidth: 180,
            sortable: false,
            // The person's household: who else lives there, and its 入户排查 outcome (HouseholdPanel).
            cellRenderer: (p: { data?: ResidentListRow }) =>
              p.data ? (
                // The first line level with the other cells' one line (their glyphs 6 px below the row's top; this span
                // starts under the cell's 1 px border), the second line under it. At 7 px it sat 2 px low (session 27).
                <span style={{ display: 'flex', gap: 8, alignItems: 'flex-start', paddingTop: 5 }}>
                  {/* Two lines (the rows are as tall as two, ADDRESS_ROW_HEIGHT): an address as long as the ones a community
                      writes is whole; past two lines it ends in 「…」 and is whole on hover. Never the 同户 link that gives way. */}
                  <span className="address-lines" title={p.data.address}>
                    {p.data.address}
                  </span>
                  {p.data.householdId !== null && (
                    <button
                      type="button"
                      className="link"
                      style={{ flexShrink: 0, lineHeight: '20px' }}
                      aria-label={`查看${p.data.name}的同户人员`}
                      onClick={() => setHouseholdOf(p.data!)}
                    >
                      同户
                    </button>
                  )}
                </span>
              ) : null,
          },
          {
            field: 'tags',
            headerName: '标签',
            width: 152,
            sortable: false,
            valueFormatter: (p) =>
              tagsOf(p.value)
                .map((t) => TAG_LABELS[t] ?? t)
                .join('、'),
            tooltipValueGetter: (p) =>
              tagsOf(p.value)
                .map((t) => TAG_LABELS[t] ?? t)
                .join('、'),
            cellRenderer: (p: { value?: unknown }) => <TagChips tags={tagsOf(p.value)} />,
          },
          {
            colId: 'cases',
            headerName: '在办个案',
            width: canWrite ? 120 : 80,
            sortable: false,
            cellRenderer: (p: { data?: ResidentListRow }) =>
              p.data ? (
                <span style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
                  {p.data.activeCases}
                  {canWrite && (
                    <button type="button" className="link" aria-label={`为${p.data.name}登记个案`} onClick={() => setCaseFor(p.data!)}>
                      登记个案
                    </button>
                  )}
                </span>
              ) : null,
          },
        ]}
      />
      {householdOf?.householdId != null && (
        <HouseholdPanel key={householdOf.id} householdId={householdOf.householdId} person={householdOf.id} onClose={() => setHouseholdOf(null)} />
      )}
      {caseFor && (
        <div key={caseFor.id} ref={revealOnMount}>
          <OpenCaseForm residents={[{ id: caseFor.id, name: caseFor.name }]} initialOrigin={NO_CASE_ORIGIN} />
        </div>
      )}
    </div>
  );
}
