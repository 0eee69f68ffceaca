import { SUBJECT_KIND_LABELS } from '../../../../electron/core/honours/contract';
import { useQuery } from '../../api/hooks';
import { useSession } from '../../kit/session-context';
import { formatDayLong } from '../../kit/datetime';

const BLANK_DATE = '年　　月　　日';

/** 表彰推荐审批表: the usual one-page form, filled from the record, with room for opinions and seals. */
export function CommendationFormPrint({ id }: { id: number }) {
  const { officeName } = useSession();
  const q = useQuery('honours.commendations.get', { id }, [id]);
  if (q.error) return <p className="error">{q.error}</p>;
  const k = q.data;
  if (!k) return <p className="loading">正在准备…</p>;
  const posthumous = k.memorialId !== null;
  const decided = k.status === 'approved' || k.status === 'declined';
  return (
    <article className="print-doc form-print">
      <h1>表彰推荐审批表</h1>
      <div className="meta">
        <span>填报单位：{officeName}</span>
        <span>填报日期：{formatDayLong(k.draftedOn)}</span>
      </div>
      <table>
        <tbody>
          <tr>
            <th>推荐对象</th>
            <td>
              {k.subjectName}
              {posthumous ? '（追授）' : ''}
            </td>
            <th>对象类别</th>
            <td>{SUBJECT_KIND_LABELS[k.subjectKind]}</td>
          </tr>
          <tr>
            <th>所属社区</th>
            <td>{k.communityName ?? officeName}</td>
            <th>拟授予称号</th>
            <td>{k.proposedTitle}</td>
          </tr>
          <tr className="deeds">
            <th>
              主要
              <br />
              事迹
            </th>
            <td colSpan={3} className="tall">
              {k.deeds
                .split(/\n+/)
                .filter((line) => line.trim() !== '')
                .map((line, i) => (
                  <p key={i}>{line.trim()}</p>
                ))}
            </td>
          </tr>
          <tr>
            <th>
              推荐单位
              <br />
              意见
            </th>
            <td colSpan={3} className="opinion">
              同意推荐。
              <div className="stamp">
                {k.proposer}（盖章）
                <br />
                {formatDayLong(k.draftedOn)}
              </div>
            </td>
          </tr>
          <tr>
            <th>
              街道
              <br />
              审核意见
            </th>
            <td colSpan={3} className="opinion">
              <div className="stamp">
                {officeName}（盖章）
                <br />
                {k.submittedOn ? formatDayLong(k.submittedOn) : BLANK_DATE}
              </div>
            </td>
          </tr>
          <tr>
            <th>
              审批机关
              <br />
              意见
            </th>
            <td colSpan={3} className="opinion">
              {k.status === 'approved'
                ? `同意授予“${k.conferredTitle}”称号。${k.decisionNotes ? `\n${k.decisionNotes}` : ''}`
                : k.status === 'declined'
                  ? k.decisionNotes
                  : ''}
              <div className="stamp">
                {k.approvingBody ? `${k.approvingBody}（盖章）` : '（盖章）'}
                <br />
                {decided ? formatDayLong(k.decidedOn) : BLANK_DATE}
              </div>
            </td>
          </tr>
        </tbody>
      </table>
    </article>
  );
}
