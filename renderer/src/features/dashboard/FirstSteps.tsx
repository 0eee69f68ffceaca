import type { Role } from '../../../../electron/core/contract';
import { roleAtLeast } from '../../../../electron/core/contract';
import type { FirstSteps as Steps } from '../../../../electron/core/dashboard/contract';
import { useQuery } from '../../api/hooks';
import { Checklist, type ChecklistStep } from '../../kit/Checklist';

const COORDINATOR_DOES = '由统筹负责人完成';

/** The four steps from a new ledger to a working day, in the order the work needs them. */
export function firstStepList(s: Steps, role: Role): ChecklistStep[] {
  const coordinator = roleAtLeast(role, 'coordinator');
  return [
    {
      title: '社区与网格',
      text: '添加本街道的社区（村），再为每个社区划分网格：台账里的人、户、物资和岗位都按它们归属。',
      done: s.communities && s.grids,
      links: [{ label: '添加社区和网格', href: '#/settings?tab=org' }],
      ...(coordinator ? {} : { notYours: COORDINATOR_DOES }),
    },
    {
      title: '导入或入户登记',
      text: '把社区报来的居民、住户表格导入，或在入户排查时逐户登记。',
      done: s.households,
      links: [
        { label: '导入表格', href: '#/import' },
        { label: '入户登记', href: '#/caseload?tab=register' },
      ],
    },
    {
      title: '人员与岗位',
      text: '登记专职社区工作者、下沉干部、医务人员和志愿者，再设好卡点等岗位和每班人数，就能排班。',
      done: s.staff && s.posts,
      links: [{ label: '登记人员', href: '#/staff' }, ...(coordinator ? [{ label: '设置岗位', href: '#/rota?tab=posts' }] : [])],
    },
    {
      title: '报送日历',
      text: '把区里要求定期报送的报表设一次，到期前工作台会提醒，一键生成上报包。',
      done: s.schedules,
      links: [{ label: '设置报送日历', href: '#/export?tab=calendar' }],
      ...(coordinator ? {} : { notYours: COORDINATOR_DOES }),
    },
  ];
}

/**
 * 工作台's first-run checklist: shown to clerks and coordinators until every
 * step is done, each step ticking itself as the ledger fills.
 */
export function FirstSteps({ role }: { role: Role }) {
  const steps = useQuery('dashboard.firstSteps', {});
  if (!steps.data || !roleAtLeast(role, 'clerk')) return null;
  const list = firstStepList(steps.data, role);
  if (list.every((s) => s.done)) return null;
  return <Checklist title="开始使用：四步建好台账" steps={list} />;
}
