import type { RosterCommunity } from '../../../../electron/core/rota/report-types.shared';
import { useQuery } from '../../api/hooks';
import { dayHeader } from './common';

/**
 * XX社区疫情防控值守轮班表: A4 landscape, a sheet per community and week (titled, signed). The printed title is the
 * form's own, without the book-title marks 《》 a sentence quoting it would use.
 */
export function RosterPrint({ params }: { params: URLSearchParams }) {
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const communityId = Number(params.get('communityId')) || undefined;
  const phones = params.get('phones') === 'full' ? 'full' : 'masked';
  const roster = useQuery('rota.roster', { from, to, phones, ...(communityId ? { communityId } : {}) }, [from, to, communityId, phones]);
  if (roster.error) return <p className="error">{roster.error}</p>;
  if (!roster.data) return <p>正在准备轮班表…</p>;
  if (roster.data.communities.length === 0) return <p className="error">这个期间没有可打印的岗位。</p>;
  return (
    <div className="print-doc roster-doc">
      <style>
        {
          '@page { size: A4 landscape; margin: 10mm; } .roster-doc td, .roster-doc th { font-size: 9pt; padding: 0.8mm 1.5mm; line-height: 1.25; } .roster-doc .shift { white-space: nowrap; } .roster-doc .phone { font-size: 8pt; color: #333; } .roster-doc h2 { text-align: center; font-size: 18pt; margin: 0 0 2mm; } .roster-doc .roster-missing { font-weight: bold; border: 1px dashed #000; padding: 0 1mm; display: inline-block; }'
        }
      </style>
      {roster.data.communities.flatMap((c, i) =>
        weeks(c.days).map((days, k) => {
          // Each week is a sheet of its own, posted on its own at the post: it says whose and which week, lists that
          // week's exceptions and carries the signature lines (week 2 printed with no title, nobody's roster).
          const overrides = c.overrides.filter((o) => days.includes(o.day));
          return (
            <section key={`${c.communityId}-${days[0]}`} className={i > 0 || k > 0 ? 'page-break' : ''} aria-label={`${c.communityName}轮班表`}>
              <h2>{c.communityName}疫情防控值守轮班表</h2>
              <p className="subtitle">
                {roster.data!.officeName} · 值守期间：{days[0]} 至 {days.at(-1)}
                {roster.data!.phones === 'masked' ? ' · 电话已隐去中间位' : ''}
              </p>
              <RosterTable c={c} days={days} />
              {overrides.length > 0 && (
                <p>
                  ※ 破例安排：
                  {overrides.map((o) => `${o.day} ${o.name}（${o.post}）：${o.reason}`).join('；')}
                </p>
              )}
              <div className="signature">
                <span>编制人：__________</span>
                <span>社区负责人（签字）：__________</span>
                <span>日期：______年____月____日</span>
              </div>
            </section>
          );
        }),
      )}
    </div>
  );
}

function weeks(days: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < days.length; i += 7) out.push(days.slice(i, i + 7));
  return out;
}

/** A week's table. Each post's shifts are one group that moves to the next page whole: a post's name is in its first row only (rowSpan). */
function RosterTable({ c, days }: { c: RosterCommunity; days: string[] }) {
  return (
    <table style={{ marginBottom: '4mm' }}>
      <thead>
        <tr>
          <th style={{ width: '14%' }}>岗位（地点）</th>
          <th style={{ width: '11%' }}>班次</th>
          {days.map((d) => (
            <th key={d}>{dayHeader(d)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr>
          <td colSpan={2}>
            <strong>带班领导</strong>
          </td>
          {days.map((d) => (
            <td key={d}>{c.leaders[d] || ''}</td>
          ))}
        </tr>
      </tbody>
      {c.posts.map((p) => (
        <tbody key={p.id} className="keep">
          {c.shifts.map((s, k) => (
            <tr key={`${p.id}-${s.id}`}>
              {k === 0 && (
                <td rowSpan={c.shifts.length}>
                  {p.name}
                  <br />
                  <span className="phone">
                    {p.kindLabel}
                    {p.location ? `（${p.location}）` : ''}
                  </span>
                </td>
              )}
              <td className="shift">{s.name}</td>
              {days.map((d) => (
                <td key={d}>
                  {(p.cells[`${d}|${s.id}`]?.names ?? []).map((n) => (
                    <div key={n.name}>
                      {n.name}
                      {n.override ? '※' : ''} <span className="phone">{n.phone}</span>
                    </div>
                  ))}
                  {(p.cells[`${d}|${s.id}`]?.missing ?? 0) > 0 && <div className="roster-missing">缺 {p.cells[`${d}|${s.id}`]!.missing} 人</div>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}
