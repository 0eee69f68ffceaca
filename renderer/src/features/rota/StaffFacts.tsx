import { ASSESSMENT_LABELS, STAFF_KIND_LABELS, type Staff } from '../../../../electron/core/rota/contract';
import './rota.css';
import { staffCommunity, staffStatusText } from './common';

/**
 * One person of 人员 as a viewer (只读查看) sees them: the same facts the list
 * holds, read-only, numbers masked as the core sent them (no 查看电话: the core
 * refuses it to this role). A viewer's click on a row opens this, never nothing.
 */
export function StaffFacts({ staff }: { staff: Staff }) {
  const a = staff.lastAssessment;
  const facts: Array<[string, string]> = [
    ['人员类别', STAFF_KIND_LABELS[staff.kind]],
    ['所属社区', staffCommunity(staff.communityName)],
    ...(staff.agency ? [['派出单位', staff.agency] as [string, string]] : []),
    ['联系电话', staff.phone || '未填'],
    ['身份证号', staff.idNumber || '未填'],
    ['技能', staff.skills.join('、') || '未填'],
    ['状态', `${staffStatusText(staff)}${staff.isLeader ? '，带班领导' : ''}${staff.isMedical ? '，医务人员' : ''}`],
    ['专属保险', staff.insurer ? `${staff.insurer} ${staff.insurancePolicy ?? ''}（${staff.insuranceFrom ?? '—'} 至 ${staff.insuranceTo ?? '—'}）` : '未参保'],
    ['心理评估', a ? `${a.on} ${ASSESSMENT_LABELS[a.outcome]}${a.followUpOn ? `，${a.followUpOn} 随访` : ''}` : '未评估'],
  ];
  return (
    <section className="panel" aria-label={`${staff.name}的信息`}>
      <h3>{staff.name}的信息（只读）</h3>
      <dl className="rota-facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <p className="field-note" role="note">
        只读账号看不到完整证件号和电话（中间几位打码），也不能修改；需要完整号码或修改请找录入员或统筹负责人。
      </p>
    </section>
  );
}
