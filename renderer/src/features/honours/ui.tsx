/** The honours screens' section frame: a titled panel with its actions on the right. */
import type { ReactNode } from 'react';

export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="panel honours-section" aria-label={title}>
      <div className="honours-section-head">
        <h2>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
