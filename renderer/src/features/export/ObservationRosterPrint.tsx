import type { FormPrint } from '../../../../electron/core/io/export/contract';
import { useQuery } from '../../api/hooks';
import { headerLines } from '../../../../electron/core/header-break.shared';

type Row = FormPrint['rows'][number];
/**
 * Cells kept on one line (a date, a masked number, a count) but these, whose values run long (来源地 up to 60 characters,
 * 交通方式 and 车次, the team's three people): kept on one line they pushed the table past the page's right edge and the
 * last columns were cut off the paper. They share what the page leaves as their text asks (no set width: 30 mm broke
 * 「孙警官」 with room to spare) and break at a space or after 「、」 (between the team's people), inside a word only
 * when one word is wider than the column. A grid's or a person's name wraps only at a space (「第一网格」 set a
 * character a line when it could break anywhere).
 */
const WRAPS = new Set(['origin', 'travel', 'team']);
const WORDS = new Set(['grid', 'name']);
const cellClass = (key: string): string | undefined => (WRAPS.has(key) ? 'wraps' : WORDS.has(key) ? 'words' : undefined);
const cell = (v: Row[string] | undefined): string => (v === null || v === undefined ? '' : String(v));

/** 居家（医学）观察人员名单 on A4 landscape: one community per page, numbers masked (the sheet travels and is posted). */
export function ObservationRosterPrint({ params }: { params: URLSearchParams }) {
  // No period in the link (人员台账's 打印观察人员名单): the core prints the last 7 days to its today, so a Monday's sheet
  // is a week like any other day's (io/export/forms/observation-roster.ts printedRosterPeriod; session 19 printed this
  // week Monday → today, one day on a Monday).
  const askedFrom = params.get('from') ?? undefined;
  const askedTo = params.get('to') ?? undefined;
  const doc = useQuery('export.form.print', { formId: 'observation-roster', from: askedFrom, to: askedTo }, [askedFrom, askedTo]);
  if (doc.error) return <p className="error">{doc.error}</p>;
  if (!doc.data) return <p className="loading">正在生成…</p>;
  const { title, officeName, from, to, columns, rows } = doc.data;
  // The community heads each page; the table keeps the rest of the form's columns.
  const shown = columns.filter((c) => c.key !== 'community');
  const byCommunity = new Map<string, Row[]>();
  for (const r of rows) {
    const list = byCommunity.get(cell(r.community));
    if (list) list.push(r);
    else byCommunity.set(cell(r.community), [r]);
  }
  return (
    <>
      <style>
        {
          '@page { size: A4 landscape; margin: 10mm; } .roster-print td, .roster-print th { font-size: 9pt; padding: 1mm 1.2mm; line-height: 1.3; } .roster-print td { white-space: nowrap; } .roster-print td.wraps { white-space: normal; word-break: keep-all; overflow-wrap: anywhere; } .roster-print td.words { white-space: normal; word-break: keep-all; } .roster-print .header-part { white-space: nowrap; }'
        }
      </style>
      {byCommunity.size === 0 && (
        <article className="print-doc roster-print">
          <h1>{title}</h1>
          <p className="subtitle">
            {officeName}　{from} 至 {to}：没有在观察的人员。
          </p>
        </article>
      )}
      {[...byCommunity.entries()].map(([community, list], i) => (
        <article key={community} className={`print-doc roster-print${i > 0 ? ' page-break' : ''}`} aria-label={`${community}${title}`}>
          <h1>{title}</h1>
          <p className="subtitle">
            {officeName}　{community}　统计期间：{from} 至 {to}（共 {list.length} 人）
          </p>
          <table>
            <thead>
              <tr>
                <th className="narrow">序号</th>
                {shown.map((c) => (
                  <th key={c.key}>
                    {headerLines(c.header).map((part, k) => (
                      <span key={k} className="header-part">
                        {k > 0 && <br />}
                        {part}
                      </span>
                    ))}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list.map((r, n) => (
                <tr key={n}>
                  <td className="narrow">{n + 1}</td>
                  {shown.map((c) => (
                    <td key={c.key} className={cellClass(c.key)}>
                      {cell(r[c.key])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <div className="signature">
            <span>社区负责人：</span>
            <span>填表人：</span>
            <span>日期：</span>
          </div>
        </article>
      ))}
    </>
  );
}
