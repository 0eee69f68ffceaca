/**
 * 牺牲人员及表彰情况表: workers who died in community prevention work in the
 * period (因社区防控工作牺牲 in the notice's words; 因公牺牲 is a determination
 * made by others), with how the death was reported, the posthumous commendation, the
 * follow-up applications (工伤认定/烈士评定/抚恤) and the care of the family;
 * then commendations of the living drafted or decided in the period. The rows
 * come from the honours area's own submission reader, which carries no ID
 * numbers and no family details beyond counts.
 */
import { endOfDayIn } from '../../../dates.shared';
import { honoursSubmission } from '../../../honours/submission';
import { MEMORIAL_HEADING } from '../../../honours/types.shared';
import { readSettings } from '../../../settings/queries';
import { col, type FormDef, type FormRow } from './types';

const MEMORIAL = MEMORIAL_HEADING;
const COMMENDATION = '表彰推荐';

export const memorialCommendationsForm: FormDef = {
  id: 'memorial-commendations',
  title: '牺牲人员及表彰情况表',
  sheetName: '牺牲人员及表彰情况',
  sourceTables: ['honours_memorials', 'honours_reports', 'honours_commendations', 'honours_visits', 'honours_difficulties'],
  // Commendations of the living are reported even where, fortunately, no one has died.
  dataTables: ['honours_memorials', 'honours_commendations'],
  defaultFullNumbers: false,
  mergeable: false,
  landscape: true,
  // 150 units across: A4 landscape at about 94 % (190 printed at 74 %, too small for the office's printer and eyes).
  // Long texts wrap inside their column and the row grows; headers take two lines.
  columns: [
    col('section', '类别', 'text', 10),
    col('name', '姓名（表彰对象）', 'personal', 10),
    col('post', '岗位职务（对象类别）', 'text', 12),
    col('community', '所在社区', 'text', 10),
    col('diedOn', '牺牲日期', 'day', 11),
    col('cause', '原因类别', 'text', 9),
    col('reporting', '报告情况', 'text', 16),
    col('commendation', '表彰情况', 'text', 17),
    col('proposer', '推荐单位', 'text', 12),
    col('visits', '慰问家属（次）', 'number', 9),
    col('difficulties', '家属困难帮扶', 'text', 14),
    col('steps', '后续办理（工伤认定/烈士评定/抚恤）', 'text', 20),
  ],
  read(db, period, sealer) {
    // The clock only sets elapsed hours, which the form does not show: the end of the period's last day (office time) is enough.
    const { timeZone } = readSettings(db);
    const { memorials, commendations } = honoursSubmission(db, sealer, period.from, period.to, endOfDayIn(period.to, timeZone), timeZone);
    const rows: FormRow[] = memorials.map((m) => ({
      section: MEMORIAL,
      name: m.姓名,
      post: m.岗位职务,
      community: m.所在社区,
      diedOn: m.牺牲日期,
      cause: m.原因类别,
      reporting: m.报告情况,
      commendation: `追授表彰${m.追授表彰}`,
      proposer: '',
      visits: m.慰问次数,
      difficulties: m.家属困难,
      steps: m.后续办理,
    }));
    for (const k of commendations) {
      const decided = k.审批机关 || k.审批日期 ? `（${[k.审批机关, k.审批日期].filter(Boolean).join('，')}）` : '';
      rows.push({
        section: COMMENDATION,
        name: k.表彰对象,
        post: k.对象类别,
        community: k.所属社区,
        diedOn: null,
        cause: null,
        reporting: null,
        commendation: `${k.办理状态}：${k.拟授予称号}${decided}`,
        proposer: k.推荐单位,
        visits: null,
        difficulties: null,
        steps: null,
      });
    }
    return rows;
  },
};
