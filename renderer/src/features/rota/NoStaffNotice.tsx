/**
 * 排班日历 with posts but nobody registered (a new coordinator sets posts first, as 工作台's steps say): who is missing,
 * and what this reader does about it. A clerk registers staff but has no 自动排班; a viewer registers no one.
 */
export function NoStaffNotice({ here, canEdit, isCoordinator }: { here: 'all' | 'community'; canEdit: boolean; isCoordinator: boolean }) {
  const none = here === 'all' ? '还没有登记人员' : '这个社区还没有登记人员';
  return (
    <p className="notice" role="status" aria-label="还没有人员">
      {isCoordinator
        ? `${none}，自动排班和「安排」都没有人可排。先在「人员」登记专职社区工作者、下沉干部、志愿者等（每人归一个社区），再回到这里自动排班。`
        : canEdit
          ? `${none}，「安排」没有人可排。先在「人员」登记专职社区工作者、下沉干部、志愿者等（每人归一个社区），再回到这里安排；自动排班由统筹负责人办理。`
          : `${none}，还排不了班。录入员或统筹负责人在「人员」登记后，排好的班会显示在这里。`}
      {/* Whole on one line: at the end of the clerk's longer sentence it broke as 「去登记人」 / 「员」 at 1366. */}
      {canEdit && (
        <a href="#/staff" style={{ whiteSpace: 'nowrap' }}>
          去登记人员
        </a>
      )}
    </p>
  );
}
