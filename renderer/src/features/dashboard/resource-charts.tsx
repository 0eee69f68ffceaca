/** The supplies and staffing charts of 工作台 (the caseload's: charts.tsx). Red marks only what needs action. */
import { Bar, BarChart, CartesianGrid, Cell, ComposedChart, LabelList, ReferenceLine, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import type { RotaFigures, SuppliesFigures } from '../../../../electron/core/dashboard/types.shared';
import { AMBER, axis, BLUE, ChartPanel, go, GREEN, RED } from './chart-panel';
import { drill, type Scope } from './drill';
import { axisDay, pct, shortWeekday } from './format';

/** A short line across the bar at the item's safety level. */
function SafetyMark(props: { cx?: number; cy?: number }) {
  if (props.cx === undefined || props.cy === undefined) return <g />;
  return <line x1={props.cx - 26} x2={props.cx + 26} y1={props.cy} y2={props.cy} stroke={GREEN} strokeWidth={3} />;
}

/** The item's name, and under it in red how many stores are short of it. */
function ItemTick(props: { x?: number; y?: number; payload?: { value?: string }; shortOf: Map<string, number> }) {
  const name = props.payload?.value ?? '';
  const short = props.shortOf.get(name) ?? 0;
  return (
    <g transform={`translate(${props.x ?? 0},${props.y ?? 0})`}>
      <text dy={14} textAnchor="middle" style={axis}>
        {name}
      </text>
      {short > 0 && (
        <text dy={31} textAnchor="middle" style={{ ...axis, fill: RED, fontWeight: 600 }}>
          {short} 处缺口
        </text>
      )}
    </g>
  );
}

export function SuppliesChart({ supplies, scope }: { supplies: SuppliesFigures; scope: Scope }) {
  const used = supplies.items.filter((i) => i.cover !== null);
  const idle = supplies.items.filter((i) => i.cover === null);
  // Very long cover would flatten every other bar: the axis stops at three times the longest safety level.
  const cap = Math.max(21, ...used.map((i) => i.safetyDays * 3));
  const rows = used.map((i) => ({
    name: i.itemName,
    shown: Math.min(i.cover ?? 0, cap),
    label: `${pct(i.cover ?? 0)}天`,
    safety: i.safetyDays,
    below: (i.cover ?? 0) < i.safetyDays,
  }));
  const shortOf = new Map(used.map((i) => [i.itemName, i.shortStores]));
  const where = scope.communityId === null ? '柱为全街道合计可用天数' : '柱为本社区可用天数';
  const note = `${where}，绿线为安全天数；红字为低于安全天数的库点数，点击柱子查看缺口。${idle.length > 0 ? `未在消耗：${idle.map((i) => i.itemName).join('、')}。` : ''}`;
  return (
    <ChartPanel title="物资可用天数" label="物资可用天数图" note={note}>
      {rows.length === 0 ? (
        <p className="dash-empty">近期没有物资出库，无法估算可用天数。</p>
      ) : (
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={rows} margin={{ top: 22, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" interval={0} height={44} tick={<ItemTick shortOf={shortOf} />} />
            <YAxis tick={axis} domain={[0, cap]} allowDataOverflow label={{ value: '天', position: 'insideTopLeft', offset: 0, style: axis }} />
            <Tooltip contentStyle={axis} formatter={(v, name) => [`${pct(Number(v))} 天`, name]} />
            <Bar
              dataKey="shown"
              name="可用天数"
              barSize={36}
              cursor="pointer"
              isAnimationActive={false}
              onClick={(_, i) => {
                const item = used[i];
                if (item) go(drill.supplyItem(item.itemId));
              }}
            >
              {rows.map((r) => (
                <Cell key={r.name} fill={r.below ? RED : BLUE} />
              ))}
              <LabelList dataKey="label" position="top" style={axis} />
            </Bar>
            <Scatter dataKey="safety" name="安全天数" fill={GREEN} shape={SafetyMark} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      )}
    </ChartPanel>
  );
}

export function StaffingChart({ rota, scope }: { rota: RotaFigures; scope: Scope }) {
  const rows = rota.days.map((d, i) => ({
    name: `${axisDay(d.day)} ${shortWeekday(d.day)}`,
    // A sliver for 0 %, so an empty day is a visible (clickable) bar rather than nothing.
    shown: Math.max(d.ratePct ?? 0, 2),
    label: d.ratePct === null ? '无需求' : `${d.ratePct}%`,
    detail: `${d.filled}/${d.required} 人次`,
    color: d.ratePct === null || d.ratePct >= 100 ? BLUE : i < 7 ? RED : AMBER,
  }));
  const note = rota.fillRatePct14 === null ? '尚未设置岗位需求。' : '红色为 7 天内有缺岗的日子，橙色为第二周；点击查看当天排班。';
  return (
    <ChartPanel title="未来 14 天排班到岗率" label="未来 14 天排班到岗率图" note={note}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 22, right: 12, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ ...axis, fontSize: 11 }} interval={0} angle={-35} textAnchor="end" height={56} />
          <YAxis tick={axis} domain={[0, 100]} ticks={[0, 50, 100]} unit="%" />
          <Tooltip
            contentStyle={axis}
            formatter={(_v, _n, item) => [
              `${String((item.payload as { label: string }).label)}（${String((item.payload as { detail: string }).detail)}）`,
              '到岗率',
            ]}
          />
          <ReferenceLine y={100} stroke={GREEN} strokeDasharray="6 4" strokeWidth={2} />
          <Bar
            dataKey="shown"
            name="到岗率"
            cursor="pointer"
            isAnimationActive={false}
            onClick={(_, i) => {
              const d = rota.days[i];
              if (d) go(drill.rota(scope, d.day));
            }}
          >
            {rows.map((r) => (
              <Cell key={r.name} fill={r.color} />
            ))}
            <LabelList dataKey="label" position="top" style={{ ...axis, fontSize: 11 }} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartPanel>
  );
}
