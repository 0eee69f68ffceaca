import type { Role } from '../../../../electron/core/contract';

/** What each role may do, in the words of the core's access rules (contract `access`): said where a role is chosen and to whoever holds it. */
export const ROLE_CAN: Record<Role, string> = {
  coordinator: '统筹负责人：全部功能，包括用户、上报、号码设置和牺牲人员记录。',
  clerk: '录入员：登记、导入、随访和排班；可查看完整身份证号和电话（每次记入操作日志）；不能上报，不能管理用户。',
  viewer: '只读查看：只能查看，不能登记或修改；身份证号和电话始终打码（只读账号看不到完整证件号），需要完整号码请找录入员或统筹负责人。',
};
