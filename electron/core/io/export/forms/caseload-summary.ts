/** 人员排查管控情况汇总表: per community and category, active at period end, new and closed in the period. */
import { CATEGORY_LABELS, type CaseCategory } from '../../../caseload/codes.shared';
import { col, type FormDef, type FormRow } from './types';
import { liveCase } from '../../../caseload/case-void';
import { CASES_MOVED_AFTER_TO, casePlaceOn } from '../../../caseload/case-moves.repo';

const place = casePlaceOn('c', 'm');

interface Row {
  community: string;
  category: CaseCategory;
  active: number;
  opened: number;
  closed: number;
}

export const caseloadSummaryForm: FormDef = {
  id: 'caseload-summary',
  title: '人员排查管控情况汇总表',
  sheetName: '人员排查管控汇总',
  sourceTables: ['cases', 'communities'],
  defaultFullNumbers: false,
  mergeable: true,
  landscape: false,
  // 在管人数 per category is people, but its 合计 adds the rows (the district adds up on paper; form-totals.test): a
  // person in two categories is in it twice. Said under the table, so nobody reads 合计 as the number of people.
  footnote: '注：合计为上面各行相加。同一人属于几类人员（如返程人员又在居家观察）的，每一类各计一次，所以合计的在管人数可能多于实际人数。',
  // As wide as portrait A4 holds at full size (88 of 98 units): a long community name on one line, and the table
  // across the page (forms.xlsx is centred on the paper: workbook.ts centredOnPaper).
  columns: [
    col('community', '社区（村）', 'text', 26),
    col('category', '人员类别', 'text', 22),
    col('active', '在管人数', 'number', 12),
    col('opened', '本期新增', 'number', 12),
    col('closed', '本期解除/办结', 'number', 16),
  ],
  read(db, period) {
    // One pass over cases grouped by community and category; the period decides each count. A case counts in the
    // community its person lived in on the period's last day (a later move: case-moves.repo.ts), so a week already sent
    // reads the same after a move.
    const rows = db
      .prepare(
        `SELECT cm.name AS community, c.category AS category,
                sum(CASE WHEN c.opened_on <= @to AND (c.closed_on IS NULL OR c.closed_on > @to) THEN 1 ELSE 0 END) AS active,
                sum(CASE WHEN c.opened_on BETWEEN @from AND @to THEN 1 ELSE 0 END) AS opened,
                sum(CASE WHEN c.closed_on BETWEEN @from AND @to THEN 1 ELSE 0 END) AS closed
         FROM cases c LEFT JOIN ${CASES_MOVED_AFTER_TO} m ON m.case_id = c.id JOIN communities cm ON cm.id = ${place.community}
         WHERE c.opened_on <= @to AND ${liveCase('c')}
         GROUP BY ${place.community}, c.category
         ORDER BY ${place.community}, c.category`,
      )
      .all(period) as Row[];
    const out: FormRow[] = rows
      .filter((r) => r.active + r.opened + r.closed > 0)
      .map((r) => ({ community: r.community, category: CATEGORY_LABELS[r.category] ?? r.category, active: r.active, opened: r.opened, closed: r.closed }));
    if (out.length > 0) {
      const sum = (k: 'active' | 'opened' | 'closed') => out.reduce((s, r) => s + Number(r[k]), 0);
      out.push({ community: '合计', category: '', active: sum('active'), opened: sum('opened'), closed: sum('closed') });
    }
    return out;
  },
};
