/**
 * An import by sheets accounts for every sheet (session 51, W68-walk-1): under each sheet's counts, the sheets of the
 * workbook not imported, each with the rows it holds and why (not ticked, no community chosen, hidden, no header), so
 * no row leaves the count unsaid; a sheet imported from this file before is listed too, its rows not counted as missing. Before, a sheet left out was named only at the mapping step: 王一 on an unticked
 * 「一网格」 was in no count of the preview or 导入结果 and in no 退回 file.
 */
import type { LeftOutSheet } from '../../../../electron/core/io/import/contract';

const rowsWords = (s: LeftOutSheet): string =>
  s.rows === null ? '' : s.table ? `（表头下 ${s.rows.toLocaleString('zh-CN')} 行）` : s.rows > 0 ? `（${s.rows.toLocaleString('zh-CN')} 行文字）` : '';

export function SheetsLeftOut({ sheets, committed }: { sheets: readonly LeftOutSheet[] | undefined; committed: boolean }) {
  if (!sheets || sheets.length === 0) return null;
  // A sheet imported from this file before is no row missing: its rows are in that 导入记录.
  const rows = sheets.reduce((n, s) => n + (s.table && !s.doneBefore ? (s.rows ?? 0) : 0), 0);
  return (
    <section className="notice" aria-label="未导入的工作表" style={{ margin: '8px 0' }}>
      <p style={{ margin: 0 }}>
        {committed ? '没有导入' : '不导入'}的工作表 {sheets.length} 张{sheets.every((s) => s.doneBefore) && '：都已从这个文件导入过'}
        {rows > 0 && `，表头下共 ${rows.toLocaleString('zh-CN')} 行：这些行不在上面的数里，也不在退回表格里`}
        {rows > 0 && !committed && '。要导入哪一张，请「返回修改」勾选它或为它选社区（以后也可以用同一个文件只导入它：导入过的表不会再导入一次）'}。
      </p>
      <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
        {sheets.map((s) => (
          <li key={s.sheet}>
            「{s.sheet}」{rowsWords(s)}：{s.why}
          </li>
        ))}
      </ul>
    </section>
  );
}
