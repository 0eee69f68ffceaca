/** What an empty grid shows instead of ag-grid's 「无显示行」: what is missing, and the way to add it. */
export interface EmptyState {
  /** What is missing, in the coordinator's words: 「还没有社区。」 */
  text: string;
  /** The way to fill it: a link to the screen that does (#/settings?tab=org) or an action here. */
  action?: { label: string; href: string } | { label: string; onClick: () => void };
}

/**
 * A name in 「」 (a screen, a tab, a button: 「入户登记」, 「添加社区」) is one word: broken over two lines (「添加社 / 区」)
 * it reads as two. Each such name of up to 12 characters is kept on one line; longer ones wrap as text.
 */
export function KeepNames({ text }: { text: string }) {
  return text.split(/(「[^「」]{1,12}」)/).map((part, i) =>
    i % 2 === 1 ? (
      <span key={i} className="keep-name">
        {part}
      </span>
    ) : (
      part
    ),
  );
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
