/**
 * Said where a clerk or a viewer sees a setting only the coordinator may change (the core's `access`):
 * at once, in place of the form they do not get, never after a click that fails.
 */
export function CoordinatorOnly({ what }: { what: string }) {
  return (
    <p className="notice" role="note" aria-label="谁能修改">
      只有统筹负责人可以{what}；您的账号可以查看。
    </p>
  );
}
