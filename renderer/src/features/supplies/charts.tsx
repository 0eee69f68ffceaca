/** recharts for supplies: current shortages against the safety line, and stock and cover over time. */
import { Bar, CartesianGrid, ComposedChart, Legend, Line, LineChart, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import type { HistoryPoint, StockRow } from '../../../../electron/core/supplies/contract';
import { CJK_FONT_STACK } from '../../kit/grid/setup';
import { rowLabel, shortDay } from './format';

const axisStyle = { fontFamily: CJK_FONT_STACK, fontSize: 12 };

/** Days of cover per short store·item as bars, the item's safety level as a marker on each: shorter than the marker is short. */
export function ShortageChart({ rows }: { rows: StockRow[] }) {
  const data = rows.slice(0, 16).map((r) => ({ name: rowLabel(r), cover: r.cover ?? 0, safety: r.safetyDays }));
  if (data.length === 0) return <p className="ok">目前没有缺口：各社区的物资都够用到安全天数以上。</p>;
  return (
    <div className="chart-box" role="img" aria-label="缺口图：可用天数与安全天数">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 10, right: 20, bottom: 50, left: 10 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" interval={0} angle={-25} textAnchor="end" height={70} tick={axisStyle} />
          <YAxis tick={axisStyle} label={{ value: '天', angle: 0, position: 'insideTopLeft', offset: -2, style: axisStyle }} />
          <Tooltip formatter={(v, name) => [`${Number(v).toFixed(1)} 天`, name]} contentStyle={axisStyle} />
          <Legend wrapperStyle={axisStyle} verticalAlign="top" />
          <Bar dataKey="cover" name="可用天数" fill="#b3261e" barSize={28} isAnimationActive={false} />
          <Scatter dataKey="safety" name="安全天数" fill="#1d6b35" legendType="line" shape={SafetyMark} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

/** The safety level of one bar: a short green line across it, so the gap between bar top and line is the shortage. */
function SafetyMark(props: { cx?: number; cy?: number }) {
  if (props.cx === undefined || props.cy === undefined) return <g />;
  return <line x1={props.cx - 24} x2={props.cx + 24} y1={props.cy} y2={props.cy} stroke="#1d6b35" strokeWidth={3} />;
}

/** Stock (left axis) and days of cover (right axis) over the last days, for one store or the whole office. */
export function TrendChart({ points, unit, safetyDays }: { points: HistoryPoint[]; unit: string; safetyDays: number }) {
  const data = points.map((p) => ({ day: shortDay(p.day), stock: p.stock, cover: p.cover, safety: safetyDays }));
  return (
    <div className="chart-box" role="img" aria-label="库存与可用天数趋势">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 10, right: 20, bottom: 10, left: 10 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" tick={axisStyle} />
          <YAxis yAxisId="stock" tick={axisStyle} label={{ value: unit, position: 'insideTopLeft', offset: -2, style: axisStyle }} />
          <YAxis yAxisId="cover" orientation="right" tick={axisStyle} label={{ value: '天', position: 'insideTopRight', offset: -2, style: axisStyle }} />
          <Tooltip contentStyle={axisStyle} />
          <Legend wrapperStyle={axisStyle} verticalAlign="top" />
          <Line
            yAxisId="stock"
            type="stepAfter"
            dataKey="stock"
            name={`库存（${unit}）`}
            stroke="#1a4f8b"
            dot={false}
            strokeWidth={2}
            isAnimationActive={false}
          />
          <Line
            yAxisId="cover"
            type="monotone"
            dataKey="cover"
            name="可用天数"
            stroke="#b3261e"
            dot={false}
            strokeWidth={2}
            connectNulls
            isAnimationActive={false}
          />
          <Line yAxisId="cover" dataKey="safety" name="安全天数" stroke="#1d6b35" strokeDasharray="6 4" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
