/** Steps that tick themselves: what is done, what is next, and the way to each. */
export interface ChecklistStep {
  title: string;
  /** What the step asks for, in a line. */
  text: string;
  done: boolean;
  /** Where to do it; several when there are several ways. */
  links: Array<{ label: string; href: string }>;
  /** Said instead of the links when this user cannot do the step (e.g. a clerk, for a coordinator's step). */
  notYours?: string;
}

export function Checklist({ title, steps }: { title: string; steps: ChecklistStep[] }) {
  const next = steps.findIndex((s) => !s.done);
  return (
    <section className="checklist" aria-label={title}>
      <h2>
        {title}
        <small>
          已完成 {steps.filter((s) => s.done).length} / {steps.length} 步
        </small>
      </h2>
      <ol>
        {steps.map((s, i) => (
          <li key={s.title} className={s.done ? 'done' : i === next ? 'next' : ''} aria-current={i === next ? 'step' : undefined}>
            <span className="mark" aria-label={s.done ? '已完成' : '未完成'}>
              {s.done ? '✓' : i + 1}
            </span>
            <div>
              <strong>{s.title}</strong>
              <p>{s.text}</p>
            </div>
            {!s.done && (
              <div className="checklist-links">
                {s.notYours ? (
                  <span className="hint">{s.notYours}</span>
                ) : (
                  s.links.map((l) => (
                    <a key={l.href} className={i === next ? 'button-link' : 'button-link secondary'} href={l.href}>
                      {l.label}
                    </a>
                  ))
                )}
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
