import type { Commendation } from '../../../../electron/core/honours/contract';
import { useSession } from '../../kit/session-context';
import { formatDayLong, formatInstantLong, officeToday } from '../../kit/datetime';
import { useMemorial } from './use-memorial';

const paragraphs = (text: string) =>
  text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);

function commendationSentence(name: string, k: Commendation): string {
  const title = k.proposedTitle.replace(/[（(]追授[）)]$/, '');
  switch (k.status) {
    case 'approved':
      return `${formatDayLong(k.decidedOn)}，${k.approvingBody}追授${name}同志“${k.conferredTitle.replace(/[（(]追授[）)]$/, '')}”称号。`;
    case 'submitted':
      return `${formatDayLong(k.submittedOn)}，${k.proposer}向${k.approvingBody || '上级'}报送追授${name}同志“${title}”称号的推荐材料，正在审批中。`;
    case 'drafted':
    case 'declined':
      return `${k.proposer}拟请求追授${name}同志“${title}”称号，推荐材料正在准备中。`;
    default: {
      const never: never = k.status;
      return String(never);
    }
  }
}

/**
 * A4 record of a fallen worker's deeds (事迹材料). Leaves out the ID number
 * and the family's details: the page may be passed on or posted. Opening it
 * is audited like opening the record.
 */
export function MemorialPrint({ id }: { id: number }) {
  const { officeName } = useSession();
  const { detail: d, error } = useMemorial(id);
  if (error) return <p className="error">{error}</p>;
  if (!d) return <p className="loading">正在准备…</p>;
  // A request that was not approved is kept in the record, not on the page about the person.
  const shownCommendations = d.commendations.filter((k) => k.status !== 'declined');
  return (
    <article className="print-doc memorial-print">
      <div className="office">{officeName}</div>
      <h1 style={{ textAlign: 'center' }}>{d.name}同志事迹材料</h1>
      <hr className="rule" />
      <table className="facts-table">
        <tbody>
          <tr>
            <th>姓　　名</th>
            <td>{d.name}</td>
            <th>性　　别</th>
            <td>{d.sex ?? ''}</td>
            <th>出生日期</th>
            <td>{formatDayLong(d.birthDate)}</td>
          </tr>
          <tr>
            <th>岗位职务</th>
            <td colSpan={3}>{d.post}</td>
            <th>所在社区</th>
            <td>{d.communityName ?? ''}</td>
          </tr>
          <tr>
            <th>牺牲时间</th>
            <td colSpan={3}>{formatInstantLong(d.diedAt)}</td>
            <th>原因类别</th>
            <td>{d.cause}</td>
          </tr>
          <tr>
            <th>牺牲地点</th>
            <td colSpan={5}>{d.place}</td>
          </tr>
        </tbody>
      </table>
      <h2>一、牺牲经过</h2>
      {paragraphs(d.circumstances).map((p, i) => (
        <p key={i} className="body">
          {p}
        </p>
      ))}
      <h2>二、主要事迹</h2>
      {d.deeds ? (
        paragraphs(d.deeds).map((p, i) => (
          <p key={i} className="body">
            {p}
          </p>
        ))
      ) : (
        <p className="body">（事迹材料正在整理中。）</p>
      )}
      {shownCommendations.length > 0 && (
        <>
          <h2>三、表彰情况</h2>
          {shownCommendations.map((k) => (
            <p key={k.id} className="body">
              {commendationSentence(d.name, k)}
            </p>
          ))}
        </>
      )}
      {d.publicity.length > 0 && (
        <>
          <h2>{shownCommendations.length > 0 ? '四' : '三'}、事迹宣传</h2>
          {d.publicity.map((p) => (
            <p key={p.id} className="body">
              {formatDayLong(p.publishedOn)}，{p.outlet}刊发《{p.headline}》。
            </p>
          ))}
        </>
      )}
      <div className="sign">
        <div>{officeName}</div>
        <div>{formatDayLong(officeToday())}</div>
      </div>
    </article>
  );
}
