import { KeepNames } from '../KeepNames';

/** What an empty grid shows instead of ag-grid's 「无显示行」: what is missing, and the way to add it. */
export interface EmptyState {
  /** What is missing, in the coordinator's words: 「还没有社区。」 */
  text: string;
  /** The way to fill it: a link to the screen that does (#/settings?tab=org) or an action here. */
  action?: { label: string; href: string } | { label: string; onClick: () => void };
}

export function EmptyStateBox({ empty }: { empty: EmptyState }) {
  const a = empty.action;
  return (
    <div className="grid-empty">
      <div role="status">
        <p>
          <KeepNames text={empty.text} />
        </p>
        {a &&
          ('href' in a ? (
            <a className="button-link" href={a.href}>
              {a.label}
            </a>
          ) : (
            <button type="button" className="primary" onClick={a.onClick}>
              {a.label}
            </button>
          ))}
      </div>
    </div>
  );
}
