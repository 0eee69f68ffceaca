import type { ReactNode } from 'react';

/** A short 「怎么用」 on a form that needs one: open at first, folded away by whoever knows it. */
export function HelpNote({ title, children }: { title: string; children: ReactNode }) {
  return (
    <details className="help-note" open>
      <summary>{title}</summary>
      {children}
    </details>
  );
}
