/** What the charts of 工作台 share (charts.tsx, resource-charts.tsx): the axis text, the colours, the panel, the click-through. */
import type { ReactNode } from 'react';
import { CJK_FONT_STACK } from '../../kit/grid/setup';

export const axis = { fontFamily: CJK_FONT_STACK, fontSize: 13, fill: '#333' };
export const BLUE = '#1a4f8b';
export const RED = '#b3261e';
export const AMBER = '#c77d14';
export const GREEN = '#1d6b35';
export const go = (target: string) => {
  window.location.hash = target;
};

export function ChartPanel({
  title,
  label,
  note,
  wide,
  height = 280,
  children,
}: {
  title: string;
  label: string;
  note?: ReactNode;
  wide?: boolean;
  height?: number;
  children: ReactNode;
}) {
  return (
    <section className={`dash-chart${wide ? ' wide' : ''}`} aria-label={title}>
      <h3>{title}</h3>
      <div className="dash-chart-box" role="img" aria-label={label} style={{ height }}>
        {children}
      </div>
      {note && <p className="dash-chart-note">{note}</p>}
    </section>
  );
}
